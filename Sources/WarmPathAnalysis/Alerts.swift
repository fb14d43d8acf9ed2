import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// What an ``Alert`` is about (MODEL.md §5.8). Raw values are the `kind` column of `alerts.csv`.
public enum AlertKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// An inbound 1:1, non-broadcast message the owner has not answered after `ScoringConfig.owedReplyDays` (3),
    /// in that thread or any later one; expires after `ScoringConfig.owedReplyHorizonDays` (90).
    case owedReply = "owed_reply"
    /// The owner's 1:1 message unanswered for `ScoringConfig.awaitingDays` (7), until two follow-ups went unanswered
    /// or `ScoringConfig.owedReplyHorizonDays` (90) passed.
    case awaitingReply = "awaiting_reply"
    /// A strong tie whose two-way 1:1 exchange has gone quiet for more than twice its usual gap.
    case dormant
    /// Everything the owner sent this person was a template blast, and nothing came back.
    case broadcastOnly = "broadcast_only"
    /// A connection with no interaction besides the connection itself.
    case noRelationship = "no_relationship"

    /// Order of kinds in reports (declaration order).
    public var order: Int {
        switch self {
        case .owedReply: 0
        case .awaitingReply: 1
        case .dormant: 2
        case .broadcastOnly: 3
        case .noRelationship: 4
        }
    }

    public static func < (a: AlertKind, b: AlertKind) -> Bool { a.order < b.order }
}

/// One thing the owner should look at this week, with the reason in words.
public struct Alert: Sendable, Hashable, Codable, Comparable {
    public var kind: AlertKind
    public var personID: PersonID
    public var name: String
    /// The day (`yyyy-MM-dd`) the situation started (the unanswered message, the last contact,
    /// the connection), or "" when undated.
    public var since: String
    /// Whole days from `since` to the as-of date, nil when undated.
    public var days: Int?
    /// Why, in words, for example "Ana wrote on 2024-03-02 (1:1, 18 days ago) …".
    public var detail: String

    public init(kind: AlertKind, personID: PersonID, name: String, since: String, days: Int?, detail: String) {
        self.kind = kind
        self.personID = personID
        self.name = name
        self.since = since
        self.days = days
        self.detail = detail
    }

    /// Kind, then person id, then since, then detail.
    public static func < (a: Alert, b: Alert) -> Bool {
        if a.kind != b.kind { return a.kind < b.kind }
        return (a.personID, a.since, a.detail) < (b.personID, b.since, b.detail)
    }
}

/// Alert thresholds, defaults from MODEL.md §5.4 and §5.8 (priors, to be calibrated).
///
/// The conversation thresholds (owed-reply and awaiting delays, template size, trust-rot
/// factor, readiness weights) come from ``scoring`` so alerts and scores agree.
public struct AlertConfig: Sendable, Hashable {
    /// Scoring settings: `owedReplyDays` (3), `awaitingDays` (7), `rotFactor` (0.85),
    /// `templateMinRecipients` (3), readiness weights and `kappa`.
    public var scoring: ScoringConfig = .default
    /// Stop suggesting a follow-up once this many follow-ups went unanswered.
    public var maxFollowUps: Int = 2
    /// The expected gap g is the median gap over this many days before as-of.
    public var dormantHistoryDays: Double = 730
    /// g is clamped to this range (days).
    public var dormantMinGapDays: Double = 14
    public var dormantMaxGapDays: Double = 365
    /// Dormant when days since the last interaction exceed this multiple of g.
    public var dormantGapMultiple: Double = 2
    /// Only ties whose strength was at least this (now, or in ``Alerts/compute`` `recentStrength`).
    public var dormantMinStrength: Double = 0.5
    /// Dunbar-style cadences by strength rank, used when there is too little history for g:
    /// (rank at most, gap in days): top 5 → 14, top 15 → 30, top 50 → 90, top 150 → 365.
    public var dunbarCadences: [DunbarCadence] = [
        DunbarCadence(maxRank: 5, days: 14), DunbarCadence(maxRank: 15, days: 30),
        DunbarCadence(maxRank: 50, days: 90), DunbarCadence(maxRank: 150, days: 365),
    ]

    public init(scoring: ScoringConfig = .default) { self.scoring = scoring }

    public static let `default` = AlertConfig()
}

/// A Dunbar-style cadence: contacts ranked at most `maxRank` by strength are expected every `days`.
public struct DunbarCadence: Sendable, Hashable, Codable {
    public var maxRank: Int
    public var days: Double

    public init(maxRank: Int, days: Double) {
        self.maxRank = maxRank
        self.days = days
    }
}

/// Computes the week's alerts for one owner (MODEL.md §5.8).
///
/// Message alerts read the owner's ``ConversationIndex`` (the same threads, turns and
/// templates the scores use):
/// - `owed_reply`: the contact's last turn in a 1:1 thread has a non-template message the owner
///   has not answered for `owedReplyDays` (3), in that thread or with any later personal message
///   in any thread of any source; it fades and expires `owedReplyHorizonDays` (90) after the
///   message. The detail shows the readiness the trust rot (`reliability × 0.85^weight` per owed
///   reply, MODEL.md §5.4) costs.
/// - `awaiting_reply`: the owner's last turn in a 1:1 thread is unanswered for `awaitingDays`
///   (7); silent once ``AlertConfig/maxFollowUps`` (2) follow-ups went unanswered, after
///   `owedReplyHorizonDays`, and for template blasts.
/// - `broadcast_only`: every message the owner sent the contact was a template (the same words,
///   names aside, sent to ≥ 3 people) and the contact never wrote to the owner.
///
/// - `dormant`: runs on the two-way 1:1 exchange only (personal messages in 1:1 threads where
///   both sides wrote; a third person's group note or a broadcast never resets it, and someone
///   who only ever received broadcasts is never dormant). Expected gap g = median gap between
///   exchange days over the last two years, clamped to 14–365 days (the Dunbar cadence of the
///   contact's strength rank when there are fewer than two exchange days); alert when days since
///   the last exchange > 2g and strength ≥ 0.5 (now, or in the last 180 days when history is
///   given).
///
/// `no_relationship` reads every event between owner and contact (messages, invitations,
/// connections, endorsements, recommendations, reactions; drafts, spam, sponsored and post-as-of
/// events ignored):
/// - `no_relationship`: a connection with no message, invitation note, endorsement,
///   recommendation or reaction either way.
public enum Alerts {
    /// All alerts for `owner`, sorted (kind, person id).
    ///
    /// ```
    /// let alerts = Alerts.compute(network: net, owner: me, asOf: ReportDate.parseDay("2024-03-20")!, scores: book)
    /// alerts.first?.detail  // "Ana Ruiz wrote on 2024-03-02 (1:1, 18 days ago) and has had no reply; …"
    /// ```
    /// - Parameters:
    ///   - owner: the owner's index (nil: no alerts).
    ///   - asOf: "now", seconds since 1970 UTC (usually the end of the as-of day).
    ///   - scores: current scores (strength gates `dormant`; reliability costs `owed_reply`).
    ///   - recentStrength: the highest strength each person had in stored snapshots of the last
    ///     180 days, when history is available; the current strength is used otherwise.
    ///   - conversations: the owner's index when the caller already built it for scoring (built
    ///     from `config.scoring` when nil).
    /// - Complexity: O(E·r + P log P) for E events with r recipients and P people.
    public static func compute(
        network: Network, owner: Int32?, asOf: Double, scores: ScoreBook? = nil, config: AlertConfig = .default,
        recentStrength: [PersonID: Double] = [:], conversations: ConversationIndex? = nil
    ) -> [Alert] {
        guard let owner else { return [] }
        let conv =
            conversations
            ?? ConversationIndex.build(network: network, owner: owner, asOf: asOf, config: config.scoring)
        var scan = AlertScan(network: network, owner: owner, asOf: asOf, config: config)
        scan.run()
        var alerts: [Alert] = []
        alerts += scan.replyAlerts(conv, scores: scores)
        alerts += scan.dormantAlerts(conv, scores: scores, recentStrength: recentStrength)
        alerts += scan.broadcastAlerts(conv)
        alerts += scan.noRelationshipAlerts()
        // Made kind by kind in person order, so this is usually just a check.
        return alerts.sortedByIndex()
    }

    /// Whole days between `time` and `asOf` (rounded down, never negative).
    static func days(from time: Double, to asOf: Double) -> Int {
        max(0, Int(saturating: ((asOf - time) / 86_400).rounded(.down)))
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
}

/// Per-contact facts gathered in one pass over the events.
private struct AlertScan {
    let network: Network
    let owner: Int32
    let asOf: Double
    let config: AlertConfig

    // Per person index (dense: people are few next to events).
    /// Connected with the owner, and the earliest connection time (nil = undated).
    var connected: [Bool]
    var connectionTime: [Double?]
    /// Some interaction besides the connection itself (any date).
    var interacted: [Bool]

    init(network: Network, owner: Int32, asOf: Double, config: AlertConfig) {
        self.network = network
        self.owner = owner
        self.asOf = asOf
        self.config = config
        let n = network.people.count
        connected = [Bool](repeating: false, count: n)
        connectionTime = [Double?](repeating: nil, count: n)
        interacted = [Bool](repeating: false, count: n)
    }

    private static let ignored: InteractionFlags = [.draft, .spam, .sponsored]

    mutating func run() {
        let events = network.events
        var others: [Int32] = []
        for i in events.indices {
            // Fields read in place: most events do not involve the owner, and copying an event
            // retains every string it holds.
            if !events[i].flags.isDisjoint(with: AlertScan.ignored) { continue }
            if let t = events[i].time, t > asOf { continue }
            let actor = events[i].actor
            guard actor == owner || events[i].recipients.contains(owner) else { continue }
            others.removeAll(keepingCapacity: true)
            if actor != owner { others.append(actor) }
            for r in events[i].recipients where r != owner && !others.contains(r) { others.append(r) }
            let time = events[i].time
            switch events[i].kind {
            case .connection, .friendship:
                for c32 in others {
                    let c = Int(c32)
                    if connected[c] {
                        if let t = time, connectionTime[c].map({ t < $0 }) ?? true { connectionTime[c] = t }
                    } else {
                        connected[c] = true
                        connectionTime[c] = time
                    }
                }
            case .affiliation, .contact, .follow, .graphEdge:
                continue
            case .invitation where !events[i].flags.contains(.withNote):
                // A blank invitation is part of the connection, not an interaction.
                break
            default:
                for c in others { interacted[Int(c)] = true }
            }
        }
    }

    private func name(_ c: Int32) -> String { network.people[Int(c)].name }
    private func id(_ c: Int32) -> PersonID { network.people[Int(c)].id }

    // MARK: owed_reply and awaiting_reply

    /// Owed replies, then awaiting replies (each by person id, like the report).
    func replyAlerts(_ conv: ConversationIndex, scores: ScoreBook?) -> [Alert] {
        var out: [Alert] = []
        var awaiting: [Alert] = []
        let sc = config.scoring
        let horizon = max(sc.owedReplyHorizonDays, sc.owedReplyDays) * 86_400
        for c in conv.contacts where c != owner && Int(c) < network.people.count {
            let cc = conv.contact(c)
            let who = name(c)
            if let first = cc.owedReplies.min(by: { ($0.since, $0.provenance) < ($1.since, $1.provenance) }) {
                let count = cc.owedReplies.reduce(0) { $0 + $1.messages }
                let days = Alerts.days(from: first.since, to: asOf)
                let day = ReportDate.day(first.since)
                var detail =
                    count == 1
                    ? "\(who) wrote on \(day) (1:1, \(days) days ago) and has had no reply"
                    : "\(who) wrote \(count) messages you have not answered, the first on \(day) (1:1, \(days) days ago)"
                detail += "; each owed reply multiplies reliability by \(Format.fixed(sc.rotFactor, 2))"
                if let scores, Int(c) < scores.people.count {
                    let s = scores.people[Int(c)]
                    let cost = Scorer.readinessRegained(answering: cc.owedWeight, s, config: sc)
                    detail += ": readiness −\(Format.fixed(max(0, cost), 2))"
                }
                detail +=
                    "; a reply in any conversation settles it, and it expires on \(ReportDate.day(first.since + horizon))"
                out.append(Alert(kind: .owedReply, personID: id(c), name: who, since: day, days: days, detail: detail))
            }
            // Awaiting: personal (non-template) turns with fewer than maxFollowUps follow-ups.
            var templateAt = Set<Provenance>()
            for m in cc.events where conv.messages.template[m] { templateAt.insert(network.events[m].provenance) }
            let waiting = cc.awaiting.filter {
                $0.followUps < config.maxFollowUps && !templateAt.contains($0.provenance) && asOf - $0.since < horizon
            }
            if let first = waiting.min(by: { ($0.since, $0.provenance) < ($1.since, $1.provenance) }) {
                let days = Alerts.days(from: first.since, to: asOf)
                let day = ReportDate.day(first.since)
                var detail = "You wrote to \(who) on \(day) (1:1, \(days) days ago) and have had no reply"
                if first.followUps > 0 { detail += " to it or to \(Alerts.plural(first.followUps, "follow-up"))" }
                let left = config.maxFollowUps - first.followUps
                detail += "; a follow-up is due (\(left) more before this alert stops)"
                awaiting.append(
                    Alert(kind: .awaitingReply, personID: id(c), name: who, since: day, days: days, detail: detail))
            }
        }
        return out + awaiting
    }

    // MARK: dormant

    func dormantAlerts(_ conv: ConversationIndex, scores: ScoreBook?, recentStrength: [PersonID: Double]) -> [Alert] {
        // Strength rank for the Dunbar fallback (strongest first, ties by id).
        var rank: [Int32: Int] = [:]
        if let scores {
            let ranked = scores.people.indices.filter { Int32($0) != owner && $0 < network.people.count }
                .sorted {
                    let a = scores.people[$0].strength
                    let b = scores.people[$1].strength
                    return a != b ? a > b : network.people[$0].id < network.people[$1].id
                }
            for (r, i) in ranked.prefix(config.dunbarCadences.map(\.maxRank).max() ?? 0).enumerated() {
                rank[Int32(i)] = r + 1
            }
        }
        let cadences = config.dunbarCadences.sorted { $0.maxRank < $1.maxRank }
        var out: [Alert] = []
        let today = Int(saturating: (asOf / 86_400).rounded(.down))
        let windowStart = Int(saturating: ((asOf - config.dormantHistoryDays * 86_400) / 86_400).rounded(.down))
        // The clock: days with a two-way 1:1 exchange (docs/scoring.md "Alerts").
        for c in conv.contacts where c != owner && Int(c) < network.people.count {
            let cc = conv.contact(c)
            guard let last = cc.exchangeTimesOneToOne.last else { continue }
            var exchangeDays: [Int] = []
            for t in cc.exchangeTimesOneToOne {
                if let d = DateParser.dayNumber(t), exchangeDays.last != d { exchangeDays.append(d) }
            }
            // Silence lowers strength: a tie is measured by its strength at the last exchange.
            let current = scores.flatMap {
                Int(c) < $0.people.count
                    ? max($0.people[Int(c)].strength, $0.people[Int(c)].strengthAtLastExchange) : nil
            }
            let recent = recentStrength[id(c)]
            let strength = max(current ?? -1, recent ?? -1)
            guard strength >= config.dormantMinStrength else { continue }
            let days = Alerts.days(from: last, to: asOf)
            let inWindow = exchangeDays.filter { $0 >= windowStart && $0 <= today }
            let gap: Double
            let why: String
            if inWindow.count >= 2 {
                var gaps: [Int] = []
                for k in 1..<inWindow.count { gaps.append(inWindow[k] - inWindow[k - 1]) }
                gaps.sort()
                let m = gaps.count
                let median = m % 2 == 1 ? Double(gaps[m / 2]) : Double(gaps[m / 2 - 1] + gaps[m / 2]) / 2
                gap = min(config.dormantMaxGapDays, max(config.dormantMinGapDays, median))
                why =
                    "the usual gap of \(Format.fixed(gap, 0)) days (median over the last \(Format.fixed(config.dormantHistoryDays / 365, 0)) years, kept within \(Format.fixed(config.dormantMinGapDays, 0))–\(Format.fixed(config.dormantMaxGapDays, 0)))"
            } else if let r = rank[c], let cadence = cadences.first(where: { r <= $0.maxRank }) {
                gap = cadence.days
                why =
                    "the \(Format.fixed(cadence.days, 0))-day cadence of a top-\(cadence.maxRank) contact (strength rank \(r); too little history for a usual gap)"
            } else {
                continue
            }
            guard Double(days) > config.dormantGapMultiple * gap else { continue }
            let strengthText: String
            if let recent, recent > (current ?? -1) {
                strengthText =
                    "strength was \(Format.fixed(recent, 2)) in recent weeks"
                    + (current.map { ", now \(Format.fixed($0, 2))" } ?? "")
            } else {
                strengthText = "strength \(Format.fixed(strength, 2))"
            }
            let multiple =
                config.dormantGapMultiple == 2 ? "twice" : Format.fixed(config.dormantGapMultiple, 1) + " times"
            let detail =
                "Last two-way 1:1 exchange with \(name(c)) on \(ReportDate.day(last)) (\(days) days ago), more than \(multiple) \(why); \(strengthText)"
            out.append(
                Alert(
                    kind: .dormant, personID: id(c), name: name(c), since: ReportDate.day(last), days: days,
                    detail: detail))
        }
        return out
    }

    // MARK: broadcast_only

    func broadcastAlerts(_ conv: ConversationIndex) -> [Alert] {
        var out: [Alert] = []
        for c in conv.contacts where c != owner && Int(c) < network.people.count {
            let cc = conv.contact(c)
            guard cc.messagesOut > 0, cc.messagesIn == 0, cc.templateOut == cc.messagesOut else { continue }
            let sent = cc.events.filter { network.events[$0].actor == owner }
            guard let firstIdx = sent.first, let lastIdx = sent.last,
                let first = network.events[firstIdx].time, let last = network.events[lastIdx].time
            else { continue }
            let what =
                sent.count == 1
                ? "The only message you sent \(name(c)) (on \(ReportDate.day(first))) was"
                : "All \(sent.count) messages you sent \(name(c)) (\(ReportDate.day(first)) to \(ReportDate.day(last))) were"
            let detail =
                "\(what) template text (the same words, names aside, sent to \(Format.fixed(config.scoring.templateMinRecipients, 0)) or more people), and \(name(c)) never wrote back"
            out.append(
                Alert(
                    kind: .broadcastOnly, personID: id(c), name: name(c), since: ReportDate.day(first),
                    days: Alerts.days(from: first, to: asOf), detail: detail))
        }
        return out
    }

    // MARK: no_relationship

    func noRelationshipAlerts() -> [Alert] {
        var out: [Alert] = []
        for ci in connected.indices where connected[ci] && !interacted[ci] {
            let c = Int32(ci)
            let time = connectionTime[ci]
            let reason =
                "but no message, invitation note, endorsement or recommendation either way: a connection alone is not a relationship"
            if let time {
                let d = Alerts.days(from: time, to: asOf)
                let since = ReportDate.day(time)
                out.append(
                    Alert(
                        kind: .noRelationship, personID: id(c), name: name(c), since: since, days: d,
                        detail: "Connected with \(name(c)) on \(since) (\(d) days ago) \(reason)"))
            } else {
                out.append(
                    Alert(
                        kind: .noRelationship, personID: id(c), name: name(c), since: "", days: nil,
                        detail: "Connected with \(name(c)) (date unknown) \(reason)"))
            }
        }
        return out
    }
}
