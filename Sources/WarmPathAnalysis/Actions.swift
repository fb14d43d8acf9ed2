import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// What an ``Action`` asks the owner to do. Raw values are the `kind` column of `actions.csv`;
/// declaration order breaks ties between actions of equal priority.
public enum ActionKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Answer a message the owner owes a reply to.
    case reply
    /// Write again to someone who has not answered the owner.
    case followUp = "follow_up"
    /// Write to a target the owner is connected to directly: no introduction needed.
    case contactTarget = "contact_target"
    /// Ask an introducer for an introduction to a target.
    case askIntro = "ask_intro"
    /// Get back in touch with a strong tie that has gone quiet.
    case revive

    /// Declaration order.
    public var order: Int { ActionKind.allCases.firstIndex(of: self)! }

    public static func < (a: ActionKind, b: ActionKind) -> Bool { a.order < b.order }

    /// Short plain-words name for the page: `Reply`, `Follow up`, `Contact directly`, `Ask for an
    /// intro`, `Revive`.
    public var label: String {
        switch self {
        case .reply: "Reply"
        case .followUp: "Follow up"
        case .contactTarget: "Contact directly"
        case .askIntro: "Ask for an intro"
        case .revive: "Revive"
        }
    }
}

/// One thing to do, one row of `actions.csv`.
public struct Action: Sendable, Hashable {
    public var kind: ActionKind
    /// The person the action is about: whom to answer, follow up or revive, the target to
    /// contact, or the target to be introduced to (`ask_intro`).
    public var personID: PersonID
    public var name: String
    /// The introducer to ask (`ask_intro`); nil for the other kinds.
    public var viaID: PersonID?
    /// The introducer's name (`ask_intro`), `directly` (`contact_target`), else "".
    public var via: String
    /// Why, and the next step, in plain words: "Ask Blake Rivera (your teammate; …) to introduce you to …".
    public var reason: String
    /// When it is (or was) due, `yyyy-MM-dd`: the day an owed reply or a follow-up became due,
    /// the day to answer a target's fresh message by, else the as-of day.
    public var due: String
    /// value × urgency (``ActionList``); higher first.
    public var priority: Double
    /// An owed reply from the last ``ActionConfig/pinnedReplyDays`` days: never hidden on the page.
    public var pinned: Bool
    /// The person is one of the targets.
    public var isTarget: Bool

    public init(
        kind: ActionKind, personID: PersonID, name: String, viaID: PersonID? = nil, via: String = "", reason: String,
        due: String, priority: Double, pinned: Bool = false, isTarget: Bool = false
    ) {
        self.kind = kind
        self.personID = personID
        self.name = name
        self.viaID = viaID
        self.via = via
        self.reason = reason
        self.due = due
        self.priority = priority
        self.pinned = pinned
        self.isTarget = isTarget
    }

    /// Rank order: priority (higher first), then kind, then person id, then introducer id.
    public static func ranksBefore(_ a: Action, _ b: Action) -> Bool {
        if a.priority != b.priority { return a.priority > b.priority }
        if a.kind != b.kind { return a.kind < b.kind }
        if a.personID != b.personID { return a.personID < b.personID }
        return (a.viaID?.rawValue ?? "") < (b.viaID?.rawValue ?? "")
    }
}

/// How actions are chosen and ranked. The horizon comes from the scoring config
/// (`owed_reply_horizon_days`); the rest are fixed judgement calls, documented here.
public struct ActionConfig: Sendable, Hashable {
    /// `owedReplyDays` (when a reply becomes owed) and `awaitingDays` (when a follow-up is due).
    public var scoring: ScoringConfig
    /// Owed replies and follow-ups older than this many days are no action (default 90).
    public var horizonDays: Double
    /// Owed replies at most this many days old are pinned: always shown on the page.
    public var pinnedReplyDays: Double = 30
    /// A target's message at most this many days old makes contacting them urgent.
    public var freshDays: Double = 30
    /// Urgency halves every this many days since the message that started the action.
    public var urgencyHalfLifeDays: Double = 30
    /// Urgency of actions without a date of their own: asks, targets without a fresh message,
    /// dormant ties.
    public var askUrgency: Double = 0.5
    public var contactUrgency: Double = 0.3
    public var reviveUrgency: Double = 0.4
    /// Value added when the person is a target.
    public var targetBonus: Double = 0.2

    public init(scoring: ScoringConfig = .default) {
        self.scoring = scoring
        self.horizonDays = scoring.owedReplyHorizonDays
    }

    public static let `default` = ActionConfig()
}

/// What the action list is made from: a run's network, scores, alerts and paths.
public struct ActionInput: Sendable {
    public var network: Network
    public var owner: Int32
    /// "Now", seconds since 1970 UTC.
    public var asOf: Double
    public var scores: ScoreBook
    /// The run's alerts (``Alerts/compute(network:owner:asOf:scores:config:recentStrength:conversations:)``).
    public var alerts: [Alert]
    /// Targets, their paths and the asks of this period.
    public var paths: PathAnalysis
    /// The owner's conversations (last message each way, owed replies and follow-ups).
    public var conversations: ConversationIndex

    public init(
        network: Network, owner: Int32, asOf: Double, scores: ScoreBook, alerts: [Alert], paths: PathAnalysis,
        conversations: ConversationIndex
    ) {
        self.network = network
        self.owner = owner
        self.asOf = asOf
        self.scores = scores
        self.alerts = alerts
        self.paths = paths
        self.conversations = conversations
    }
}

/// The week's ranked to-do list: one list made from the alerts, the scores and the paths.
///
/// Candidates, at most one per person (the first kind wins: reply, follow-up, contact target,
/// ask intro, revive):
/// - `reply`: an `owed_reply` alert at most ``ActionConfig/horizonDays`` old;
/// - `follow_up`: an `awaiting_reply` alert at most ``ActionConfig/horizonDays`` old;
/// - `contact_target`: a target whose best path is direct (the owner knows them);
/// - `ask_intro`: an ask of the path layer's budget (target, introducer, path);
/// - `revive`: a `dormant` alert.
///
/// Priority = value × urgency:
/// - value: replies 0.5 + 0.5·s, follow-ups 0.2 + 0.5·s, revivals 0.8·s (s = tie strength);
///   targets to contact 0.6 + 0.4·p, asks 0.5 + 0.4·p (p = the path's probability); plus
///   ``ActionConfig/targetBonus`` when a reply, follow-up or revival concerns a target;
/// - urgency: `2^(−days / 30)` since the unanswered message (or the target's last message when
///   it is at most ``ActionConfig/freshDays`` old), else a fixed 0.5 for asks, 0.3 for targets
///   without a fresh message, 0.4 for revivals.
///
/// So a recent reply to a close contact comes first, and an old one sinks below this week's
/// asks. Ties: kind, then person id.
///
/// ```
/// let actions = ActionList.compute(input)
/// actions.first?.reason  // "Reply to Ana Ruiz (Engineer at Acme): they wrote on 2024-03-16 (4 days ago) …"
/// ```
public enum ActionList {
    /// Every action, ranked (rank 1 first).
    /// - Complexity: O(A + T·k + M + N log N) for A alerts, T targets with k paths, M events
    ///   and N actions.
    public static func compute(_ input: ActionInput, config: ActionConfig = .default) -> [Action] {
        ActionMaker(input: input, config: config).all()
    }

    /// Whole days between `time` and `asOf` (rounded down, never negative).
    static func days(from time: Double, to asOf: Double) -> Int { Alerts.days(from: time, to: asOf) }
}

/// Builds the candidates of ``ActionList``.
private struct ActionMaker {
    let input: ActionInput
    let config: ActionConfig
    let asOfDay: String
    /// Target person → the target rows (as typed) that matched them.
    var targetRows: [Int32: [TargetMatch]] = [:]
    /// Target person → their path result.
    var results: [Int32: TargetPaths] = [:]
    var byID: [PersonID: Int32] = [:]

    init(input: ActionInput, config: ActionConfig) {
        self.input = input
        self.config = config
        self.asOfDay = ReportDate.day(input.asOf)
        for m in input.paths.targets.matches {
            for p in m.people { targetRows[p, default: []].append(m) }
        }
        for r in input.paths.results { results[r.target] = r }
        for (i, p) in input.network.people.enumerated() { byID[p.id] = Int32(i) }
    }

    var network: Network { input.network }

    func person(_ i: Int32) -> Person { network.people[Int(i)] }

    func strength(_ i: Int32) -> Double {
        Int(i) < input.scores.people.count ? input.scores.people[Int(i)].strength : 0
    }

    /// `CFO at Greyhaven Health`, `Greyhaven Health`, `CFO` or "".
    func job(_ i: Int32) -> String {
        let p = person(i)
        let c = p.company.trimmingCharacters(in: .whitespaces)
        let t = p.position.trimmingCharacters(in: .whitespaces)
        return c.isEmpty ? t : (t.isEmpty ? c : "\(t) at \(c)")
    }

    /// `Samuel Okafor (CFO at Greyhaven Health)`, with the target company when the person was
    /// matched through a company row.
    func described(_ i: Int32) -> String {
        var parts: [String] = []
        let j = job(i)
        if !j.isEmpty { parts.append(j) }
        let companies = (targetRows[i] ?? []).filter(\.spec.isCompanyOnly).map(\.spec.company)
        if let c = companies.first, !j.lowercased().contains(c.lowercased()) { parts.append("target company \(c)") }
        return person(i).name + (parts.isEmpty ? "" : " (" + parts.joined(separator: "; ") + ")")
    }

    /// Calendar days (UTC) from `time` to the as-of day: "today" is the as-of day itself.
    func daysAgo(_ time: Double) -> Int {
        guard let a = DateParser.dayNumber(input.asOf), let b = DateParser.dayNumber(time) else {
            return ActionList.days(from: time, to: input.asOf)
        }
        return max(0, a - b)
    }

    func ago(_ days: Int) -> String {
        switch days {
        case 0: "today"
        case 1: "1 day ago"
        default: "\(days) days ago"
        }
    }

    /// `39%`; `<1%` for a chance above zero that rounds to 0.
    func percent(_ p: Double) -> String {
        let p = p.isFinite ? p : 0
        return p > 0 && p < 0.005 ? "<1%" : Format.fixed(p * 100, 0) + "%"
    }

    func urgency(days: Int) -> Double { pow(2, -Double(days) / max(config.urgencyHalfLifeDays, 1)) }

    /// The day `days` after `day` (`yyyy-MM-dd`), or `day` when it cannot be read.
    func day(_ day: String, plus days: Double) -> String {
        guard let t = ReportDate.parseDay(day) else { return day }
        return ReportDate.day(t + days * 86_400)
    }

    func all() -> [Action] {
        var best: [Int32: Action] = [:]
        func offer(_ i: Int32, _ a: Action) {
            if let cur = best[i], cur.kind <= a.kind { return }
            best[i] = a
        }
        var dormant = Set<Int32>()
        for alert in input.alerts {
            guard let i = byID[alert.personID], i != input.owner else { continue }
            switch alert.kind {
            case .owedReply: if let a = reply(i, alert) { offer(i, a) }
            case .awaitingReply: if let a = followUp(i, alert) { offer(i, a) }
            case .dormant:
                dormant.insert(i)
                offer(i, revive(i, alert))
            case .broadcastOnly, .noRelationship: break
            }
        }
        for r in input.paths.results {
            guard let p = r.paths.first, p.introducer == nil, p.hops == 1, r.target != input.owner else { continue }
            offer(r.target, contactTarget(r.target, p))
        }
        for ask in input.paths.asks where ask.target != input.owner {
            offer(ask.target, askIntro(ask))
        }
        // A strong tie going quiet that has another action: said in that action's reason.
        for i in dormant {
            if let a = best[i], a.kind != .revive { best[i]!.reason = a.reason + "; a strong tie going quiet" }
        }
        return best.values.sorted(by: Action.ranksBefore)
    }

    // MARK: reply and follow-up

    /// "tie strength 0.56", or "no interaction evidence yet" when the strength is only a prior
    /// from the connection (``PersonScore/hasInteractionEvidence``): no precise-looking number.
    func tieWords(_ i: Int32) -> String {
        let score = Int(i) < input.scores.people.count ? input.scores.people[Int(i)] : nil
        if let score, score.scored, !score.hasInteractionEvidence { return "no interaction evidence yet" }
        return "tie strength \(Format.fixed(strength(i), 2))"
    }

    func reply(_ i: Int32, _ alert: Alert) -> Action? {
        guard let days = alert.days, Double(days) <= config.horizonDays else { return nil }
        let owed = input.conversations.contact(i).owedReplies
        let count = max(1, owed.reduce(0) { $0 + $1.messages })
        let s = strength(i)
        var reason =
            count == 1
            ? "Reply to \(described(i)): they wrote on \(alert.since) (\(ago(days))) and have had no answer"
            : "Reply to \(described(i)): \(count) messages unanswered, the first on \(alert.since) (\(ago(days)))"
        reason += "; " + tieWords(i)
        let isTarget = targetRows[i] != nil
        if isTarget { reason += "; one of your targets" }
        let value = 0.5 + 0.5 * s + (isTarget ? config.targetBonus : 0)
        return Action(
            kind: .reply, personID: person(i).id, name: person(i).name, reason: reason,
            due: day(alert.since, plus: config.scoring.owedReplyDays), priority: value * urgency(days: days),
            pinned: Double(days) <= config.pinnedReplyDays, isTarget: isTarget)
    }

    func followUp(_ i: Int32, _ alert: Alert) -> Action? {
        guard let days = alert.days, Double(days) <= config.horizonDays else { return nil }
        let s = strength(i)
        let waiting = input.conversations.contact(i).awaiting.filter { ReportDate.day($0.since) == alert.since }
        let followUps = waiting.map(\.followUps).min() ?? 0
        var reason = "Follow up with \(described(i)): you wrote on \(alert.since) (\(ago(days))) and have had no reply"
        if followUps > 0 { reason += " to it or to \(Alerts.plural(followUps, "follow-up"))" }
        reason += "; " + tieWords(i)
        let isTarget = targetRows[i] != nil
        if isTarget { reason += "; one of your targets" }
        let value = 0.2 + 0.5 * s + (isTarget ? config.targetBonus : 0)
        return Action(
            kind: .followUp, personID: person(i).id, name: person(i).name, reason: reason,
            due: day(alert.since, plus: config.scoring.awaitingDays), priority: value * urgency(days: days),
            isTarget: isTarget)
    }

    // MARK: revive

    func revive(_ i: Int32, _ alert: Alert) -> Action {
        let s = strength(i)
        let isTarget = targetRows[i] != nil
        // The alert's words without its opening: "last contact on 2024-01-09 (71 days ago), more than …".
        var detail = alert.detail
        for opening in [
            "Last two-way 1:1 exchange with \(person(i).name) ", "Last interaction with \(person(i).name) ",
        ]
        where detail.hasPrefix(opening) {
            detail = "last contact " + detail.dropFirst(opening.count)
            break
        }
        var reason = "Get back in touch with \(described(i)): " + detail
        if isTarget { reason += "; one of your targets" }
        let value = 0.8 * s + (isTarget ? config.targetBonus : 0)
        return Action(
            kind: .revive, personID: person(i).id, name: person(i).name, reason: reason, due: asOfDay,
            priority: value * config.reviveUrgency, isTarget: isTarget)
    }

    // MARK: targets

    /// The newest message the target sent the owner, when at most ``ActionConfig/freshDays`` old.
    func freshMessage(_ t: Int32) -> Double? {
        guard let last = input.conversations.contact(t).lastInbound, last <= input.asOf else { return nil }
        return Double(daysAgo(last)) <= config.freshDays ? last : nil
    }

    func contactTarget(_ t: Int32, _ path: WarmPath) -> Action {
        let p = path.probability
        var reason =
            "Contact \(described(t)) directly: you are connected (\(tieWords(t)), "
            + "path \(percent(p)))"
        var due = asOfDay
        var urgency = config.contactUrgency
        if let last = freshMessage(t) {
            let days = daysAgo(last)
            reason += "; they wrote to you on \(ReportDate.day(last)) (\(ago(days)))"
            urgency = self.urgency(days: days)
            let answerBy = last + config.scoring.owedReplyDays * 86_400
            if answerBy > input.asOf { due = ReportDate.day(answerBy) }
        } else if let last = input.conversations.contact(t).lastMessage, last <= input.asOf {
            reason += "; last message \(ReportDate.day(last)) (\(ago(daysAgo(last))))"
        }
        if let next = alternative(t, besides: nil) { reason += "; " + next }
        return Action(
            kind: .contactTarget, personID: person(t).id, name: person(t).name, via: "directly", reason: reason,
            due: due, priority: (0.6 + 0.4 * p) * urgency, isTarget: true)
    }

    func askIntro(_ ask: IntroAsk) -> Action {
        let t = ask.target
        let intro = ask.introducer
        let p = ask.path
        var who: [String] = []
        if input.network.sourceOwners.contains(intro) { who.append("your teammate") }
        if let last = input.conversations.contact(intro).lastMessage, last <= input.asOf {
            who.append("you last wrote each other \(ago(daysAgo(last)))")
        } else {
            who.append(tieWords(intro))
        }
        var reason =
            "Ask \(person(intro).name) (\(who.joined(separator: "; "))) to introduce you to \(described(t)); "
            + "path \(pathText(p)), \(percent(p.probability))"
        if !p.links.isEmpty {
            let w = p.weakest
            reason +=
                "; weakest hop \(input.paths.graph.displayName(w.from, in: network)) → "
                + "\(input.paths.graph.displayName(w.to, in: network)) \(Format.fixed(w.probability, 2))"
                + (w.inferred ? " (inferred from a shared employer or school)" : "")
        }
        if let direct = directColleague(of: t, besides: intro) { reason += "; " + direct }
        if let next = alternative(t, besides: intro) { reason += "; " + next }
        return Action(
            kind: .askIntro, personID: person(t).id, name: person(t).name, viaID: person(intro).id,
            via: person(intro).name, reason: reason, due: asOfDay,
            priority: (0.5 + 0.4 * p.probability) * config.askUrgency,
            isTarget: true)
    }

    /// `You → Blake Rivera → (Globex) → Taylor Kim`.
    func pathText(_ p: WarmPath) -> String {
        p.nodes.map { $0 == input.owner ? "You" : input.paths.graph.displayName($0, in: network) }
            .joined(separator: " → ")
    }

    /// "or ask Casey Morgan (23%)": the next shown path through another first hop.
    func alternative(_ t: Int32, besides intro: Int32?) -> String? {
        guard let r = results[t] else { return nil }
        for p in r.paths.dropFirst(intro == nil ? 1 : 0) where p.introducer != intro {
            if let i = p.introducer {
                return "next best: ask \(person(i).name) (\(percent(p.probability)))"
            }
            return "or contact them directly (\(percent(p.probability)))"
        }
        return nil
    }

    /// "you know Sam Ortiz at Globex directly": another target of the same company row whom the
    /// owner reaches directly (not the introducer).
    func directColleague(of t: Int32, besides intro: Int32) -> String? {
        for m in targetRows[t] ?? [] where m.spec.isCompanyOnly {
            for other in m.people where other != t && other != intro {
                if let p = results[other]?.paths.first, p.introducer == nil, p.hops == 1 {
                    return "you know \(person(other).name) at \(m.spec.company) directly: contact them too"
                }
            }
        }
        return nil
    }
}
