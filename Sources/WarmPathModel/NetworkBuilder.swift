import Foundation
import WarmPathSupport

/// Merges the records of several ``SourceImport``s into one ``Network``.
///
/// Records that share a deterministic identity key (canonical profile URL, e-mail, X account
/// id) become one person; weak keys (graph node ids, names) only join records of the same
/// source. The stable ``PersonID`` comes from the group's best key, so the same person gets the
/// same id next week. Every merged record's provenance is kept.
///
/// - Complexity: O(R α(R) + E) for R records and E interactions, plus sorting.
public struct NetworkBuilder: Sendable {
    /// Extra merges decided by identity resolution (pairs of global record indices with a reason).
    public var extraMerges: [(a: Int, b: Int, rule: String, score: Double, evidence: String)] = []

    public init() {}

    /// Global record index of record `local` in source `s`.
    public static func globalIndex(source s: Int, local: Int, in imports: [SourceImport]) -> Int {
        var base = 0
        for i in 0..<s { base += imports[i].people.count }
        return base + local
    }

    public func build(_ imports: [SourceImport]) -> Network {
        NetworkBuilder.withEvents(buildPeople(imports), imports)
    }

    /// The people of the merged network (its `events` left empty) and where each record went:
    /// `groupOfRecord[base[s] + local]` is the person of record `local` of source `s`.
    /// ``withEvents(_:_:)`` completes it.
    package func buildPeople(_ imports: [SourceImport]) -> (network: Network, base: [Int], groupOfRecord: [Int]) {
        // Flatten records.
        var base: [Int] = []
        var total = 0
        for imp in imports {
            base.append(total)
            total += imp.people.count
        }
        var uf = UnionFind(count: total)
        var keyOwner: [IdentityKey: Int] = [:]
        var recordKeys = [[IdentityKey]](repeating: [], count: total)
        for (s, imp) in imports.enumerated() {
            for (l, rec) in imp.people.enumerated() { recordKeys[base[s] + l] = rec.identityKeys(source: imp.label) }
        }
        // Sources are joined in the order of their labels, not in the order they were given, so
        // that which record of a group is logged as the merged one does not depend on the
        // command line.
        let sourceOrder = imports.indices.sorted { (imports[$0].label, $0) < (imports[$1].label, $1) }
        for s in sourceOrder {
            for l in imports[s].people.indices {
                let g = base[s] + l
                for k in recordKeys[g] {
                    if case .phone = k { continue }  // shared office lines: a phone alone never merges
                    if let other = keyOwner[k] {
                        uf.union(other, g)
                    } else {
                        keyOwner[k] = g
                    }
                }
            }
        }
        var merges: [MergeRecord] = []
        var pendingExtra: [(Int, Int, String, Double, String)] = []
        for m in extraMerges where uf.union(m.a, m.b) {
            pendingExtra.append((m.a, m.b, m.rule, m.score, m.evidence))
        }
        // Groups.
        var groups: [Int: [Int]] = [:]
        for g in 0..<total { groups[uf.find(g), default: []].append(g) }
        var sourceOf = [Int](repeating: 0, count: total)
        for s in 0..<imports.count { for l in 0..<imports[s].people.count { sourceOf[base[s] + l] = s } }
        func record(_ g: Int) -> PersonRecord { imports[sourceOf[g]].people[g - base[sourceOf[g]]] }

        var people: [Person] = []
        var groupOfRecord = [Int](repeating: 0, count: total)
        var rawGroups: [[Int]] = []
        for (_, members) in groups {
            rawGroups.append(members.sorted())
        }
        for members in rawGroups {
            var keys = Set<IdentityKey>()
            for g in members { keys.formUnion(recordKeys[g]) }
            let sortedKeys = keys.sorted()
            let idKey = sortedKeys.first ?? .name(source: "?", name: "\(members[0])")
            // Prefer the record that carries the best key as the display record; among those the
            // first by provenance, so the order in which sources are given does not matter.
            let primary =
                members.filter { recordKeys[$0].contains(idKey) }.min {
                    record($0).provenance < record($1).provenance
                } ?? members[0]
            let pr = record(primary)
            var person = Person(
                id: PersonID(key: idKey), name: pr.displayName, company: pr.company, position: pr.position,
                identities: sortedKeys)
            var attrs: [String: String] = [:]
            var sources = Set<String>()
            var nameOnly = true
            for g in members.sorted(by: { record($0).provenance < record($1).provenance }) {
                let r = record(g)
                if person.name.isEmpty { person.name = r.displayName }
                if person.company.isEmpty { person.company = r.company }
                if person.position.isEmpty { person.position = r.position }
                if r.isOwner { person.isOwner = true }
                if !r.nameOnly { nameOnly = false }
                for (k, v) in r.attributes where attrs[k] == nil { attrs[k] = v }
                sources.insert(imports[sourceOf[g]].label)
                person.records.append(r.provenance)
            }
            person.nameOnly = nameOnly
            person.attributes = attrs
            person.sources = sources.sorted()
            person.records.sort()
            person.profileURL = sortedKeys.lazy.compactMap { if case .profileURL(let u) = $0 { u } else { nil } }.first
            person.email = sortedKeys.lazy.compactMap { if case .email(let e) = $0 { e } else { nil } }.first
            people.append(person)
        }
        // Sort people by id (collisions are impossible in practice; ties broken by name).
        let ids = people.map(\.id)
        let order = people.indices.sorted {
            ids[$0] != ids[$1] ? ids[$0] < ids[$1] : people[$0].name < people[$1].name
        }
        var newIndex = [Int](repeating: 0, count: people.count)
        for (n, o) in order.enumerated() { newIndex[o] = n }
        for (gi, members) in rawGroups.enumerated() { for g in members { groupOfRecord[g] = newIndex[gi] } }
        NetworkBuilder.permute(&people, order)

        // Merge log, the same whatever order the sources were given in: per group, every record
        // whose own id (from its best key) is not the kept id, with the smallest key it shares
        // with another record of the group; a group whose records all have the kept id gives one
        // line with the smallest shared key. (Logging the record whose key was met second made
        // the log depend on the order of the sources.)
        for members in rawGroups where members.count > 1 {
            var keyCount: [IdentityKey: Int] = [:]
            for g in members {
                for k in Set(recordKeys[g]) {
                    if case .phone = k { continue }
                    keyCount[k, default: 0] += 1
                }
            }
            let kept = people[groupOfRecord[members[0]]].id
            var lines: [MergeRecord] = []
            var sameID: MergeRecord?
            for g in members {
                guard let shared = recordKeys[g].filter({ (keyCount[$0] ?? 0) > 1 }).min() else { continue }
                let own = recordKeys[g].min().map(PersonID.init(key:)) ?? kept
                let line = MergeRecord(
                    keptID: kept, mergedID: own, rule: "same_\(shared.ruleName)", score: 1, evidence: shared.description
                )
                if own != kept {
                    lines.append(line)
                } else if sameID.map({ (line.rule, line.evidence) < ($0.rule, $0.evidence) }) ?? true {
                    sameID = line
                }
            }
            merges += lines.isEmpty ? (sameID.map { [$0] } ?? []) : lines
        }
        // Ids already explained by a shared key are not logged again for a scored merge.
        let explained = Set(merges.map { [$0.keptID, $0.mergedID] })
        for (a, b, rule, score, evidence) in pendingExtra {
            let kept = people[groupOfRecord[a]].id
            // Each side that lost its own id (the id it would have had alone), so that the log
            // does not depend on which record of a merged pair the resolver met first.
            let lost = Set([a, b].compactMap { recordKeys[$0].min().map(PersonID.init(key:)) }).subtracting([kept])
                .filter { !explained.contains([kept, $0]) }
            for mergedID in lost.isEmpty ? [kept] : lost.sorted() {
                merges.append(
                    MergeRecord(keptID: kept, mergedID: mergedID, rule: rule, score: score, evidence: evidence))
            }
        }
        merges = Array(Set(merges)).sorted {
            ($0.keptID, $0.mergedID, $0.rule, $0.evidence) < ($1.keptID, $1.mergedID, $1.rule, $1.evidence)
        }
        merges = NetworkBuilder.oneMergePerPair(merges)

        var owners: [Int32?] = []
        var ownerSkills: [Int32: [String]] = [:]
        for (s, imp) in imports.enumerated() {
            let o = imp.owner.map { Int32(groupOfRecord[base[s] + Int($0)]) }
            owners.append(o)
            if let o, !imp.ownerSkills.isEmpty { ownerSkills[o, default: []] += imp.ownerSkills }
        }
        let network = Network(
            people: people, events: [], sourceOwners: owners, sources: imports.map(SourceSummary.init),
            issues: imports.flatMap(\.issues), merges: merges, ownerSkills: ownerSkills)
        return (network, base, groupOfRecord)
    }

    /// A ``buildPeople(_:)`` result with its events.
    package static func withEvents(
        _ built: (network: Network, base: [Int], groupOfRecord: [Int]), _ imports: [SourceImport]
    ) -> Network {
        var network = built.network
        let ordered = orderedEvents(imports, base: built.base, groupOfRecord: built.groupOfRecord)
        network.events = ordered.events
        network.overlaps = ordered.overlaps
        return network
    }
}

extension NetworkBuilder {
    /// The merge log with one row per (kept, merged) pair, the highest score first (ties: rule,
    /// then evidence), sorted by kept id then merged id. Several records of one person can
    /// merge into the same pair (an owner in three archives); `merges.csv` lists it once.
    static func oneMergePerPair(_ merges: [MergeRecord]) -> [MergeRecord] {
        let sorted = merges.sorted {
            if ($0.keptID, $0.mergedID) != ($1.keptID, $1.mergedID) {
                return ($0.keptID, $0.mergedID) < ($1.keptID, $1.mergedID)
            }
            if $0.score != $1.score { return $0.score > $1.score }
            return ($0.rule, $0.evidence) < ($1.rule, $1.evidence)
        }
        var out: [MergeRecord] = []
        for m in sorted where m.keptID != m.mergedID {
            if let last = out.last, last.keptID == m.keptID, last.mergedID == m.mergedID { continue }
            out.append(m)
        }
        return out
    }

    /// Rearranges `items` so that `items[k]` becomes the old `items[order[k]]`, by swapping
    /// along the permutation's cycles (swaps move values; copying them would retain and release
    /// every string a person holds).
    /// - Precondition: `order` is a permutation of `items.indices`.
    static func permute<T>(_ items: inout [T], _ order: [Int]) {
        var placed = [Bool](repeating: false, count: items.count)
        for start in items.indices where !placed[start] {
            var k = start
            while true {
                placed[k] = true
                let from = order[k]
                if from == start { break }
                items.swapAt(k, from)
                k = from
            }
        }
    }

    /// Every interaction as an ``Event`` with merged person indices, sorted by (time with
    /// undated first, provenance), ties by input position; an interaction that repeats one of
    /// another source (``dropOverlaps(_:_:base:groupOfRecord:)``) is left out and counted.
    /// - Complexity: O(E log E) on integer keys plus O(D log D) for the D distinct strings.
    /// The order is found on compact keys (ranks of the provenance strings) and the events are
    /// made once: sorting the events themselves copied every string and array they hold at each
    /// merge step.
    static func orderedEvents(_ imports: [SourceImport], base: [Int], groupOfRecord: [Int]) -> (
        events: [Event], overlaps: [SourceOverlap]
    ) {
        var sourceFile: [String: [String: Int32]] = [:]
        var locations: [String: Int32] = [:]
        var total = 0
        // Field access by index throughout: copying an Interaction retains all its strings.
        for imp in imports {
            let list = imp.interactions
            total += list.count
            var lastSource = ""
            var lastFile = ""
            for k in list.indices {
                if k == 0 || list[k].provenance.source != lastSource || list[k].provenance.file != lastFile {
                    lastSource = list[k].provenance.source
                    lastFile = list[k].provenance.file
                    sourceFile[lastSource, default: [:]][lastFile] = 0
                }
                if let l = list[k].provenance.location { locations[l] = 0 }
            }
        }
        // Ranks: (source, file) pairs and locations in their sort order (no location sorts as "").
        var pairRank: [String: [String: Int32]] = [:]
        var r: Int32 = 0
        for src in sourceFile.keys.sorted() {
            for f in sourceFile[src]!.keys.sorted() {
                pairRank[src, default: [:]][f] = r
                r += 1
            }
        }
        var locRank: [String: Int32] = [:]
        for (k, l) in locations.keys.sorted().enumerated() { locRank[l] = Int32(k) + 1 }
        let emptyRank: Int32 = locations[""] != nil ? locRank[""]! : 0

        var time = [Double](); time.reserveCapacity(total)
        var pair = [Int32](); pair.reserveCapacity(total)
        var line = [Int](); line.reserveCapacity(total)
        var loc = [Int32](); loc.reserveCapacity(total)
        var at = [(Int32, Int32)](); at.reserveCapacity(total)
        for (s, imp) in imports.enumerated() {
            let list = imp.interactions
            var lastSource = ""
            var lastFile = ""
            var lastRank: Int32 = -1
            for k in list.indices {
                if lastRank < 0 || list[k].provenance.source != lastSource || list[k].provenance.file != lastFile {
                    lastSource = list[k].provenance.source
                    lastFile = list[k].provenance.file
                    lastRank = pairRank[lastSource]![lastFile]!
                }
                time.append(list[k].time ?? -.infinity)
                pair.append(lastRank)
                line.append(list[k].provenance.line)
                loc.append(list[k].provenance.location.map { locRank[$0]! } ?? emptyRank)
                at.append((Int32(s), Int32(k)))
            }
        }
        var order = Array(0..<Int32(total))
        time.withUnsafeBufferPointer { t in
            pair.withUnsafeBufferPointer { pr in
                line.withUnsafeBufferPointer { ln in
                    loc.withUnsafeBufferPointer { lc in
                        order.sort { a, b in
                            let x = Int(a)
                            let y = Int(b)
                            if t[x] != t[y] { return t[x] < t[y] }
                            if pr[x] != pr[y] { return pr[x] < pr[y] }
                            if ln[x] != ln[y] { return ln[x] < ln[y] }
                            if lc[x] != lc[y] { return lc[x] < lc[y] }
                            return a < b
                        }
                    }
                }
            }
        }
        var overlaps: [SourceOverlap] = []
        // Made in file order first (the interactions are read in the order they lie in memory;
        // reading them in time order missed the cache on almost every one), then moved into time
        // order. Both steps in one part per worker, each writing its own slots.
        var places = at
        if imports.count > 1 {
            let kept = dropOverlaps(imports, order: order, at: at, base: base, groupOfRecord: groupOfRecord)
            (order, places, overlaps) = (kept.order, kept.at, kept.overlaps)
        }
        let count = order.count
        let parts = count >= 20_000 ? Parallel.workers() : 1
        let made = UnsafeMutablePointer<Event>.allocate(capacity: max(1, count))
        defer { made.deallocate() }  // every event is moved out below
        nonisolated(unsafe) let staging = made
        let kept = places
        Parallel.run(parts) { h in
            for f in Parallel.slice(count, h, of: parts) {
                let (s, k) = kept[f]
                let b = base[Int(s)]
                imports[Int(s)].interactions.withUnsafeBufferPointer { list in
                    let a = Int32(groupOfRecord[b + Int(list[Int(k)].actor)])
                    let rs = list[Int(k)].recipients.map { Int32(groupOfRecord[b + Int($0)]) }
                    (staging + f).initialize(to: Event(list[Int(k)], actor: a, recipients: rs))
                }
            }
        }
        let sorted = order
        let events = [Event](unsafeUninitializedCapacity: count) { buffer, initialized in
            nonisolated(unsafe) let out = buffer
            Parallel.run(parts) { h in
                for j in Parallel.slice(count, h, of: parts) {
                    (out.baseAddress! + j).moveInitialize(from: staging + Int(sorted[j]), count: 1)
                }
            }
            initialized = count
        }
        return (events, overlaps)
    }

    /// What makes two interactions the same: kind, time, the merged actor and recipients (as a
    /// set), and hashes of the text and detail (skill, organisation, subject), the weight and
    /// the end time. Thread ids and flags are left out: two exports of one conversation may
    /// name or file it differently.
    struct OverlapKey: Hashable {
        var kind: InteractionKind
        var time: UInt64?
        var actor: Int32
        var recipients: UInt64
        var text: UInt64
        var detail: UInt64
        var weight: UInt64?
        var endTime: UInt64?
    }

    /// Leaves out every interaction that repeats one of another source (the same archive given
    /// twice, a zip and its unpacked folder, two downloads of one account, a teammate's copy of
    /// a shared conversation): walking `order` (time, then provenance), the first copy of each
    /// ``OverlapKey`` is kept and later copies from other sources are dropped, so which copy stays
    /// does not depend on the order the sources were given in. Repeats within one source are
    /// kept (a source does not list one interaction twice).
    /// - Parameters:
    ///   - order: indices into `at`, sorted.
    ///   - at: (source, interaction) of every interaction, in file order.
    /// - Returns: the kept part of `at` (file order), `order` renumbered into it, and one
    ///   ``SourceOverlap`` per (dropped source, kept source), sorted by labels.
    /// - Complexity: O(E · r + total text length) for E interactions with r recipients; keys are
    ///   made on every core.
    static func dropOverlaps(
        _ imports: [SourceImport], order: [Int32], at: [(Int32, Int32)], base: [Int], groupOfRecord: [Int]
    ) -> (order: [Int32], at: [(Int32, Int32)], overlaps: [SourceOverlap]) {
        let total = at.count
        let parts = total >= 20_000 ? Parallel.workers() : 1
        let keyParts = Parallel.map(
            (0..<parts).map { h in
                { () -> [OverlapKey] in
                    var out: [OverlapKey] = []
                    var rs: [Int32] = []
                    for f in Parallel.slice(total, h, of: parts) {
                        let (s, k) = at[f]
                        let b = base[Int(s)]
                        out.append(
                            imports[Int(s)].interactions.withUnsafeBufferPointer { list in
                                let i = Int(k)
                                rs.removeAll(keepingCapacity: true)
                                for r in list[i].recipients { rs.append(Int32(groupOfRecord[b + Int(r)])) }
                                rs.sort()
                                var rh: UInt64 = 0xcbf2_9ce4_8422_2325
                                for r in rs {
                                    rh ^= UInt64(UInt32(bitPattern: r))
                                    rh = rh &* 0x0000_0100_0000_01b3
                                }
                                return OverlapKey(
                                    kind: list[i].kind, time: list[i].time.map(\.bitPattern),
                                    actor: Int32(groupOfRecord[b + Int(list[i].actor)]), recipients: rh,
                                    text: list[i].text.map(StableHash.fnv1a) ?? 0,
                                    detail: list[i].detail.map(StableHash.fnv1a) ?? 0,
                                    weight: list[i].weight.map(\.bitPattern), endTime: list[i].endTime.map(\.bitPattern)
                                )
                            })
                    }
                    return out
                }
            }, threads: parts)
        var keys: [OverlapKey] = []
        keys.reserveCapacity(total)
        for p in keyParts { keys += p }
        var firstSource: [OverlapKey: Int32] = [:]
        firstSource.reserveCapacity(total)
        var dropped = [Bool](repeating: false, count: total)
        // (dropped source, kept source) -> count per kind.
        var counts: [Int: [InteractionKind: Int]] = [:]
        var any = false
        for o in order {
            let f = Int(o)
            let s = at[f].0
            if let first = firstSource[keys[f]] {
                guard first != s else { continue }
                dropped[f] = true
                any = true
                counts[Int(s) * imports.count + Int(first), default: [:]][keys[f].kind, default: 0] += 1
            } else {
                firstSource[keys[f]] = s
            }
        }
        guard any else { return (order, at, []) }
        var renumber = [Int32](repeating: -1, count: total)
        var keptAt: [(Int32, Int32)] = []
        keptAt.reserveCapacity(total)
        for f in 0..<total where !dropped[f] {
            renumber[f] = Int32(keptAt.count)
            keptAt.append(at[f])
        }
        var keptOrder: [Int32] = []
        keptOrder.reserveCapacity(keptAt.count)
        for o in order where !dropped[Int(o)] { keptOrder.append(renumber[Int(o)]) }
        let overlaps = counts.map { pair, byKind in
            SourceOverlap(
                source: imports[pair / imports.count].label, keptFrom: imports[pair % imports.count].label,
                counts: InteractionKind.allCases.compactMap { k in
                    byKind[k].map { SourceOverlap.KindTotal(kind: k, count: $0) }
                })
        }.sorted { ($0.source, $0.keptFrom) < ($1.source, $1.keptFrom) }
        return (keptOrder, keptAt, overlaps)
    }
}

extension IdentityKey {
    var ruleName: String {
        switch self {
        case .profileURL: "profile_url"
        case .email: "email"
        case .xAccount: "x_account"
        case .phone: "phone"
        case .node: "node_id"
        case .name: "name_in_source"
        }
    }
}

/// Union-find with path halving and union by size.
package struct UnionFind {
    private var parent: [Int]
    private var size: [Int]

    package init(count: Int) {
        parent = Array(0..<count)
        size = [Int](repeating: 1, count: count)
    }

    package mutating func find(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    /// Returns true when two different sets were joined.
    @discardableResult
    package mutating func union(_ a: Int, _ b: Int) -> Bool {
        var ra = find(a)
        var rb = find(b)
        if ra == rb { return false }
        if size[ra] < size[rb] || (size[ra] == size[rb] && ra > rb) { swap(&ra, &rb) }
        parent[rb] = ra
        size[ra] += size[rb]
        return true
    }
}
