/// Plain counts per person relative to one owner (the report's point of view): when they
/// connected, first and last interaction, messages each way.
public struct ContactStats: Sendable, Hashable {
    public var connectedOn: Double?
    public var firstInteraction: Double?
    public var lastInteraction: Double?
    public var messagesIn: Int = 0
    public var messagesOut: Int = 0

    public init() {}

    /// Stats for every person as seen by `owner`; events not involving the owner only move the
    /// first/last interaction dates of the people in them.
    /// - Complexity: O(E · r) for E events with r recipients each.
    public static func compute(_ network: Network, owner: Int32?) -> [ContactStats] {
        var stats = [ContactStats](repeating: ContactStats(), count: network.people.count)
        func touch(_ p: Int32, _ t: Double?) {
            guard let t else { return }
            let i = Int(p)
            if stats[i].firstInteraction.map({ t < $0 }) ?? true { stats[i].firstInteraction = t }
            if stats[i].lastInteraction.map({ t > $0 }) ?? true { stats[i].lastInteraction = t }
        }
        for e in network.events {
            if e.flags.contains(.draft) { continue }
            let involvesOwner = owner != nil && (e.actor == owner || e.recipients.contains(owner!))
            switch e.kind {
            case .connection, .friendship:
                for p in [e.actor] + e.recipients where p != owner {
                    if let t = e.time, stats[Int(p)].connectedOn.map({ t < $0 }) ?? true { stats[Int(p)].connectedOn = t }
                }
            case .message:
                if let owner, involvesOwner {
                    if e.actor == owner {
                        for r in e.recipients where r != owner { stats[Int(r)].messagesOut += 1 }
                    } else {
                        stats[Int(e.actor)].messagesIn += 1
                    }
                }
            default: break
            }
            if e.kind != .affiliation && e.kind != .contact {
                touch(e.actor, e.time)
                for r in e.recipients { touch(r, e.time) }
            }
        }
        return stats
    }
}
