import Foundation

/// Exact betweenness centrality (Brandes 2001), unweighted, on the directed graph.
///
/// Values are not normalised and count ordered pairs (`networkx.betweenness_centrality(G,
/// normalized=False)` on a `DiGraph`). Sources are split over `threads` workers (source `s` goes
/// to worker `s % threads`); the partial sums are added in worker order, so the result is the
/// same on every run for a given `threads`.
///
/// - Complexity: O(V·E) time, O(V) memory per worker.
public enum Betweenness {
    public static func compute(_ graph: CSRGraph, threads: Int = 2) -> [Double] {
        let n = graph.nodeCount
        let workers = max(1, min(threads, n))
        let partials = Parallel.map(
            (0..<workers).map { w in { accumulate(graph, worker: w, of: workers) } }, threads: workers)
        var total = [Double](repeating: 0, count: n)
        for p in partials { for i in 0..<n { total[i] += p[i] } }
        return total
    }

    /// Per-node BFS state kept together so one cache line serves both reads of an edge.
    struct Visit {
        var sigma: Double
        var dist: Int32
    }

    static func accumulate(_ g: CSRGraph, worker: Int, of workers: Int) -> [Double] {
        let n = g.nodeCount
        var bc = [Double](repeating: 0, count: n)
        let visit = UnsafeMutablePointer<Visit>.allocate(capacity: n)
        visit.initialize(repeating: Visit(sigma: 0, dist: -1), count: n)
        let dl = UnsafeMutablePointer<Double>.allocate(capacity: n)
        dl.initialize(repeating: 0, count: n)
        let tmp = UnsafeMutablePointer<Double>.allocate(capacity: n)
        tmp.initialize(repeating: 0, count: n)
        // One spare slot: the branch-free BFS writes od[count] before deciding to keep it.
        let od = UnsafeMutablePointer<Int32>.allocate(capacity: n + 1)
        od.initialize(repeating: 0, count: n + 1)
        defer {
            visit.deallocate()
            dl.deallocate()
            tmp.deallocate()
            od.deallocate()
        }
        g.offsets.withUnsafeBufferPointer { off in
            g.targets.withUnsafeBufferPointer { tg in
                bc.withUnsafeMutableBufferPointer { b in
                    var s = worker
                    while s < n {
                        // BFS counting shortest paths.
                        var count = 1
                        od[0] = Int32(s)
                        visit[s] = Visit(sigma: 1, dist: 0)
                        var head = 0
                        while head < count {
                            let u = Int(od[head])
                            head += 1
                            let du = visit[u].dist + 1
                            let su = visit[u].sigma
                            for e in Int(off[u])..<Int(off[u + 1]) {
                                // Branch-free: whether v is new or on the next level is random,
                                // so every store happens and only the counts depend on it.
                                let v = Int(tg[e])
                                let dv = visit[v].dist
                                let fresh = dv < 0
                                visit[v].dist = fresh ? du : dv
                                od[count] = Int32(truncatingIfNeeded: v)
                                count &+= fresh ? 1 : 0
                                visit[v].sigma += (fresh || dv == du) ? su : 0
                            }
                        }
                        // Dependencies, one BFS level at a time from the deepest. dl[x] holds
                        // (1 + δ(x)) / σ(x) once x's level is done and 0 before, so a level's sums
                        // need no distance test: an edge from level L reaches levels ≤ L + 1, and
                        // only L + 1 is done.
                        var end = count
                        while end > 0 {
                            let level = visit[Int(od[end - 1])].dist
                            var start = end - 1
                            while start > 0 && visit[Int(od[start - 1])].dist == level { start -= 1 }
                            for i in start..<end {
                                let w = Int(od[i])
                                var acc = 0.0
                                for e in Int(off[w])..<Int(off[w + 1]) { acc += dl[Int(tg[e])] }
                                tmp[i] = acc
                            }
                            for i in start..<end {
                                let w = Int(od[i])
                                let sw = visit[w].sigma
                                let deltaW = sw * tmp[i]
                                dl[w] = (1 + deltaW) / sw
                                if w != s { b[w] += deltaW }
                            }
                            end = start
                        }
                        for j in 0..<count {
                            let v = Int(od[j])
                            visit[v] = Visit(sigma: 0, dist: -1)
                            dl[v] = 0
                        }
                        s += workers
                    }
                }
            }
        }
        return bc
    }
}
