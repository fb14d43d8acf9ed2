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
    private final class Partials: @unchecked Sendable {
        var values: [[Double]]
        init(_ n: Int) { values = Array(repeating: [], count: n) }
    }

    public static func compute(_ graph: CSRGraph, threads: Int = 2) -> [Double] {
        let n = graph.nodeCount
        let workers = max(1, min(threads, n))
        let partials = Partials(workers)
        let work: @Sendable (Int) -> Void = { w in
            partials.values[w] = accumulate(graph, worker: w, of: workers)
        }
        if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
        var total = [Double](repeating: 0, count: n)
        for p in partials.values { for i in 0..<n { total[i] += p[i] } }
        return total
    }

    static func accumulate(_ g: CSRGraph, worker: Int, of workers: Int) -> [Double] {
        let n = g.nodeCount
        var bc = [Double](repeating: 0, count: n)
        var sigma = [Double](repeating: 0, count: n)
        var dist = [Int32](repeating: -1, count: n)
        var delta = [Double](repeating: 0, count: n)
        var order = [Int32](repeating: 0, count: n)
        g.offsets.withUnsafeBufferPointer { off in
            g.targets.withUnsafeBufferPointer { tg in
                sigma.withUnsafeMutableBufferPointer { sg in
                    dist.withUnsafeMutableBufferPointer { ds in
                        delta.withUnsafeMutableBufferPointer { dl in
                            order.withUnsafeMutableBufferPointer { od in
                                bc.withUnsafeMutableBufferPointer { b in
                                    var s = worker
                                    while s < n {
                                        // BFS counting shortest paths.
                                        var count = 1
                                        od[0] = Int32(s)
                                        ds[s] = 0
                                        sg[s] = 1
                                        var head = 0
                                        while head < count {
                                            let u = Int(od[head])
                                            head += 1
                                            let du = ds[u] + 1
                                            let su = sg[u]
                                            for e in Int(off[u])..<Int(off[u + 1]) {
                                                let v = Int(tg[e])
                                                if ds[v] < 0 {
                                                    ds[v] = du
                                                    od[count] = Int32(v)
                                                    count += 1
                                                }
                                                if ds[v] == du { sg[v] += su }
                                            }
                                        }
                                        // Dependencies in reverse BFS order over successors.
                                        // dl[x] holds (1 + δ(x)) / σ(x), so each successor edge costs one add.
                                        var i = count - 1
                                        while i >= 0 {
                                            let w = Int(od[i])
                                            let dw = ds[w] + 1
                                            var acc = 0.0
                                            for e in Int(off[w])..<Int(off[w + 1]) {
                                                let x = Int(tg[e])
                                                if ds[x] == dw { acc += dl[x] }
                                            }
                                            let sw = sg[w]
                                            let deltaW = sw * acc
                                            dl[w] = (1 + deltaW) / sw
                                            if w != s { b[w] += deltaW }
                                            i -= 1
                                        }
                                        for j in 0..<count {
                                            let v = Int(od[j])
                                            ds[v] = -1
                                            sg[v] = 0
                                            dl[v] = 0
                                        }
                                        s += workers
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return bc
    }
}
