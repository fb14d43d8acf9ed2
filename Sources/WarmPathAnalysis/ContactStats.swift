import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// Plain counts per person relative to one owner (the report's point of view): when they
/// connected, first and last interaction, messages and e-mails each way, meetings.
public struct ContactStats: Sendable, Hashable {
    public var connectedOn: Double?
    public var firstInteraction: Double?
    public var lastInteraction: Double?
    /// Messages other than e-mail (LinkedIn, Facebook, X direct messages), each way.
    public var messagesIn: Int = 0
    public var messagesOut: Int = 0
    /// E-mails (``InteractionFlags/mail``), each way.
    public var emailsIn: Int = 0
    public var emailsOut: Int = 0
    /// Calendar meetings (occurrences) the person and the owner both took part in.
    public var meetings: Int = 0

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
        let events = network.events
        for i in events.indices {
            if events[i].flags.contains(.draft) { continue }
            let kind = events[i].kind
            let actor = events[i].actor
            let time = events[i].time
            let recipients = events[i].recipients
            let involvesOwner = owner != nil && (actor == owner || recipients.contains(owner!))
            switch kind {
            case .connection, .friendship:
                if let t = time {
                    for p in CollectionOfOne(actor) + recipients where p != owner {
                        if stats[Int(p)].connectedOn.map({ t < $0 }) ?? true { stats[Int(p)].connectedOn = t }
                    }
                }
            case .message:
                if let owner, involvesOwner {
                    let mail = events[i].flags.contains(.mail)
                    if actor == owner {
                        for r in recipients where r != owner {
                            if mail { stats[Int(r)].emailsOut += 1 } else { stats[Int(r)].messagesOut += 1 }
                        }
                    } else if mail {
                        stats[Int(actor)].emailsIn += 1
                    } else {
                        stats[Int(actor)].messagesIn += 1
                    }
                }
            case .meeting:
                if let owner, involvesOwner {
                    for p in CollectionOfOne(actor) + recipients where p != owner { stats[Int(p)].meetings += 1 }
                }
            default: break
            }
            if kind != .affiliation && kind != .contact {
                touch(actor, time)
                for r in recipients { touch(r, time) }
            }
        }
        return stats
    }
}
