import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// A probable duplicate that was not merged automatically, with the reason.
public struct MergeSuggestion: Sendable, Hashable {
    public var a: PersonID
    public var b: PersonID
    /// Total Fellegi–Sunter weight in bits.
    public var score: Double
    /// `fs_suggest`, or `fs_suggest_name_only_weak` when a side is only a name.
    public var rule: String
    /// Why: the per-field weights, and why it was not merged (below threshold, ambiguous, split rule).
    public var evidence: String

    public init(a: PersonID, b: PersonID, score: Double, rule: String, evidence: String) {
        self.a = a
        self.b = b
        self.score = score
        self.rule = rule
        self.evidence = evidence
    }
}

/// The network after deterministic and probabilistic identity resolution.
public struct ResolvedNetwork: Sendable {
    public var network: Network
    /// Probable duplicates left for the user to confirm (with `--merge-rules`).
    public var suggestions: [MergeSuggestion]
    /// Problems with the merge rules (unreadable rows, references that match nobody).
    public var issues: [ImportIssue]
    /// Candidate pairs compared, and blocks skipped for size (for `inspect` and benchmarks).
    public var comparedPairs: Int
    public var skippedBlocks: Int
}

/// Identity resolution (MODEL.md §5.2, docs/paths.md).
///
/// 1. Deterministic keys: ``NetworkBuilder`` merges records sharing a canonical profile URL,
///    e-mail or X id.
/// 2. Candidate pairs of the resulting people are formed inside blocks (same normalised last
///    name; same first initial + first three letters of the last name), so the work is
///    Σ block² rather than N².
/// 3. Each pair is scored with ``IdentityScorer`` (Fellegi–Sunter bits). Pairs that carry
///    conflicting deterministic keys (two different profile URLs or X ids) or that one source
///    lists as two distinct strong records never merge.
/// 4. A pair merges automatically when its weight is ≥ ``IdentityConfig/autoMergeThreshold`` and it
///    beats every other candidate of either side by ``IdentityConfig/ambiguityMargin``; otherwise
///    pairs ≥ ``IdentityConfig/suggestThreshold`` become ``MergeSuggestion``s.
/// 5. `--merge-rules` apply on top: `merge` always unions, `split` forbids a merge.
///
/// ```
/// let resolved = IdentityResolver.resolve(imports: imports, rules: .none)
/// resolved.network.merges      // every merge with rule, score and evidence
/// resolved.suggestions         // probable duplicates, not merged
/// ```
public enum IdentityResolver {
    /// Resolves identities and builds the network. Every merged person keeps every source's
    /// records and events.
    /// - Complexity: O(R + Σ b²) for R records and candidate blocks of size b.
    public static func resolve(
        imports rawImports: [SourceImport], rules: MergeRules = .none, config: IdentityConfig = .default
    ) -> ResolvedNetwork {
        var issues = rules.issues
        var imports = rawImports
        let splits = rules.rules.filter { $0.action == .split }
        if !splits.isEmpty { applyDeterministicSplits(&imports, splits) }
        let first = NetworkBuilder().buildPeople(imports)
        let net0 = first.network
        // The events of the first pass's people, made on the other core while the names are
        // matched: they are the final events unless a match merges people.
        let fixedImports = imports
        let speculative =
            Parallel.workers() >= 2
            ? Parallel.Future { NetworkBuilder.withEvents(first, fixedImports) } : nil
        let n = net0.people.count

        // Record → person of net0.
        var keyToPerson: [IdentityKey: Int] = [:]
        for (i, p) in net0.people.enumerated() { for k in p.identities { keyToPerson[k] = i } }
        var base: [Int] = []
        var total = 0
        for imp in imports {
            base.append(total)
            total += imp.people.count
        }
        var rep = [Int](repeating: -1, count: n)
        var names = [(first: String, last: String, display: String)](repeating: ("", "", ""), count: n)
        var companies = [[String]](repeating: [], count: n)
        var strongSources = [Set<String>](repeating: [], count: n)
        var weakOnly = [Bool](repeating: true, count: n)
        for (s, imp) in imports.enumerated() {
            for (l, r) in imp.people.enumerated() {
                let keys = r.identityKeys(source: imp.label)
                guard let k = keys.first, let pi = keyToPerson[k] else { continue }
                let g = base[s] + l
                if rep[pi] < 0 { rep[pi] = g }
                let weak = r.nameOnly || keys.allSatisfy { if case .name = $0 { true } else { false } }
                if !weak {
                    strongSources[pi].insert(imp.label)
                    weakOnly[pi] = false
                }
                if names[pi].first.isEmpty && names[pi].last.isEmpty && (!r.firstName.isEmpty || !r.lastName.isEmpty) {
                    names[pi] = (r.firstName, r.lastName, r.displayName)
                } else if names[pi].display.isEmpty {
                    names[pi].display = r.displayName
                }
                let c = NameMatching.company(r.company)
                if !c.isEmpty { companies[pi].append(c) }
            }
        }
        let profiles = (0..<n).map { i in
            IdentityProfile(
                parts: NameParts(first: names[i].first, last: names[i].last, display: names[i].display),
                companies: companies[i], nameOnly: weakOnly[i])
        }
        var urls = [Set<String>](repeating: [], count: n)
        var xs = [Set<String>](repeating: [], count: n)
        for (i, p) in net0.people.enumerated() {
            for k in p.identities {
                switch k {
                case .profileURL(let u): urls[i].insert(u)
                case .xAccount(let x): xs[i].insert(x)
                default: break
                }
            }
        }

        // Blocking.
        var blocks: [String: [Int32]] = [:]
        for i in 0..<n where rep[i] >= 0 {
            let parts = profiles[i].parts
            if parts.last.isEmpty || parts.first.isEmpty { continue }
            blocks["l:" + parts.last, default: []].append(Int32(i))
            blocks["i:" + parts.initial + ":" + String(parts.last.prefix(3)), default: []].append(Int32(i))
        }
        let scorer = IdentityScorer(config: config, frequencies: NameFrequencies(profiles))
        var seen = Set<Int64>()
        var scored: [(a: Int, b: Int, m: MatchScore)] = []
        var skippedBlocks = 0
        // Pairs are gathered in batches and each batch scored on both cores (a score depends on
        // its pair alone); results keep the pairs' order.
        var pairs: [(a: Int32, b: Int32)] = []
        let threshold = config.suggestThreshold
        func scorePairs() {
            let batch = pairs
            pairs.removeAll(keepingCapacity: true)
            let parts = batch.count >= 2_000 ? Parallel.workers() : 1
            for part in Parallel.map(
                (0..<parts).map { h in
                    { () -> [(a: Int, b: Int, m: MatchScore)] in
                        var out: [(a: Int, b: Int, m: MatchScore)] = []
                        for i in Parallel.slice(batch.count, h, of: parts) {
                            let (a, b) = (Int(batch[i].a), Int(batch[i].b))
                            let m = scorer.score(profiles[a], profiles[b])
                            if m.score >= threshold { out.append((a, b, m)) }
                        }
                        return out
                    }
                })
            {
                scored += part
            }
        }
        for key in blocks.keys.sorted() {
            let members = blocks[key]!
            if members.count < 2 { continue }
            if members.count > config.maxBlockSize {
                skippedBlocks += 1
                continue
            }
            for x in 0..<members.count {
                for y in (x + 1)..<members.count {
                    let a = Int(min(members[x], members[y]))
                    let b = Int(max(members[x], members[y]))
                    // Cheap exclusions first: two profile URLs or X ids never merge.
                    if !urls[a].isEmpty && !urls[b].isEmpty { continue }
                    if !xs[a].isEmpty && !xs[b].isEmpty { continue }
                    if !seen.insert(Int64(a) << 32 | Int64(b)).inserted { continue }
                    if !strongSources[a].isDisjoint(with: strongSources[b]) { continue }
                    pairs.append((Int32(a), Int32(b)))
                    if pairs.count == 1 << 16 { scorePairs() }
                }
            }
        }
        scorePairs()
        let comparedPairs = seen.count
        // Best competing score per person (for the ambiguity margin).
        var best1 = [Double](repeating: -.infinity, count: n)
        var best2 = [Double](repeating: -.infinity, count: n)
        for s in scored {
            for p in [s.a, s.b] {
                if s.m.score > best1[p] {
                    best2[p] = best1[p]
                    best1[p] = s.m.score
                } else if s.m.score > best2[p] {
                    best2[p] = s.m.score
                }
            }
        }
        scored.sort {
            if $0.m.score != $1.m.score { return $0.m.score > $1.m.score }
            return (net0.people[$0.a].id, net0.people[$0.b].id) < (net0.people[$1.a].id, net0.people[$1.b].id)
        }

        // Cluster-level union with conflict checks.
        var uf = UnionFind(count: n)
        var cURLs = urls
        var cXs = xs
        var cStrong = strongSources
        func refPersons(_ r: PersonRef) -> [Int] {
            switch r {
            case .key(let k): keyToPerson[k].map { [$0] } ?? []
            case .id(let id): net0.index(of: id).map { [Int($0)] } ?? []
            }
        }
        var splitPairs: [(Int, Int)] = []
        for rule in splits {
            let pa = refPersons(rule.a)
            let pb = refPersons(rule.b)
            if pa.isEmpty || pb.isEmpty {
                issues.append(
                    ImportIssue(
                        source: "merge-rules", file: rules.file, line: rule.line, severity: .warning,
                        message: "split \(rule.a) / \(rule.b): \(pa.isEmpty ? rule.a : rule.b) matches nobody; ignored")
                )
                continue
            }
            if pa[0] == pb[0] {
                issues.append(
                    ImportIssue(
                        source: "merge-rules", file: rules.file, line: rule.line, severity: .warning,
                        message: "split \(rule.a) / \(rule.b): still one person (joined through other records)"))
                continue
            }
            splitPairs.append((pa[0], pb[0]))
        }
        func splitBlocks(_ ra: Int, _ rb: Int, _ uf: inout UnionFind) -> Bool {
            for (x, y) in splitPairs {
                let fx = uf.find(x)
                let fy = uf.find(y)
                if (fx == ra && fy == rb) || (fx == rb && fy == ra) { return true }
            }
            return false
        }
        func join(_ a: Int, _ b: Int, _ uf: inout UnionFind) {
            let ra = uf.find(a)
            let rb = uf.find(b)
            uf.union(ra, rb)
            let r = uf.find(ra)
            let o = r == ra ? rb : ra
            cURLs[r].formUnion(cURLs[o])
            cXs[r].formUnion(cXs[o])
            cStrong[r].formUnion(cStrong[o])
        }
        var extra: [(a: Int, b: Int, rule: String, score: Double, evidence: String)] = []
        // Manual merges first: the user's word wins over conflicting keys.
        for rule in rules.rules where rule.action == .merge {
            let pa = refPersons(rule.a)
            let pb = refPersons(rule.b)
            guard let a = pa.first, let b = pb.first else {
                issues.append(
                    ImportIssue(
                        source: "merge-rules", file: rules.file, line: rule.line, severity: .warning,
                        message: "merge \(rule.a) / \(rule.b): \(pa.isEmpty ? rule.a : rule.b) matches nobody; ignored")
                )
                continue
            }
            if uf.find(a) == uf.find(b) { continue }
            join(a, b, &uf)
            extra.append((rep[a], rep[b], "manual_merge", 1, "\(rules.file) line \(rule.line)"))
        }
        var suggestions: [(a: Int, b: Int, m: MatchScore, why: String)] = []
        // Owners of several exports given together (a LinkedIn and a Facebook archive of the same
        // person) whose names match are one person: the user brought both archives. Their
        // networks are then one network, and a name-only record in one of them that matches a
        // person of the other by full name needs `sameOwnerBonus` bits less to merge.
        let ownerSet = Set(net0.sourceOwners.compactMap { $0 }.map(Int.init))
        let labelIndex = Dictionary(
            uniqueKeysWithValues: net0.sources.enumerated().map { ($0.element.label, $0.offset) })
        for s in scored where ownerSet.contains(s.a) && ownerSet.contains(s.b) && s.m.score >= config.suggestThreshold {
            guard uf.find(s.a) != uf.find(s.b),
                urls[s.a].isDisjoint(with: urls[s.b]) || urls[s.a].isEmpty || urls[s.b].isEmpty
            else { continue }
            join(s.a, s.b, &uf)
            extra.append((rep[s.a], rep[s.b], "same_owner_name", s.m.score, s.m.evidence.joined(separator: "; ")))
        }
        func ownerRoots(_ person: Int) -> Set<Int> {
            Set(
                net0.people[person].sources.compactMap { labelIndex[$0] }.compactMap { net0.sourceOwners[$0] }
                    .map { uf.find(Int($0)) })
        }
        for s in scored {
            let ra = uf.find(s.a)
            let rb = uf.find(s.b)
            if ra == rb { continue }
            var threshold = config.autoMergeThreshold
            let disjointSources = Set(net0.people[s.a].sources).isDisjoint(with: net0.people[s.b].sources)
            if disjointSources && !ownerRoots(s.a).isDisjoint(with: ownerRoots(s.b)) {
                threshold -= config.sameOwnerBonus
            }
            var why = ""
            if s.m.score < threshold {
                why = "below auto-merge threshold \(Format2.bits(config.autoMergeThreshold))"
            } else if max(best2[s.a], best2[s.b]) > s.m.score - config.ambiguityMargin {
                why = "ambiguous: another candidate scores within \(Format2.bits(config.ambiguityMargin)) bits"
            } else if (!cURLs[ra].isEmpty && !cURLs[rb].isEmpty) || (!cXs[ra].isEmpty && !cXs[rb].isEmpty) {
                why = "conflicting profile URLs or X ids after earlier merges"
            } else if !cStrong[ra].isDisjoint(with: cStrong[rb]) {
                why = "one source lists them as two people"
            } else if splitBlocks(ra, rb, &uf) {
                why = "split by merge rules"
            }
            if !why.isEmpty {
                suggestions.append((s.a, s.b, s.m, why))
                continue
            }
            join(s.a, s.b, &uf)
            extra.append(
                (
                    rep[s.a], rep[s.b],
                    threshold < config.autoMergeThreshold
                        ? "fs_auto_same_owner_network" : (s.m.weak ? "fs_auto_name_only_weak" : "fs_auto"), s.m.score,
                    s.m.evidence.joined(separator: "; ")
                ))
        }

        // Without merges beyond the keys, the first pass already has the final people.
        var builder = NetworkBuilder()
        builder.extraMerges = extra
        let network =
            extra.isEmpty ? (speculative?.value ?? NetworkBuilder.withEvents(first, imports)) : builder.build(imports)
        // Map net0 persons to final persons through a representative key.
        var finalKey: [IdentityKey: Int32] = [:]
        for (i, p) in network.people.enumerated() { for k in p.identities { finalKey[k] = Int32(i) } }
        func finalIndex(_ p0: Int) -> Int32? { net0.people[p0].identities.first.flatMap { finalKey[$0] } }
        var out: [MergeSuggestion] = []
        var emitted = Set<String>()
        for s in suggestions {
            guard let fa = finalIndex(s.a), let fb = finalIndex(s.b), fa != fb else { continue }
            let (ia, ib) = (min(fa, fb), max(fa, fb))
            let key = "\(ia)-\(ib)"
            if !emitted.insert(key).inserted { continue }
            out.append(
                MergeSuggestion(
                    a: network.people[Int(ia)].id, b: network.people[Int(ib)].id, score: s.m.score,
                    rule: s.m.weak ? "fs_suggest_name_only_weak" : "fs_suggest",
                    evidence: (s.m.evidence + [s.why]).joined(separator: "; ")))
        }
        out.sort {
            if $0.score != $1.score { return $0.score > $1.score }
            return ($0.a, $0.b) < ($1.a, $1.b)
        }
        return ResolvedNetwork(
            network: network, suggestions: out, issues: issues, comparedPairs: comparedPairs,
            skippedBlocks: skippedBlocks)
    }

    /// For each split rule naming two keys: the records carrying `b`'s key drop every
    /// deterministic key they share with the records carrying `a`'s key (a shared team inbox,
    /// a recycled e-mail). Chains through third records are not cut; the resolver reports them.
    static func applyDeterministicSplits(_ imports: inout [SourceImport], _ splits: [MergeRule]) {
        for rule in splits {
            guard case .key(let ka) = rule.a, case .key(let kb) = rule.b, ka != kb else { continue }
            var keysOfA = Set<IdentityKey>()
            for imp in imports {
                for r in imp.people {
                    let keys = r.identityKeys(source: imp.label)
                    if keys.contains(ka) { keysOfA.formUnion(keys.filter(\.isDeterministic)) }
                }
            }
            keysOfA.remove(kb)
            for s in imports.indices {
                let label = imports[s].label
                for l in imports[s].people.indices {
                    let keys = imports[s].people[l].identityKeys(source: label)
                    guard keys.contains(kb), !keys.contains(ka) else { continue }
                    imports[s].people[l].profileURLs.removeAll { keysOfA.contains(.profileURL($0)) }
                    imports[s].people[l].emails.removeAll { keysOfA.contains(.email($0)) }
                    imports[s].people[l].xAccounts.removeAll { keysOfA.contains(.xAccount($0)) }
                }
            }
        }
    }
}
