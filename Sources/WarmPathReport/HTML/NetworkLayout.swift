import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// Deterministic radial layout for the report's network picture.
///
/// The owner sits in the centre; every other person sits at a distance that falls with tie
/// strength (closer = stronger), inside an angular sector for their group (need now, need later,
/// evangelists, others; sector widths follow the group sizes). The angle inside a sector comes
/// from a stable hash of the person id, so next week's report places the same person in the same
/// direction. A few rounds of grid-bucketed repulsion then separate overlapping circles.
///
/// ```
/// let view = NetworkLayout.view(people: rows, edges: edges, ownerID: "p0", ownerName: "Marta", limit: 2_000)
/// view.nodes.count <= 2_001   // the strongest 2,000 plus the owner
/// ```
/// - Complexity: O(n log n) for choosing the strongest `limit` people, then O(n · iterations)
///   with a constant number of neighbours per grid cell.
public enum NetworkLayout {
    /// Default number of people drawn; beyond it the strongest are shown.
    public static let defaultLimit = 2_000

    /// Rounds of overlap removal.
    static let iterations = 16

    /// Builds the laid-out network picture.
    /// - Parameters:
    ///   - people: every person (the owner excluded or included; it is recognised by `ownerID`).
    ///   - edges: ties between people, as indices into `people`.
    ///   - ownerID: the owner's id, drawn in the centre (nil: no centre node).
    ///   - ownerName: the owner's name for the centre node.
    ///   - limit: how many people to draw at most (the strongest, ties by id).
    ///   - maxEdges: how many edges to draw at most (the strongest, ties by endpoints).
    /// - Returns: nodes with `x`, `y` in [0, 1] and edges re-indexed to `nodes`.
    public static func view(
        people: [HTMLReportModel.PersonRow], edges: [HTMLReportModel.NetworkEdge], ownerID: String?, ownerName: String,
        limit: Int = defaultLimit, maxEdges: Int = 6_000
    ) -> HTMLReportModel.NetworkView {
        // Choose the strongest `limit` people (owner excluded), ties by id.
        var order = people.indices.filter { people[$0].id != ownerID }
        order.sort { a, b in
            let sa = clean(people[a].strength)
            let sb = clean(people[b].strength)
            return sa != sb ? sa > sb : people[a].id < people[b].id
        }
        let total = order.count
        if order.count > limit { order.removeLast(order.count - limit) }

        var nodes: [HTMLReportModel.NetworkNode] = []
        nodes.reserveCapacity(order.count + 1)
        var newIndex = [Int32](repeating: -1, count: people.count)
        if let ownerID {
            nodes.append(
                HTMLReportModel.NetworkNode(
                    id: ownerID, name: ownerName, group: nil, isOwner: true, size: 9, x: 0.5, y: 0.5))
            if let o = people.firstIndex(where: { $0.id == ownerID }) { newIndex[o] = 0 }
        }
        let maxProximity = order.reduce(0.0) { max($0, clean(people[$1].proximity)) }
        for i in order {
            newIndex[i] = Int32(nodes.count)
            let p = people[i]
            let size = 1.6 + (maxProximity > 0 ? 5.4 * (clean(p.proximity) / maxProximity).squareRoot() : 0)
            nodes.append(
                HTMLReportModel.NetworkNode(id: p.id, name: p.name, group: p.group, size: size, x: 0.5, y: 0.5))
        }
        place(&nodes, strengths: order.map { clean(people[$0].strength) }, firstPerson: ownerID == nil ? 0 : 1)

        var kept: [HTMLReportModel.NetworkEdge] = []
        for e in edges {
            guard e.a >= 0, e.b >= 0, Int(e.a) < people.count, Int(e.b) < people.count else { continue }
            let a = newIndex[Int(e.a)]
            let b = newIndex[Int(e.b)]
            if a < 0 || b < 0 || a == b { continue }
            kept.append(HTMLReportModel.NetworkEdge(a: min(a, b), b: max(a, b), strength: clean(e.strength)))
        }
        kept.sort { x, y in
            if x.strength != y.strength { return x.strength > y.strength }
            return (x.a, x.b) < (y.a, y.b)
        }
        // One edge per pair, the strongest.
        var seen = Set<Int64>()
        var unique: [HTMLReportModel.NetworkEdge] = []
        for e in kept where seen.insert(Int64(e.a) << 32 | Int64(e.b)).inserted {
            unique.append(e)
            if unique.count == maxEdges { break }
        }
        return HTMLReportModel.NetworkView(nodes: nodes, edges: unique, totalPeople: total)
    }

    /// Places `nodes[firstPerson...]` (whose strengths are given in the same order).
    static func place(_ nodes: inout [HTMLReportModel.NetworkNode], strengths: [Double], firstPerson: Int) {
        let n = nodes.count - firstPerson
        guard n > 0 else { return }
        // Group sectors, widths proportional to sqrt-damped sizes so small groups stay visible.
        let kinds: [PersonGroup?] = [.needNow, .needLater, .evangelist, nil]
        var members = [[Int]](repeating: [], count: kinds.count)
        for i in firstPerson..<nodes.count {
            members[kinds.firstIndex(of: nodes[i].group) ?? 3].append(i)
        }
        let weights = members.map { $0.isEmpty ? 0 : Double($0.count).squareRoot() }
        let totalWeight = weights.reduce(0, +)
        var start = -Double.pi / 2
        let gap = members.filter { !$0.isEmpty }.count > 1 ? 0.06 : 0
        for (k, list) in members.enumerated() where !list.isEmpty {
            let width = 2 * Double.pi * weights[k] / totalWeight
            // Spread the members over the sector in the order of a stable hash of their id.
            let hashed = list.map { (StableHash.fnv1a(nodes[$0].id), $0) }.sorted { $0 < $1 }
            for (rank, (h, i)) in hashed.enumerated() {
                let s = min(max(strengths[i - firstPerson], 0), 1)
                let u = (Double(rank) + 0.5) / Double(hashed.count)
                let jitter = (Double(h >> 40 & 0xFFFF) / 65_535 - 0.5) * 0.04
                let angle = start + gap / 2 + u * (width - gap)
                let radius = 0.07 + 0.41 * pow(1 - s, 0.8) + jitter
                nodes[i].x = 0.5 + radius * cos(angle)
                nodes[i].y = 0.5 + radius * sin(angle)
            }
            start += width
        }
        relax(&nodes, firstPerson: firstPerson)
    }

    /// Pushes overlapping circles apart using a uniform grid (each node checks the 3×3 cells
    /// around it), then clamps to the picture.
    static func relax(_ nodes: inout [HTMLReportModel.NetworkNode], firstPerson: Int) {
        let scale = 1.0 / 1_000  // sizes are in picture units of a 1,000-wide picture
        let maxSize = nodes.reduce(0.0) { max($0, $1.size) } * scale
        let cell = max(2 * maxSize + 0.002, 0.01)
        let cells = Int((1 / cell).rounded(.up)) + 1
        for _ in 0..<iterations {
            var grid = [[Int]](repeating: [], count: cells * cells)
            func key(_ x: Double, _ y: Double) -> (Int, Int) {
                (min(max(Int(x / cell), 0), cells - 1), min(max(Int(y / cell), 0), cells - 1))
            }
            for i in nodes.indices {
                let (cx, cy) = key(nodes[i].x, nodes[i].y)
                grid[cy * cells + cx].append(i)
            }
            var dx = [Double](repeating: 0, count: nodes.count)
            var dy = [Double](repeating: 0, count: nodes.count)
            for i in nodes.indices {
                let (cx, cy) = key(nodes[i].x, nodes[i].y)
                for gy in max(cy - 1, 0)...min(cy + 1, cells - 1) {
                    for gx in max(cx - 1, 0)...min(cx + 1, cells - 1) {
                        for j in grid[gy * cells + gx] where j > i {
                            let ex = nodes[j].x - nodes[i].x
                            let ey = nodes[j].y - nodes[i].y
                            let want = (nodes[i].size + nodes[j].size) * scale + 0.0015
                            let d2 = ex * ex + ey * ey
                            if d2 >= want * want { continue }
                            var d = d2.squareRoot()
                            var ux = 0.0
                            var uy = 0.0
                            if d < 1e-9 {
                                // Coincident: separate along a direction fixed by the indices.
                                let a = Double((i &* 31 &+ j) % 360) * Double.pi / 180
                                ux = cos(a)
                                uy = sin(a)
                                d = 0
                            } else {
                                ux = ex / d
                                uy = ey / d
                            }
                            let push = (want - d) / 2
                            let wi = i < firstPerson ? 0.0 : 1.0
                            let wj = 1.0
                            dx[i] -= ux * push * wi
                            dy[i] -= uy * push * wi
                            dx[j] += ux * push * wj * (wi == 0 ? 2 : 1)
                            dy[j] += uy * push * wj * (wi == 0 ? 2 : 1)
                        }
                    }
                }
            }
            for i in firstPerson..<nodes.count {
                nodes[i].x = min(max(nodes[i].x + dx[i], 0.01), 0.99)
                nodes[i].y = min(max(nodes[i].y + dy[i], 0.01), 0.99)
            }
        }
    }

    private static func clean(_ v: Double) -> Double { v.isFinite ? min(max(v, 0), 1e12) : 0 }
}
