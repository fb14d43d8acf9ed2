import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport
import Yams

/// Every weight, half-life and threshold of the scoring model (MODEL.md §5.3–5.5), with the
/// documented defaults. A YAML file given with `--config` overrides any subset of the keys.
///
/// ```
/// var c = ScoringConfig.default
/// c.owedReplyDays = 7
/// let book = Scorer.score(network: n, owner: 0, asOf: t, config: c)
/// ```
///
/// Defaults are priors to be calibrated, not truths. The source of each one is listed by
/// ``ScoringConfig/keys`` and printed by `warmpath config --defaults`.
public struct ScoringConfig: Sendable, Hashable {
    // MARK: Decay
    /// Fast component half-life of the two-speed decay, days.
    public var decayFastHalfLifeDays = 90.0
    /// Slow component half-life, days.
    public var decaySlowHalfLifeDays = 730.0
    /// Share of the fast component (the slow one gets 1 − share).
    public var decayFastShare = 0.75
    /// Decay factor used for undated evidence (graph edges, address-book entries).
    public var undatedDecay = 0.25

    // MARK: Activity weights q_k
    public var qMessageOneToOne = 1.0
    public var qMessageGroup = 0.25
    public var qInvitationNote = 1.0
    public var qInvitationBlank = 0.3
    public var qConnection = 0.5
    public var qEndorsement = 0.5
    public var qRecommendation = 3.0
    public var qFriendship = 0.5
    public var qFollow = 0.1
    public var qContact = 0.3
    public var qGraphEdge = 0.5
    public var qReaction = 0.2

    // MARK: Strength logit
    public var strengthIntercept = -3.1
    public var wActivity = 0.7
    /// A in `ln(1 + A / activityScale)`; also the scale of the saturating privacy, specificity and
    /// silence gates `1 − exp(−x / activityScale)`.
    public var activityScale = 3.0
    public var wNeverCommunicated = -0.6
    /// Messages exist but none was ever reciprocated (one-way, templates, bulk). Keep it at least
    /// ``wNeverCommunicated`` so a first unanswered message never lowers strength.
    public var wNoExchange = -0.6
    public var wDuration = 0.9
    /// Years in `D = 1 − exp(−years / durationYears)`.
    public var durationYears = 3.0
    /// Weight of the recency of the last two-way exchange, `2^(−days / silenceHalfLifeDays)`.
    public var wSilence = 2.6
    /// Half-life of the silence term, days.
    public var silenceHalfLifeDays = 180.0
    public var wPrivacy = 0.4
    public var wSpecificity = 0.4
    public var wSocialObjects = 0.6
    public var wStructural = 0.5
    /// A graph-file edge with weight ≤ 0 (a negative rating): distrust.
    public var wDistrust = -3.0
    /// In a graph file with weights above 1 the weights are counts (co-appearances, messages): an
    /// edge's activity mass is multiplied by `w^graphWeightLog`, so for large counts the activity
    /// term grows as `wActivity · graphWeightLog · ln(w)` (0 ignores the counts).
    public var graphWeightLog = 1.0

    // MARK: Meetings (calendar)
    /// Strength weight of `1 − exp(−M / meetingScale)`, M the decayed meeting mass.
    public var wMeetings = 1.2
    /// Intimacy weight of one-to-one and small meetings.
    public var intMeetings = 1.0
    /// Meetings of up to this many people are small (intimacy); larger ones are not.
    public var meetingSmallSize = 6.0
    /// M scale in `1 − exp(−M / meetingScale)`.
    public var meetingScale = 2.0

    // MARK: Text signals
    /// A message whose normalised text (names removed) one sender sent to at least this many
    /// other people is a template.
    public var templateMinRecipients = 3.0
    /// Shorter texts (in words) are never templates ("thanks!" is not a mail merge).
    public var templateMinWords = 5.0
    /// Weight of personal markers inside specificity σ (the rest is the non-template share).
    public var specificityMarkerShare = 0.3
    /// Broadcast for self-orientation: the same text to at least this many people ...
    public var broadcastMinRecipients = 5.0
    /// ... within this many days.
    public var broadcastWindowDays = 7.0

    // MARK: Social objects
    /// Months of overlapping tenure that count as a full overlap.
    public var overlapFullMonths = 12.0
    /// Overlap credited when only one side has dates (the contact's current company).
    public var overlapUndatedPast = 0.5

    // MARK: Conversations
    /// An inbound 1:1 non-broadcast message unanswered this long is an owed reply.
    public var owedReplyDays = 3.0
    /// An owed reply fades linearly and expires this many days after the message.
    /// Older owed replies and follow-ups are no longer actions in `actions.csv` (they stay in `alerts.csv`).
    public var owedReplyHorizonDays = 90.0
    /// An outbound message unanswered this long is awaiting a reply.
    public var awaitingDays = 7.0
    /// Trust rot: reliability is multiplied by this per owed reply.
    public var rotFactor = 0.85
    /// Group threads: how many earlier messages a post may answer (bounds the work per message).
    public var replyLookback = 64.0

    // MARK: Readiness (trust equation)
    public var wCredibility = 1.0
    public var wReliability = 1.0
    public var wIntimacy = 1.0
    public var kappa = 1.0

    // MARK: Credibility evidence weights (C = 1 − exp(−Σ))
    public var credRecommendation = 1.5
    public var credEndorsement = 0.3
    public var credInitiated = 0.15
    public var credInvitationNote = 0.4
    public var credInvitationBlank = 0.1
    public var credWorkedTogether = 0.5
    /// Explicit trust the contact gives the owner in a graph file (a rating), per unit of trust.
    public var credExplicitTrust = 1.0

    // MARK: Reliability
    public var relOwnerResponsiveness = 1.0
    public var relContactResponsiveness = 1.0
    public var relTimeliness = 0.5
    public var relConsistency = 0.5
    /// Reply speed credit `2^(−latency / half-life)`, days.
    public var replySpeedHalfLifeDays = 2.0
    /// `timeliness = 1 − exp(−Σ speed / saturation)`.
    public var timelinessSaturation = 3.0
    /// Bucket width for consistency (distinct active periods), days.
    public var consistencyBucketDays = 30.0
    /// `consistency = 1 − exp(−active buckets / saturation)`.
    public var consistencySaturation = 6.0

    // MARK: Intimacy
    public var intPrivacy = 1.0
    public var intSpecificity = 1.0
    public var intDepth = 0.5
    public var intPersonal = 0.5
    /// `depth = 1 − exp(−turns of the deepest 1:1 thread / depthScale)`.
    public var depthScale = 6.0

    // MARK: Self-orientation
    public var soBroadcast = 1.0
    public var soOneWay = 1.0
    public var soSponsored = 0.5
    public var soSwap = 0.5
    /// Consecutive unanswered outbound messages that make a one-way pitch.
    public var oneWayMessages = 3.0

    // MARK: Endorsements
    public var baseRecommendation = 1.0
    public var baseEndorsement = 0.25
    public var tieFloor = 0.1
    /// Same endorser, at least this many skills on one day: a burst.
    public var burstMinSkills = 3.0
    /// An endorsement returned within this many days of one given is a swap.
    public var swapWindowDays = 14.0
    /// Penalty share of a swap.
    public var swapPenalty = 0.5
    /// Penalty share of an endorsement or recommendation not accepted (hidden, pending, rejected).
    public var notAcceptedPenalty = 0.75
    public var endorsementHalfLifeYears = 3.0
    public var credBase = 0.5
    public var credWorkedWith = 0.25
    public var credTitleMatch = 0.25
    public var topEndorsers = 3.0

    // MARK: Report bands (how the page names a number; no score depends on them)
    /// Strength at or above this is a strong tie ...
    public var bandStrengthStrong = 0.6
    /// ... at or above this a medium one, below it a weak one.
    public var bandStrengthMedium = 0.3
    /// Readiness to refer at or above this is high ...
    public var bandReadinessHigh = 0.6
    /// ... at or above this medium, below it low.
    public var bandReadinessMedium = 0.3
    /// A chance to reach a target at or above this is likely ...
    public var bandReachLikely = 0.5
    /// ... at or above this possible, below it a long shot.
    public var bandReachPossible = 0.2

    public init() {}

    /// The documented defaults.
    public static let `default` = ScoringConfig()

    // MARK: Helpers

    /// Two-speed decay of an event `age` seconds old (0 for events after as-of never happens:
    /// those are excluded by the scorer).
    @inline(__always)
    public func decay(age: Double) -> Double {
        let d = max(0, age) / 86_400
        return decayFastShare * exp2(-d / decayFastHalfLifeDays) + (1 - decayFastShare)
            * exp2(-d / decaySlowHalfLifeDays)
    }

    /// Decay of an optional time: ``undatedDecay`` when unknown.
    @inline(__always)
    public func decay(time: Double?, asOf: Double) -> Double {
        guard let time else { return undatedDecay }
        return decay(age: asOf - time)
    }
}

/// One configuration key: its YAML name, the field, and where its default comes from.
public struct ScoringConfigKey {
    public let name: String
    public let path: WritableKeyPath<ScoringConfig, Double>
    /// Paper or product from MODEL.md, or "judgement call".
    public let source: String
    public let help: String
}

/// Errors of `--config FILE`.
public enum ScoringConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case notYAMLMapping(path: String)
    case unknownKey(path: String, key: String, suggestion: String?)
    case notANumber(path: String, key: String, value: String)
    case alias(path: String, name: String, line: Int)
    case tooLarge(path: String, bytes: Int64, limit: Int64)

    public var description: String {
        switch self {
        case .unreadable(let p, let r): "cannot read scoring config \(p): \(r)"
        case .notYAMLMapping(let p):
            "scoring config \(p) must be a YAML mapping of key: number (see `warmpath config --defaults`)"
        case .unknownKey(let p, let k, let s):
            "scoring config \(p): unknown key '\(k)'" + (s.map { "; did you mean '\($0)'?" } ?? "")
                + " (`warmpath config --defaults` lists every key)"
        case .notANumber(let p, let k, let v): "scoring config \(p): key '\(k)' must be a number, got '\(v)'"
        case .alias(let p, let name, let line):
            "scoring config \(p):\(line): aliases are not allowed in config files (found '*\(name)')"
        case .tooLarge(let p, let bytes, let limit):
            "scoring config \(p): \(Format.grouped(Int(bytes))) bytes is over the \(Format.grouped(Int(limit)))-byte limit "
                + "for config files"
        }
    }
}

extension ScoringConfigError: UserFacingError {
    public var message: String { description }
    public var exitStatus: ExitStatus { .usage }
}

extension ScoringConfig {
    private static let gilbert = "Gilbert & Karahalios CHI 2009 (prior, to be calibrated)"
    private static let dotalign = "DotAlign published strength formula"
    private static let green = "Green's trust equation (trustedadvisor.com)"
    private static let judgement = "judgement call"

    /// Every key, in the order `warmpath config --defaults` prints them.
    public static var keys: [ScoringConfigKey] {
        func k(_ n: String, _ p: WritableKeyPath<ScoringConfig, Double>, _ s: String, _ h: String) -> ScoringConfigKey {
            ScoringConfigKey(name: n, path: p, source: s, help: h)
        }
        return [
            k("decay_fast_half_life_days", \.decayFastHalfLifeDays, dotalign, "fast half-life of the two-speed decay"),
            k("decay_slow_half_life_days", \.decaySlowHalfLifeDays, dotalign, "slow half-life of the two-speed decay"),
            k("decay_fast_share", \.decayFastShare, dotalign, "share of the fast component (75%/25%)"),
            k("undated_decay", \.undatedDecay, judgement, "decay factor for undated evidence"),
            k(
                "q_message_1to1", \.qMessageOneToOne, "MODEL.md §5.3 (Gilbert intensity)",
                "activity weight of a 1:1 message"),
            k("q_message_group", \.qMessageGroup, "MODEL.md §5.3", "activity weight of a group message"),
            k("q_invitation_note", \.qInvitationNote, "MODEL.md §5.3", "invitation with a note"),
            k("q_invitation_blank", \.qInvitationBlank, "MODEL.md §5.3", "invitation without a note"),
            k("q_connection", \.qConnection, "MODEL.md §5.3", "connection"),
            k("q_endorsement", \.qEndorsement, "MODEL.md §5.3", "endorsement"),
            k("q_recommendation", \.qRecommendation, "MODEL.md §5.3", "recommendation"),
            k("q_friendship", \.qFriendship, judgement, "Facebook friendship (like a connection)"),
            k("q_follow", \.qFollow, judgement, "X follow"),
            k("q_contact", \.qContact, judgement, "address-book entry"),
            k("q_graph_edge", \.qGraphEdge, judgement, "graph-file edge without explicit trust"),
            k("q_reaction", \.qReaction, judgement, "reaction or comment"),
            k("strength_intercept", \.strengthIntercept, gilbert, "logit intercept"),
            k(
                "w_activity", \.wActivity, gilbert + "; DotAlign",
                "weight of ln(1 + A/scale), A = reciprocated activity"),
            k("activity_scale", \.activityScale, "MODEL.md §5.3", "A scale in ln(1 + A/scale) and of the gates"),
            k(
                "w_never_communicated", \.wNeverCommunicated, gilbert + " (recency caveat)",
                "no message ever, either way"),
            k(
                "w_no_exchange", \.wNoExchange, "DotAlign, CTD, Nudge (only reciprocated mail counts)",
                "messages, but none ever answered (keep ≥ w_never_communicated)"),
            k("w_duration", \.wDuration, gilbert + " (days since first +0.755)", "weight of duration D"),
            k("duration_years", \.durationYears, "MODEL.md §5.3", "D = 1 − exp(−years/duration_years)"),
            k(
                "w_silence", \.wSilence, gilbert + " (days since last −0.76)",
                "weight of 2^(−days since the last two-way exchange / half-life)"),
            k(
                "silence_half_life_days", \.silenceHalfLifeDays,
                judgement + " (strong ties leave the strong band after ~1 year)",
                "half-life of the silence term, days"),
            k("w_privacy", \.wPrivacy, "Jones et al. 2013 (capped)", "weight of the reciprocated 1:1 exchange"),
            k(
                "w_specificity", \.wSpecificity, gilbert + " (intimacy words)",
                "weight of reciprocated personal content"),
            k("w_social_objects", \.wSocialObjects, "Adamic–Adar; The Swarm overlap", "weight of min(1, O)"),
            k("w_structural", \.wStructural, gilbert + " (mutual strength +0.257); Onnela et al. 2007", "weight of M"),
            k(
                "w_distrust", \.wDistrust, "Kumar et al. ICDM 2016 (negative ratings)",
                "graph edge with weight ≤ 0: × (0.5 + 0.5·min(1, |w|))"),
            k(
                "graph_weight_log", \.graphWeightLog, judgement,
                "graph weights above 1 are counts: edge mass × w^graph_weight_log"),
            k(
                "w_meetings", \.wMeetings, judgement + " (DotAlign, Affinity: meetings as strength)",
                "weight of meetings"),
            k("int_meetings", \.intMeetings, green + " (intimacy)", "intimacy weight of 1:1 and small meetings"),
            k("meeting_small_size", \.meetingSmallSize, judgement, "meetings up to this many people are small"),
            k("meeting_scale", \.meetingScale, judgement, "M scale in 1 − exp(−M/scale) for meetings"),
            k(
                "template_min_recipients", \.templateMinRecipients, "MODEL.md §5.3",
                "same text to ≥ this many others = template"),
            k("template_min_words", \.templateMinWords, judgement, "shorter texts are never templates"),
            k("specificity_marker_share", \.specificityMarkerShare, judgement, "share of personal markers in σ"),
            k(
                "broadcast_min_recipients", \.broadcastMinRecipients, "MODEL.md §5.4",
                "broadcast: same text to ≥ this many"),
            k("broadcast_window_days", \.broadcastWindowDays, "MODEL.md §5.4", "... within this many days"),
            k(
                "overlap_full_months", \.overlapFullMonths, "The Swarm (length of overlap); judgement",
                "months of overlap = full"),
            k(
                "overlap_undated_past", \.overlapUndatedPast, judgement,
                "overlap credited for a past employer without the contact's dates"),
            k(
                "owed_reply_days", \.owedReplyDays, "nudge-agent (3); Thunderbird uses 7",
                "inbound unanswered this long is owed"),
            k(
                "owed_reply_horizon_days", \.owedReplyHorizonDays, judgement,
                "an owed reply fades linearly and expires this many days after the message; older ones are no longer actions"
            ),
            k("awaiting_days", \.awaitingDays, "MODEL.md §5.8", "outbound unanswered this long is awaiting"),
            k("rot_factor", \.rotFactor, "MODEL.md §5.4 (trust rot)", "reliability × rot_factor^owed"),
            k("reply_lookback", \.replyLookback, judgement, "group threads: earlier posts a message may answer"),
            k("w_credibility", \.wCredibility, green, "trust equation weight of C"),
            k("w_reliability", \.wReliability, green, "trust equation weight of R"),
            k("w_intimacy", \.wIntimacy, green, "trust equation weight of I"),
            k("kappa", \.kappa, "MODEL.md §5.4", "RR divided by (1 + kappa·S)"),
            k("cred_recommendation", \.credRecommendation, judgement, "credibility per recommendation strength"),
            k("cred_endorsement", \.credEndorsement, judgement, "credibility per endorsement strength unit"),
            k("cred_initiated", \.credInitiated, judgement, "credibility per thread the contact started"),
            k("cred_invitation_note", \.credInvitationNote, judgement, "invitation from the contact with a note"),
            k("cred_invitation_blank", \.credInvitationBlank, judgement, "invitation from the contact without a note"),
            k("cred_worked_together", \.credWorkedTogether, judgement, "worked-together overlap"),
            k(
                "cred_explicit_trust", \.credExplicitTrust, judgement,
                "credibility per unit of explicit trust the contact gives you in a graph file"),
            k("rel_owner_responsiveness", \.relOwnerResponsiveness, green, "weight of the user's reply rate"),
            k("rel_contact_responsiveness", \.relContactResponsiveness, green, "weight of the contact's reply rate"),
            k("rel_timeliness", \.relTimeliness, judgement, "weight of timely replies"),
            k("rel_consistency", \.relConsistency, judgement, "weight of steady cadence"),
            k("reply_speed_half_life_days", \.replySpeedHalfLifeDays, judgement, "reply speed credit half-life"),
            k("timeliness_saturation", \.timelinessSaturation, judgement, "timeliness = 1 − exp(−Σ speed / this)"),
            k("consistency_bucket_days", \.consistencyBucketDays, judgement, "width of an active period"),
            k("consistency_saturation", \.consistencySaturation, judgement, "consistency = 1 − exp(−periods / this)"),
            k("int_privacy", \.intPrivacy, green + "; Jones et al. 2013", "intimacy weight of the 1:1 share"),
            k("int_specificity", \.intSpecificity, gilbert, "intimacy weight of specificity"),
            k("int_depth", \.intDepth, judgement, "intimacy weight of thread depth"),
            k("int_personal", \.intPersonal, gilbert + " (intimacy words)", "intimacy weight of personal content"),
            k("depth_scale", \.depthScale, judgement, "depth = 1 − exp(−turns / this)"),
            k("so_broadcast", \.soBroadcast, "MODEL.md §5.4", "self-orientation weight of broadcast share"),
            k("so_one_way", \.soOneWay, "MODEL.md §5.4", "self-orientation weight of one-way pitches"),
            k(
                "so_sponsored", \.soSponsored, "MODEL.md §5.4 (InMail)",
                "self-orientation weight of sponsored/InMail share"),
            k("so_swap", \.soSwap, "MODEL.md §5.4", "self-orientation weight of swaps initiated by the user"),
            k("one_way_messages", \.oneWayMessages, "MODEL.md §5.4", "consecutive unanswered outbound = one-way pitch"),
            k(
                "base_recommendation", \.baseRecommendation, "MODEL.md §5.5",
                "base weight of a recommendation (× specificity)"),
            k("base_endorsement", \.baseEndorsement, "MODEL.md §5.5", "base weight of an endorsement"),
            k(
                "tie_floor", \.tieFloor, "MODEL.md §5.5 (connected vouching beats blind ratings)",
                "tie used for strangers"),
            k("burst_min_skills", \.burstMinSkills, "MODEL.md §5.5", "skills per endorser per day that make a burst"),
            k("swap_window_days", \.swapWindowDays, "MODEL.md §5.5", "returned within this many days = swap"),
            k("swap_penalty", \.swapPenalty, judgement, "penalty share of a swap"),
            k(
                "not_accepted_penalty", \.notAcceptedPenalty, "FORMATS.md §1.5 (weaker or zero signal)",
                "penalty share when not accepted"),
            k(
                "endorsement_half_life_years", \.endorsementHalfLifeYears, "MODEL.md §5.5",
                "endorsement decay half-life"),
            k("cred_base", \.credBase, judgement, "cred(c,k) floor"),
            k("cred_worked_with", \.credWorkedWith, "MODEL.md §5.5", "cred(c,k) bonus: endorser worked with endorsee"),
            k(
                "cred_title_match", \.credTitleMatch, "MODEL.md §5.5",
                "cred(c,k) bonus: endorser's title matches the skill"),
            k("top_endorsers", \.topEndorsers, "MODEL.md §5.5", "top endorsers reported per skill"),
            k("band_strength_strong", \.bandStrengthStrong, judgement, "report: strength at or above this is strong"),
            k(
                "band_strength_medium", \.bandStrengthMedium, judgement,
                "report: ... at or above this medium, else weak"),
            k(
                "band_readiness_high", \.bandReadinessHigh, judgement + " (as the evangelist readiness)",
                "report: readiness at or above this is high"),
            k(
                "band_readiness_medium", \.bandReadinessMedium, judgement,
                "report: ... at or above this medium, else low"),
            k("band_reach_likely", \.bandReachLikely, judgement, "report: a reach at or above this is likely"),
            k(
                "band_reach_possible", \.bandReachPossible, judgement,
                "report: ... at or above this possible, else a long shot"),
        ]
    }

    /// The full default configuration as YAML, one commented key per line.
    public static var defaultsYAML: String {
        var out = "# warmpath scoring configuration (defaults). Override any subset with --config FILE.\n"
        out += "# Defaults are priors to be calibrated, not truths; see docs/scoring.md.\n"
        let d = ScoringConfig.default
        for key in keys {
            out += "# \(key.help). Source: \(key.source)\n"
            out += "\(key.name): \(formatNumber(d[keyPath: key.path]))\n"
        }
        return out
    }

    static func formatNumber(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int(v)) + ".0" }
        return String(v)
    }

    /// Reads a YAML override file. Unknown keys and non-numbers are errors naming the key.
    /// - Throws: ``ScoringConfigError``.
    public static func load(path: String, base: ScoringConfig = .default) throws -> ScoringConfig {
        let text: String
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let type = attributes[.type] as? FileAttributeType
            guard type == .typeRegular else {
                throw ScoringConfigError.unreadable(
                    path: path, reason: type == .typeDirectory ? ErrorText.posixReason(EISDIR) : "not a regular file")
            }
            let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
            if size > maxFileBytes { throw ScoringConfigError.tooLarge(path: path, bytes: size, limit: maxFileBytes) }
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch let error as ScoringConfigError {
            throw error
        } catch {
            throw ScoringConfigError.unreadable(path: path, reason: ErrorText.reason(error, path: path))
        }
        return try parse(yaml: text, path: path, base: base)
    }

    /// Largest config file read (1 MiB); a real one is a few hundred bytes.
    public static let maxFileBytes: Int64 = 1 << 20

    /// The first YAML alias (`*name`) in `text`, with its 1-based line, or nil. Aliases are refused
    /// before parsing: nested aliases expand exponentially (a "billion laughs" document), and a
    /// config of `key: number` pairs never needs one. A `*` counts where a YAML token may start
    /// (line start, after a space or a flow indicator `[ { ,`), outside quotes and comments; one
    /// inside a plain scalar could only be a non-number, which is refused anyway.
    static func firstAlias(in text: String) -> (name: String, line: Int)? {
        enum State { case plain, single, double, comment }
        var state = State.plain
        var line = 1
        var previous: Character = "\n"
        var chars = text.makeIterator()
        var pending: Character? = nil
        func isTokenStart(_ c: Character) -> Bool { "\n \t[{,".contains(c) }
        while let c = pending ?? chars.next() {
            pending = nil
            defer { previous = c }
            if c == "\n" {
                line += 1
                if state == .comment { state = .plain }
                continue
            }
            switch state {
            case .comment: continue
            case .single: if c == "'" { state = .plain }
            case .double:
                if c == "\\" { _ = chars.next() } else if c == "\"" { state = .plain }
            case .plain:
                guard isTokenStart(previous) else { continue }
                switch c {
                case "#": state = .comment
                case "'": state = .single
                case "\"": state = .double
                case "*":
                    var name = ""
                    while let n = chars.next() {
                        if n == " " || n == "\t" || n == "\n" || n == "," || n == "]" || n == "}" {
                            pending = n
                            break
                        }
                        name.append(n)
                    }
                    return (name, line)
                default: break
                }
            }
        }
        return nil
    }

    /// Parses YAML text of `key: number` pairs over `base`.
    public static func parse(yaml text: String, path: String = "<config>", base: ScoringConfig = .default) throws
        -> ScoringConfig
    {
        if let alias = firstAlias(in: text) {
            throw ScoringConfigError.alias(path: path, name: alias.name, line: alias.line)
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw ScoringConfigError.unreadable(path: path, reason: ErrorText.oneLine("\(error)"))
        }
        guard let node else { return base }  // empty file
        guard let mapping = node.mapping else { throw ScoringConfigError.notYAMLMapping(path: path) }
        let table = Dictionary(uniqueKeysWithValues: keys.map { ($0.name, $0) })
        var config = base
        for (k, v) in mapping {
            guard let name = k.string else { throw ScoringConfigError.notYAMLMapping(path: path) }
            guard let key = table[name] else {
                throw ScoringConfigError.unknownKey(path: path, key: name, suggestion: suggestion(for: name))
            }
            guard let scalar = v.scalar, let value = Double(scalar.string.trimmingCharacters(in: .whitespaces)),
                value.isFinite
            else {
                throw ScoringConfigError.notANumber(path: path, key: name, value: v.scalar?.string ?? "\(v)")
            }
            config[keyPath: key.path] = value
        }
        return config
    }

    /// Closest key by edit distance (≤ 3), for the error message.
    static func suggestion(for name: String) -> String? {
        EditDistance.closest(to: name, among: keys.map(\.name))
    }
}
