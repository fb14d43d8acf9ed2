import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// The as-of date ("now" for every decay and alert) and the network as it stood then.
///
/// ```
/// let asOf = requested ?? AsOf.defaultTime(network) ?? Date().timeIntervalSince1970
/// let cut = AsOf.apply(network, asOf: asOf)   // events after as-of dropped, and people only they named
/// ```
///
/// Running with `--as-of` last week's date therefore reproduces last week's report: nothing
/// dated later is read, not even to count people.
public enum AsOf {
    /// Kinds that are interactions between people. Affiliations (a job or school start) and
    /// address-book entries are facts about one person and do not move the default as-of date.
    static func isInteraction(_ kind: InteractionKind) -> Bool {
        switch kind {
        case .affiliation, .contact: false
        default: true
        }
    }

    /// The default as-of time: the newest plausible time of an interaction event (a message,
    /// connection, invitation, endorsement, recommendation, friendship, follow, reaction or graph
    /// edge between two people; drafts and spam excluded). Falls back to the newest plausible
    /// time of any event, then nil. A job start in `Positions.csv` or a file's own date never
    /// sets it, so a person last heard from long ago is not "recent" by accident.
    /// - Complexity: O(E).
    public static func defaultTime(_ network: Network) -> Double? {
        var newest: Double?
        var newestAny: Double?
        let events = network.events
        for i in events.indices {
            guard let t = events[i].time, DateParser.isPlausible(t) else { continue }
            if newestAny.map({ t > $0 }) ?? true { newestAny = t }
            guard isInteraction(events[i].kind), events[i].flags.isDisjoint(with: [.draft, .spam]) else { continue }
            guard events[i].recipients.contains(where: { $0 != events[i].actor }) else { continue }
            if newest.map({ t > $0 }) ?? true { newest = t }
        }
        return newest ?? newestAny
    }

    /// What ``apply(_:asOf:)`` removed.
    public struct Cut: Sendable {
        public var network: Network
        /// Events dated after as-of that were dropped.
        public var droppedEvents: Int
        /// People named only by dropped events (not listed in the report).
        public var droppedPeople: Int
        /// Old person index → new index (nil when dropped); identity when nothing was dropped.
        var newIndex: [Int32]?

        /// The index in ``network`` of person `i` of the uncut network, nil when dropped.
        public func index(_ i: Int32) -> Int32? {
            guard let newIndex else { return i }
            return Int(i) < newIndex.count && newIndex[Int(i)] >= 0 ? newIndex[Int(i)] : nil
        }
    }

    /// The network as of `asOf`: events dated after it are dropped (undated events stay), and so
    /// are the people every one of whose events was dropped (source owners always stay; a person
    /// with no event at all, such as an isolated graph node, stays, and so do the people in
    /// `keep`, such as the chosen owner). People keep their order, so indices shift only past a
    /// dropped person (``Cut/index(_:)``).
    /// - Complexity: O(E · r + P).
    public static func apply(_ network: Network, asOf: Double, keep: [Int32] = []) -> Cut {
        let events = network.events
        var late = 0
        for i in events.indices { if let t = events[i].time, t > asOf { late += 1 } }
        guard late > 0 else { return Cut(network: network, droppedEvents: 0, droppedPeople: 0) }
        let n = network.people.count
        var keptMention = [Bool](repeating: false, count: n)
        var lateMention = [Bool](repeating: false, count: n)
        var kept: [Event] = []
        kept.reserveCapacity(events.count - late)
        for i in events.indices {
            let isLate = events[i].time.map { $0 > asOf } ?? false
            if isLate {
                lateMention[Int(events[i].actor)] = true
                for r in events[i].recipients { lateMention[Int(r)] = true }
            } else {
                keptMention[Int(events[i].actor)] = true
                for r in events[i].recipients { keptMention[Int(r)] = true }
                kept.append(events[i])
            }
        }
        var isSourceOwner = [Bool](repeating: false, count: n)
        for o in network.sourceOwners.compactMap({ $0 }) + keep where o >= 0 && Int(o) < n {
            isSourceOwner[Int(o)] = true
        }
        var newIndex = [Int32](repeating: -1, count: n)
        var people: [Person] = []
        people.reserveCapacity(n)
        for i in 0..<n where !(lateMention[i] && !keptMention[i] && !isSourceOwner[i]) {
            newIndex[i] = Int32(people.count)
            people.append(network.people[i])
        }
        let droppedPeople = n - people.count
        if droppedPeople > 0 {
            for k in kept.indices {
                kept[k].actor = newIndex[Int(kept[k].actor)]
                for j in kept[k].recipients.indices { kept[k].recipients[j] = newIndex[Int(kept[k].recipients[j])] }
            }
        }
        var skills: [Int32: [String]] = [:]
        for (o, s) in network.ownerSkills where Int(o) < n && newIndex[Int(o)] >= 0 { skills[newIndex[Int(o)]] = s }
        let cut = Network(
            people: people, events: kept,
            sourceOwners: network.sourceOwners.map { o in
                o.flatMap { Int($0) < n && newIndex[Int($0)] >= 0 ? newIndex[Int($0)] : nil }
            },
            sources: network.sources, issues: network.issues, merges: network.merges, ownerSkills: skills)
        return Cut(
            network: cut, droppedEvents: late, droppedPeople: droppedPeople,
            newIndex: droppedPeople > 0 ? newIndex : nil)
    }
}
