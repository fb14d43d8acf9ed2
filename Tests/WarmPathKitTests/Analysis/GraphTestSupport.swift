import Foundation

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// Seeded SplitMix64 generator (deterministic test graphs).
struct GraphRNG {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

/// Small graphs as edge arrays.
struct EngineTestGraph {
    var n: Int
    var s: [Int32] = []
    var t: [Int32] = []
    var w: [Double] = []

    mutating func add(_ a: Int, _ b: Int, _ weight: Double = 1) {
        s.append(Int32(a))
        t.append(Int32(b))
        w.append(weight)
    }

    /// CSR with per-slot costs (`weight` taken as the cost).
    var csr: (CSRGraph, [Double]) {
        let built = CSRGraph.countingSort(nodeCount: n, sources: s, targets: t, keepIndex: true)
        let g = CSRGraph(
            nodeCount: n, offsets: built.offsets, targets: built.targets, weights: nil, edgeIndex: built.perm)
        return (g, built.perm!.map { w[Int($0)] })
    }

    static func random(n: Int, m: Int, seed: UInt64, zeroFraction: Double = 0.1, simple: Bool = true) -> EngineTestGraph
    {
        var rng = GraphRNG(seed: seed)
        var g = EngineTestGraph(n: n)
        var seen = Set<Int>()
        var tries = 0
        while g.s.count < m && tries < m * 20 {
            tries += 1
            let a = rng.int(n)
            let b = rng.int(n)
            if a == b || (simple && seen.contains(a * n + b)) { continue }
            seen.insert(a * n + b)
            let c = rng.unit() < zeroFraction ? 0.0 : Double(1 + rng.int(9)) / 4
            g.add(a, b, c)
        }
        return g
    }

    static func path(_ n: Int) -> EngineTestGraph {
        var g = EngineTestGraph(n: n)
        for i in 0..<(n - 1) { g.add(i, i + 1) }
        return g
    }

    static func star(_ n: Int) -> EngineTestGraph {
        var g = EngineTestGraph(n: n)
        for i in 1..<n { g.add(0, i); g.add(i, 0) }
        return g
    }

    static func complete(_ n: Int) -> EngineTestGraph {
        var g = EngineTestGraph(n: n)
        for i in 0..<n { for j in 0..<n where i != j { g.add(i, j) } }
        return g
    }

    static func grid(_ r: Int, _ c: Int) -> EngineTestGraph {
        var g = EngineTestGraph(n: r * c)
        for i in 0..<r {
            for j in 0..<c {
                let v = i * c + j
                if j + 1 < c { g.add(v, v + 1); g.add(v + 1, v) }
                if i + 1 < r { g.add(v, v + c); g.add(v + c, v) }
            }
        }
        return g
    }
}

/// Oracles.
enum EngineOracle {
    /// Bellman-Ford (costs ≥ 0; non-finite or negative costs are not edges).
    static func bellmanFord(_ g: EngineTestGraph, from s: Int, maxHops: Int? = nil) -> [Double] {
        var d = [Double](repeating: .infinity, count: g.n)
        d[s] = 0
        let rounds = maxHops ?? g.n
        for _ in 0..<rounds {
            var next = d
            for e in g.s.indices where g.w[e] >= 0 && g.w[e] < .infinity {
                let a = Int(g.s[e])
                let b = Int(g.t[e])
                if d[a] + g.w[e] < next[b] { next[b] = d[a] + g.w[e] }
            }
            if next == d { break }
            d = next
        }
        return d
    }

    /// Every simple path from s to t with its cost (min parallel edge per step).
    static func simplePaths(_ g: EngineTestGraph, from s: Int, to t: Int, maxHops: Int = .max) -> [(
        nodes: [Int32], cost: Double
    )] {
        var adj = [[(Int, Double)]](repeating: [], count: g.n)
        for e in g.s.indices where g.w[e] >= 0 && g.w[e] < .infinity { adj[Int(g.s[e])].append((Int(g.t[e]), g.w[e])) }
        var out: [([Int32], Double)] = []
        var onPath = [Bool](repeating: false, count: g.n)
        var path: [Int32] = [Int32(s)]
        onPath[s] = true
        func dfs(_ u: Int, _ c: Double) {
            if u == t { out.append((path, c)); return }
            if path.count - 1 >= maxHops { return }
            var best: [Int: Double] = [:]
            for (v, w) in adj[u] { best[v] = min(best[v] ?? .infinity, w) }
            for (v, w) in best.sorted(by: { $0.key < $1.key }) where !onPath[v] {
                onPath[v] = true
                path.append(Int32(v))
                dfs(v, c + w)
                path.removeLast()
                onPath[v] = false
            }
        }
        dfs(s, 0)
        return out.sorted { $0.1 < $1.1 }
    }

    /// Betweenness from all-pairs BFS counts: Σ_{s≠v≠t} σ_st(v) / σ_st.
    static func betweenness(_ g: EngineTestGraph) -> [Double] {
        var adj = [[Int]](repeating: [], count: g.n)
        for e in g.s.indices { adj[Int(g.s[e])].append(Int(g.t[e])) }
        var dist = [[Int]](repeating: [], count: g.n)
        var sigma = [[Double]](repeating: [], count: g.n)
        for s in 0..<g.n {
            var d = [Int](repeating: -1, count: g.n)
            var sg = [Double](repeating: 0, count: g.n)
            d[s] = 0
            sg[s] = 1
            var q = [s]
            var h = 0
            while h < q.count {
                let u = q[h]
                h += 1
                for v in adj[u] {
                    if d[v] < 0 { d[v] = d[u] + 1; q.append(v) }
                    if d[v] == d[u] + 1 { sg[v] += sg[u] }
                }
            }
            dist[s] = d
            sigma[s] = sg
        }
        var bc = [Double](repeating: 0, count: g.n)
        for s in 0..<g.n {
            for t in 0..<g.n where t != s && dist[s][t] > 0 {
                for v in 0..<g.n where v != s && v != t && dist[s][v] > 0 && dist[v][t] > 0 {
                    if dist[s][v] + dist[v][t] == dist[s][t] { bc[v] += sigma[s][v] * sigma[v][t] / sigma[s][t] }
                }
            }
        }
        return bc
    }
}

/// Locating `../shared/data` graphs (tests needing one declare `.requiresSharedData`).
enum GraphTestData {
    /// The folder holding Package.swift above `file`.
    static func repoRoot(_ file: String) -> URL {
        var url = URL(fileURLWithPath: file).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: file).deletingLastPathComponent()
    }

    /// `<shared data>/graphs/<relative>` when it exists (``TestPaths/shared(_:)``).
    static func graphFile(_ relative: String) -> URL? { TestPaths.shared("graphs/\(relative)") }

    /// File bytes; `.gz` files are decompressed with `gzip -dc` through Process (Foundation on
    /// Linux has no gzip API, and zlib's stream API is not worth a module for tests). nil when
    /// gzip is missing or fails.
    static func bytes(_ url: URL) -> Data? {
        guard url.pathExtension == "gz" else { return try? Data(contentsOf: url) }
        for tool in ["/usr/bin/gzip", "/bin/gzip"] where FileManager.default.isExecutableFile(atPath: tool) {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: tool)
            p.arguments = ["-dc", url.path]
            let pipe = Pipe()
            p.standardOutput = pipe
            p.standardError = FileHandle.nullDevice
            do { try p.run() } catch { return nil }
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return p.terminationStatus == 0 ? data : nil
        }
        return nil
    }

    /// Runs `python3` with a script; nil when python3 is absent or the script fails.
    static func python(_ script: String, stdin: Data? = nil) -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/env") else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        let inPipe = Pipe()
        p.standardInput = inPipe
        do { try p.run() } catch { return nil }
        if let stdin { inPipe.fileHandleForWriting.write(stdin) }
        try? inPipe.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
