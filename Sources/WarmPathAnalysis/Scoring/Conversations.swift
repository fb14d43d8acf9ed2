import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// One conversation: its participants, whether it is 1:1, and its messages in time order.
public struct ConversationThread: Sendable, Hashable {
    /// `source` + the source's thread id (thread ids are only unique inside one export).
    public var key: String
    /// The source's thread id (or a synthetic one for messages without a thread).
    public var thread: String
    /// Everyone who sent or received a message in it, sorted by person index.
    public var participants: [Int32]
    /// More than two participants, or a message the source marked as a group message.
    public var isGroup: Bool
    /// Indices into ``Network/events``, in time order.
    public var messages: [Int]
}

/// An inbound 1:1 message the owner has not answered (MODEL.md §5.8 "you owe a reply").
public struct OwedReply: Sendable, Hashable {
    public var thread: String
    /// Time of the first unanswered, non-broadcast message of the contact's last turn.
    public var since: Double
    /// Unanswered messages in that turn.
    public var messages: Int
    /// The row of the first unanswered message.
    public var provenance: Provenance
    /// Every unanswered message of the turn.
    public var evidence: [Provenance]
    /// How much it still counts: 1 when it became owed, falling linearly to 0 at
    /// `owedReplyHorizonDays` after `since` (then it has expired and is not listed).
    public var weight: Double = 1
}

/// An outbound message the contact has not answered for at least `awaitingDays`.
public struct AwaitingReply: Sendable, Hashable {
    public var thread: String
    /// Time of the first unanswered outbound message.
    public var since: Double
    /// Consecutive unanswered follow-ups after the first message (stop suggesting after 2).
    public var followUps: Int
    public var provenance: Provenance
    public var evidence: [Provenance]
}

/// Everything the messages say about one contact, seen from one owner.
///
/// Directions: *inbound* = contact → owner, *outbound* = owner → contact. Decayed masses use
/// the two-speed decay of ``ScoringConfig/decay(age:)``. Sponsored, draft and spam messages are
/// excluded from every field except ``sponsoredOut`` / ``sponsoredIn``.
public struct ContactConversation: Sendable, Hashable {
    public var messagesIn = 0
    public var messagesOut = 0
    public var decayedIn = 0.0
    public var decayedOut = 0.0
    /// Messages in 1:1 threads / group threads (both directions).
    public var oneToOneMessages = 0
    public var groupMessages = 0
    /// Decayed mass in 1:1 threads / group threads (both directions).
    public var decayedOneToOne = 0.0
    public var decayedGroup = 0.0
    /// Decayed mass of messages that are not templates.
    public var decayedNonTemplate = 0.0
    /// Decayed mass of non-template messages with personal markers.
    public var decayedPersonal = 0.0
    /// Messages that are templates (same text to ≥ `templateMinRecipients` others).
    public var templateIn = 0
    public var templateOut = 0
    /// Owner's messages to the contact that were broadcasts (≥ 5 people within 7 days by default).
    public var broadcastOut = 0
    /// Sponsored / InMail messages (excluded elsewhere).
    public var sponsoredIn = 0
    public var sponsoredOut = 0
    /// A message by one side after a message by the other in the same thread (any thread).
    public var repliesByContact = 0
    public var repliesByOwner = 0
    /// Reply latencies in seconds (from the first message of the answered turn).
    public var latenciesByContact: [Double] = []
    public var latenciesByOwner: [Double] = []
    /// 1:1 turns where a reply from the contact was due, and those it answered.
    public var dueForContact = 0
    public var repliedByContact = 0
    /// 1:1 turns where a reply from the owner was due, and those the owner answered.
    public var dueForOwner = 0
    public var repliedByOwner = 0
    public var owedReplies: [OwedReply] = []
    public var awaiting: [AwaitingReply] = []
    /// 1:1 threads opened by each side with a non-template message.
    public var threadsStartedByContact = 0
    public var threadsStartedByOwner = 0
    /// Turns in the deepest 1:1 thread.
    public var maxTurns = 0
    /// Longest run of owner messages without a contact message in between (1:1 threads).
    public var maxOutboundRun = 0
    public var firstMessage: Double?
    public var lastInbound: Double?
    public var lastOutbound: Double?
    /// Times of every counted message, ascending.
    public var messageTimes: [Double] = []
    /// Every counted message (indices into ``Network/events``), in time order.
    public var events: [Int] = []

    // Reciprocity gates (docs/scoring.md "Reciprocity gates"). A *personal* message is neither a
    // template nor a broadcast; an *exchanged* one is a personal message of a 1:1 turn the other
    // side answered, or the first message of the answer (the last turn), or a personal message in a
    // group thread where both the owner and the contact wrote personal messages. One-way runs,
    // follow-ups, templates and bulk messages are broadcast evidence and count in none of these.
    /// Decayed, q-weighted mass (1:1 `q_message_1to1`, group `q_message_group`) of exchanged
    /// messages from the contact / from the owner.
    public var personalIn = 0.0
    public var personalOut = 0.0
    /// Decayed mass of exchanged messages in 1:1 threads, each way (not q-weighted).
    public var personalOneToOneIn = 0.0
    public var personalOneToOneOut = 0.0
    /// q-weighted decayed mass of exchanged messages in 1:1 threads / group threads, both ways
    /// (how the reciprocated activity is split between the two ledger terms).
    public var personalOneToOneMass = 0.0
    public var personalGroupMass = 0.0
    /// q-weighted decayed mass of exchanged messages with personal markers, both ways.
    public var markedMass = 0.0
    /// Exchanged messages each way (counts).
    public var personalMessagesIn = 0
    public var personalMessagesOut = 0
    /// Time of the last exchanged message (the last two-way exchange), nil when there never was one.
    public var lastExchange: Double?
    /// Time of the first exchanged message.
    public var firstExchange: Double?
    /// Times of the exchanged messages in 1:1 threads, ascending (the dormancy clock).
    public var exchangeTimesOneToOne: [Double] = []
    /// The owner's last personal message to the contact, in any thread of any source.
    public var lastPersonalOutbound: Double?
    /// Owed replies settled by a later personal message from the owner in another thread.
    public var settledOwedReplies = 0
    /// Owed replies older than `owedReplyHorizonDays`: no longer flagged or held against anyone.
    public var expiredOwedReplies = 0

    /// `2·min(in, out)` of the personal masses: the reciprocated message activity.
    public var reciprocatedMass: Double { 2 * min(personalIn, personalOut) }
    /// `2·min(in, out)` of the 1:1 personal masses.
    public var reciprocatedOneToOne: Double { 2 * min(personalOneToOneIn, personalOneToOneOut) }
    /// Sum of the weights of the owed replies (the trust-rot exponent).
    public var owedWeight: Double { owedReplies.reduce(0) { $0 + $1.weight } }

    public init() {}

    /// Any counted message either way.
    public var hasMessages: Bool { messagesIn + messagesOut > 0 }
    public var lastMessage: Double? {
        switch (lastInbound, lastOutbound) {
        case (nil, nil): nil
        case (let a?, nil): a
        case (nil, let b?): b
        case (let a?, let b?): max(a, b)
        }
    }

    /// Gaps between consecutive counted messages, seconds (for cadence and dormancy alerts).
    public var gaps: [Double] {
        guard messageTimes.count > 1 else { return [] }
        return (1..<messageTimes.count).map { messageTimes[$0] - messageTimes[$0 - 1] }
    }

    /// Median of ``gaps`` (nil with fewer than two messages).
    public var medianGap: Double? { Self.median(gaps) }

    static func median(_ xs: [Double]) -> Double? {
        guard !xs.isEmpty else { return nil }
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}

/// Owner-independent message facts: usable messages, threads, text features, templates and
/// broadcasts. Build once per network and share between owners.
public struct MessageIndex: Sendable {
    public var threads: [ConversationThread]
    /// Per event index: the message is counted (a dated message up to as-of, not sponsored,
    /// draft or spam, not a duplicate of the same message from another export).
    public var usable: [Bool]
    /// Per event index: thread index into ``threads`` (-1 when not a usable message).
    public var threadOf: [Int32]
    /// Per event index: the text is a template (same text, names aside, to ≥ N others).
    public var template: [Bool]
    /// Per event index: broadcast (same text to ≥ `broadcastMinRecipients` within the window).
    public var broadcast: [Bool]
    /// Per event index: personal markers present.
    public var personal: [Bool]
    /// Per event index: a sponsored / InMail message (never usable).
    public var sponsored: [Bool]
    /// Dated sponsored / InMail messages up to as-of (indices into ``Network/events``).
    public var sponsoredMessages: [Int]

    /// - Complexity: O(M log M + total text length) for M messages; no pairwise text comparison
    ///   (templates are found by hashing the normalised text, names removed).
    public static func build(network: Network, asOf: Double, config: ScoringConfig) -> MessageIndex {
        let n = network.events.count
        var usable = [Bool](repeating: false, count: n)
        var threadOf = [Int32](repeating: -1, count: n)
        var template = [Bool](repeating: false, count: n)
        var broadcast = [Bool](repeating: false, count: n)
        var personal = [Bool](repeating: false, count: n)
        var sponsored = [Bool](repeating: false, count: n)
        var sponsoredMessages: [Int] = []
        // Name tokens of everyone, once (removed from texts before hashing).
        let people = network.people
        let nameTokens = people.indices.map { TextSignals.nameTokenHashes(people[$0].name) }
        // Text features depend on each message alone: found on both cores first.
        let features = MessageIndex.textFeatures(network.events, asOf: asOf, nameTokens: nameTokens)
        struct DupKey: Hashable {
            var actor: Int32
            var time: Double
            var recipients: UInt64
            var text: UInt64
        }
        var seen: [DupKey: String] = [:]
        // Duplicates across exports need several sources (one source never repeats itself).
        let dedupe = network.sources.count > 1
        // Threads by source, then by id (byte-hashed tables; a thread's index is its place in
        // `threads`, by first message).
        var sourceNames: [String] = []
        var threadIDs: [StringTable] = []
        var threadOfID: [[Int32]] = []
        var lastSource = -1
        var threads: [ConversationThread] = []
        var participantLists: [[Int32]] = []
        struct TemplateKey: Hashable {
            var actor: Int32
            var hash: UInt64
        }
        var groups: [TemplateKey: [Int]] = [:]
        var recipients: [Int32] = []

        let events = network.events
        for i in events.indices where events[i].kind == .message {
            if events[i].flags.contains(.sponsored) {
                sponsored[i] = true
                if let t = events[i].time, t <= asOf { sponsoredMessages.append(i) }
                continue
            }
            if events[i].flags.contains(.draft) || events[i].flags.contains(.spam) { continue }
            guard let t = events[i].time, t <= asOf else { continue }
            MessageIndex.otherRecipients(events, i, into: &recipients)
            guard !recipients.isEmpty else { continue }
            let feat = features[i]
            // The same message read from two exports (owner's and teammate's) counts once.
            var rh: UInt64 = 0xcbf2_9ce4_8422_2325
            for r in recipients {
                rh ^= UInt64(UInt32(bitPattern: r))
                rh = rh &* 0x0000_0100_0000_01b3
            }
            if dedupe {
                let dk = DupKey(actor: events[i].actor, time: t, recipients: rh, text: feat.hash)
                if let src = seen[dk] {
                    if src != events[i].provenance.source { continue }
                } else {
                    seen[dk] = events[i].provenance.source
                }
            }
            usable[i] = true
            personal[i] = feat.personal
            if feat.words >= Int(saturating: config.templateMinWords) {
                groups[TemplateKey(actor: events[i].actor, hash: feat.hash), default: []].append(i)
            }
            let tid =
                events[i].thread
                ?? ("~" + ([events[i].actor] + recipients).sorted().map { String($0) }.joined(separator: ","))
            let source = events[i].provenance.source
            if lastSource < 0 || sourceNames[lastSource] != source {
                lastSource = sourceNames.firstIndex(of: source) ?? -1
                if lastSource < 0 {
                    lastSource = sourceNames.count
                    sourceNames.append(source)
                    threadIDs.append(StringTable())
                    threadOfID.append([])
                }
            }
            let local = threadIDs[lastSource].index(tid)
            let ti: Int32
            if local < threadOfID[lastSource].count {
                ti = threadOfID[lastSource][local]
            } else {
                ti = Int32(threads.count)
                threadOfID[lastSource].append(ti)
                threads.append(
                    ConversationThread(
                        key: source + "\u{1F}" + tid, thread: tid, participants: [], isGroup: false, messages: []))
                participantLists.append([])
            }
            threadOf[i] = ti
            threads[Int(ti)].messages.append(i)
            if events[i].isGroup { threads[Int(ti)].isGroup = true }
            participantLists[Int(ti)].append(events[i].actor)
            participantLists[Int(ti)] += recipients
        }
        for t in threads.indices {
            threads[t].participants = Array(Set(participantLists[t])).sorted()
            if threads[t].participants.count > 2 { threads[t].isGroup = true }
        }
        // Templates and broadcasts: per (sender, text hash), distinct recipients.
        let minTemplate = Int(saturating: config.templateMinRecipients)
        let minBroadcast = Int(saturating: config.broadcastMinRecipients)
        let window = config.broadcastWindowDays * 86_400
        for (_, msgs) in groups where msgs.count > 0 {
            var all = Set<Int32>()
            for m in msgs { for r in network.events[m].recipients where r != network.events[m].actor { all.insert(r) } }
            if all.count >= minTemplate { for m in msgs { template[m] = true } }
            guard all.count >= minBroadcast else { continue }
            // Sliding window over time (msgs are in time order): distinct recipients within ±window.
            var counts: [Int32: Int] = [:]
            var lo = 0
            var hi = 0
            for (k, m) in msgs.enumerated() {
                let t = network.events[m].time ?? 0
                while hi < msgs.count, (network.events[msgs[hi]].time ?? 0) <= t + window {
                    for r in network.events[msgs[hi]].recipients { counts[r, default: 0] += 1 }
                    hi += 1
                }
                while lo < k, (network.events[msgs[lo]].time ?? 0) < t - window {
                    for r in network.events[msgs[lo]].recipients {
                        counts[r, default: 0] -= 1
                        if counts[r] == 0 { counts[r] = nil }
                    }
                    lo += 1
                }
                var distinct = counts.count
                if counts[network.events[m].actor] != nil { distinct -= 1 }
                if distinct >= minBroadcast { broadcast[m] = true }
            }
        }
        return MessageIndex(
            threads: threads, usable: usable, threadOf: threadOf, template: template, broadcast: broadcast,
            personal: personal, sponsored: sponsored, sponsoredMessages: sponsoredMessages)
    }
}

extension MessageIndex {
    /// The distinct recipients of event `i` other than its sender, ascending, into `out`.
    static func otherRecipients(_ events: [Event], _ i: Int, into out: inout [Int32]) {
        out.removeAll(keepingCapacity: true)
        for r in events[i].recipients where r != events[i].actor { out.append(r) }
        guard out.count > 1 else { return }
        out.sort()
        var w = 1
        for k in 1..<out.count where out[k] != out[w - 1] {
            out[w] = out[k]
            w += 1
        }
        out.removeLast(out.count - w)
    }

    /// Per event: the text features of each dated message up to as-of that is not sponsored,
    /// draft or spam and has a recipient besides its sender (zero elsewhere), with the names of
    /// sender and recipients removed. Pure per event, so made in one part per worker.
    static func textFeatures(_ events: [Event], asOf: Double, nameTokens: [[UInt64]]) -> [TextFeatures] {
        let n = events.count
        let parts = n >= 20_000 ? Parallel.workers() : 1
        let none = TextFeatures(hash: 0, words: 0, personal: false)
        return [TextFeatures](unsafeUninitializedCapacity: n) { buffer, initialized in
            nonisolated(unsafe) let out = buffer
            Parallel.run(parts) { h in
                var recipients: [Int32] = []
                var nameSet: [UInt64] = []
                var firsts: [UInt64] = []
                for i in Parallel.slice(n, h, of: parts) {
                    var feat = none
                    if events[i].kind == .message, events[i].flags.isDisjoint(with: [.sponsored, .draft, .spam]),
                        let t = events[i].time, t <= asOf, let text = events[i].text, !text.isEmpty
                    {
                        let actor = events[i].actor
                        otherRecipients(events, i, into: &recipients)
                        if !recipients.isEmpty {
                            nameSet.removeAll(keepingCapacity: true)
                            firsts.removeAll(keepingCapacity: true)
                            nameSet += nameTokens[Int(actor)]
                            for r in recipients {
                                let tokens = nameTokens[Int(r)]
                                nameSet += tokens
                                if let f = tokens.first { firsts.append(f) }
                            }
                            feat = TextSignals.features(text, names: nameSet, recipientFirstNames: firsts)
                        }
                    }
                    (out.baseAddress! + i).initialize(to: feat)
                }
            }
            initialized = n
        }
    }
}

/// Conversations seen from one owner: per contact, counts both ways, replies, latencies,
/// owed replies, awaiting replies and cadence.
///
/// ```
/// let conv = ConversationIndex.build(network: n, owner: me, asOf: now)
/// for owed in conv.contact(ana).owedReplies { print(owed.since, owed.provenance.short) }
/// ```
///
/// Definitions (docs/scoring.md):
/// - a *turn* is a maximal run of messages by one side in a thread; a turn followed by the
///   other side's turn is *answered*, latency measured from the turn's first message;
/// - *owed reply*: the contact's last turn in a 1:1 thread has a non-template message and no
///   owner message after it for ≥ `owedReplyDays` at as-of (one per thread);
/// - *awaiting*: the owner's last turn in a thread is unanswered for ≥ `awaitingDays`;
/// - a reply is *due* from the owner for every answered contact turn and every owed reply; a
///   reply is *due* from the contact for every answered owner turn and for an unanswered last
///   owner turn (≥ `awaitingDays`) that opened the thread or carries a follow-up. The last word
///   of a conversation the contact took part in is not held against the contact.
public struct ConversationIndex: Sendable {
    public let owner: Int32
    public let asOf: Double
    /// The owner-independent message facts this index was built from.
    public let messages: MessageIndex
    /// Threads the owner takes part in (indices into `messages.threads`).
    public let ownerThreads: [Int]
    private var perContact: [Int32: ContactConversation]

    /// Contacts with at least one counted message, ascending.
    public var contacts: [Int32] { perContact.keys.sorted() }

    /// The conversation with one contact (empty when there is none).
    public func contact(_ i: Int32) -> ContactConversation { perContact[i] ?? ContactConversation() }

    /// Builds the owner's view.
    /// - Parameters:
    ///   - messages: a prebuilt ``MessageIndex`` to share between owners (built when nil).
    /// - Complexity: O(M) over the owner's messages (plus ``MessageIndex/build(network:asOf:config:)``).
    public static func build(
        network: Network, owner: Int32, asOf: Double, config: ScoringConfig = .default, messages: MessageIndex? = nil
    ) -> ConversationIndex {
        let mi = messages ?? MessageIndex.build(network: network, asOf: asOf, config: config)
        // Dense per-person storage, mutated in place (moved out and back so arrays stay unique).
        var dense = [ContactConversation](repeating: ContactConversation(), count: network.people.count)
        var touched = [Bool](repeating: false, count: network.people.count)
        var ownerThreads: [Int] = []
        let events = network.events
        let owedAge = config.owedReplyDays * 86_400
        let awaitAge = config.awaitingDays * 86_400
        let lookback = max(1, Int(saturating: config.replyLookback))

        for (ti, th) in mi.threads.enumerated() {
            guard th.participants.contains(owner) else { continue }
            ownerThreads.append(ti)
            // Counts and masses.
            let isGroup = th.isGroup
            let q = isGroup ? config.qMessageGroup : config.qMessageOneToOne
            // Exchanged personal messages (docs/scoring.md "Reciprocity gates"). In a 1:1 thread,
            // over the turns of personal messages: every message of a turn the other side answered,
            // and the first message of the last turn (the answer); follow-ups of the last turn and
            // a thread with one turn (a one-way run) are not exchange. In a group thread: personal
            // messages where both the owner and that contact wrote personal messages.
            var exchanged = Set<Int>()
            var ownerWrotePersonal = false
            var personalWriters = Set<Int32>()
            if isGroup {
                for m in th.messages where !mi.template[m] && !mi.broadcast[m] {
                    if events[m].actor == owner {
                        ownerWrotePersonal = true
                    } else {
                        personalWriters.insert(events[m].actor)
                    }
                }
            } else {
                let personal = th.messages.filter { !mi.template[$0] && !mi.broadcast[$0] }
                if let lastActor = personal.last.map({ events[$0].actor }) {
                    var start = personal.count - 1
                    while start > 0, events[personal[start - 1]].actor == lastActor { start -= 1 }
                    if start > 0 {
                        exchanged.formUnion(personal[...start])
                    }
                }
            }
            func isExchanged(_ m: Int, contact: Int32) -> Bool {
                guard isGroup else { return exchanged.contains(m) }
                return events[m].actor == owner ? personalWriters.contains(contact) : ownerWrotePersonal
            }
            func count(_ cc: inout ContactConversation, m: Int, t: Double, w: Double, inbound: Bool, contact: Int32) {
                if !mi.template[m] && !mi.broadcast[m] {
                    if !inbound, cc.lastPersonalOutbound.map({ t > $0 }) ?? true { cc.lastPersonalOutbound = t }
                    if isExchanged(m, contact: contact) {
                        if inbound {
                            cc.personalIn += q * w
                            cc.personalMessagesIn += 1
                            if !isGroup { cc.personalOneToOneIn += w }
                        } else {
                            cc.personalOut += q * w
                            cc.personalMessagesOut += 1
                            if !isGroup { cc.personalOneToOneOut += w }
                        }
                        if isGroup { cc.personalGroupMass += q * w } else { cc.personalOneToOneMass += q * w }
                        if mi.personal[m] { cc.markedMass += q * w }
                        if cc.lastExchange.map({ t > $0 }) ?? true { cc.lastExchange = t }
                        if cc.firstExchange.map({ t < $0 }) ?? true { cc.firstExchange = t }
                        if !isGroup { cc.exchangeTimesOneToOne.append(t) }
                    }
                }
                if inbound {
                    cc.messagesIn += 1
                    cc.decayedIn += w
                    if mi.template[m] { cc.templateIn += 1 }
                    if cc.lastInbound.map({ t > $0 }) ?? true { cc.lastInbound = t }
                } else {
                    cc.messagesOut += 1
                    cc.decayedOut += w
                    if mi.template[m] { cc.templateOut += 1 }
                    if mi.broadcast[m] { cc.broadcastOut += 1 }
                    if cc.lastOutbound.map({ t > $0 }) ?? true { cc.lastOutbound = t }
                }
                if isGroup {
                    cc.groupMessages += 1
                    cc.decayedGroup += w
                } else {
                    cc.oneToOneMessages += 1
                    cc.decayedOneToOne += w
                }
                if !mi.template[m] {
                    cc.decayedNonTemplate += w
                    if mi.personal[m] { cc.decayedPersonal += w }
                }
                if cc.firstMessage.map({ t < $0 }) ?? true { cc.firstMessage = t }
                cc.messageTimes.append(t)
                cc.events.append(m)
            }
            for m in th.messages {
                let actor = events[m].actor
                let t = events[m].time ?? asOf
                let w = config.decay(age: asOf - t)
                if actor != owner {
                    touched[Int(actor)] = true
                    count(&dense[Int(actor)], m: m, t: t, w: w, inbound: true, contact: actor)
                } else if events[m].recipients.count == 1 {
                    let c = events[m].recipients[0]
                    if c != owner {
                        touched[Int(c)] = true
                        count(&dense[Int(c)], m: m, t: t, w: w, inbound: false, contact: c)
                    }
                } else {
                    for c in Array(Set(events[m].recipients.filter { $0 != owner })).sorted() {
                        touched[Int(c)] = true
                        count(&dense[Int(c)], m: m, t: t, w: w, inbound: false, contact: c)
                    }
                }
            }
            if th.isGroup {
                // Replies in group threads: a post answers the posts since the poster's previous one.
                for (k, m) in th.messages.enumerated() {
                    let x = events[m].actor
                    var answered: [Int32: Double] = [:]
                    var j = k - 1
                    var steps = 0
                    while j >= 0, steps < lookback {
                        let prev = events[th.messages[j]]
                        if prev.actor == x { break }
                        answered[prev.actor] = prev.time ?? 0
                        j -= 1
                        steps += 1
                    }
                    let t = events[m].time ?? asOf
                    for y in answered.keys.sorted() {
                        let since = answered[y] ?? 0
                        if x == owner, y != owner {
                            dense[Int(y)].repliesByOwner += 1
                            dense[Int(y)].latenciesByOwner.append(t - since)
                            touched[Int(y)] = true
                        } else if y == owner {
                            dense[Int(x)].repliesByContact += 1
                            dense[Int(x)].latenciesByContact.append(t - since)
                            touched[Int(x)] = true
                        }
                    }
                }
                continue
            }
            // 1:1 thread: turns.
            guard let c = th.participants.first(where: { $0 != owner }) else { continue }
            struct Turn {
                var sender: Int32
                var first: Int
                var messages: [Int]
            }
            var turns: [Turn] = []
            for m in th.messages {
                let a = events[m].actor
                if let last = turns.last, last.sender == a {
                    turns[turns.count - 1].messages.append(m)
                } else {
                    turns.append(Turn(sender: a, first: m, messages: [m]))
                }
            }
            var cc = dense[Int(c)]
            dense[Int(c)] = ContactConversation()
            touched[Int(c)] = true
            cc.maxTurns = max(cc.maxTurns, turns.count)
            if let opener = turns.first, let firstMsg = opener.messages.first(where: { !mi.template[$0] }),
                firstMsg == opener.first
            {
                if opener.sender == owner { cc.threadsStartedByOwner += 1 } else { cc.threadsStartedByContact += 1 }
            }
            for (k, turn) in turns.enumerated() {
                if turn.sender == owner { cc.maxOutboundRun = max(cc.maxOutboundRun, turn.messages.count) }
                let t0 = events[turn.first].time ?? asOf
                if k + 1 < turns.count {
                    let latency = (events[turns[k + 1].first].time ?? asOf) - t0
                    if turn.sender == owner {
                        cc.dueForContact += 1
                        cc.repliedByContact += 1
                        cc.repliesByContact += 1
                        cc.latenciesByContact.append(latency)
                    } else {
                        cc.dueForOwner += 1
                        cc.repliedByOwner += 1
                        cc.repliesByOwner += 1
                        cc.latenciesByOwner.append(latency)
                    }
                    continue
                }
                // The last turn is unanswered.
                if turn.sender == owner {
                    if asOf - t0 >= awaitAge {
                        cc.awaiting.append(
                            AwaitingReply(
                                thread: th.thread, since: t0, followUps: turn.messages.count - 1,
                                provenance: events[turn.first].provenance,
                                evidence: turn.messages.map { events[$0].provenance }))
                        if k == 0 || turn.messages.count >= 2 { cc.dueForContact += 1 }
                    }
                } else if let firstReal = turn.messages.firstIndex(where: { !mi.template[$0] }) {
                    let since = events[turn.messages[firstReal]].time ?? asOf
                    if asOf - since >= owedAge {
                        let unanswered = Array(turn.messages[firstReal...])
                        cc.owedReplies.append(
                            OwedReply(
                                thread: th.thread, since: since, messages: unanswered.count,
                                provenance: events[unanswered[0]].provenance,
                                evidence: unanswered.map { events[$0].provenance }))
                        cc.dueForOwner += 1
                    }
                }
            }
            dense[Int(c)] = cc
        }
        for m in mi.sponsoredMessages {
            let e = events[m]
            if e.actor == owner {
                for c in Set(e.recipients) where c != owner {
                    dense[Int(c)].sponsoredOut += 1
                    touched[Int(c)] = true
                }
            } else if e.recipients.contains(owner) {
                dense[Int(e.actor)].sponsoredIn += 1
                touched[Int(e.actor)] = true
            }
        }
        // Times in order (threads interleave); owed replies settled elsewhere, faded or expired.
        let horizon = max(config.owedReplyHorizonDays, config.owedReplyDays) * 86_400
        var per: [Int32: ContactConversation] = [:]
        for i in touched.indices where touched[i] && Int32(i) != owner {
            var cc = dense[i]
            dense[i] = ContactConversation()
            defer { per[Int32(i)] = cc }
            if !cc.owedReplies.isEmpty {
                var live: [OwedReply] = []
                for var o in cc.owedReplies {
                    if let answered = cc.lastPersonalOutbound, answered > o.since {
                        // Any later personal message to the contact, in any thread and source.
                        cc.settledOwedReplies += 1
                        cc.repliedByOwner += 1
                        cc.latenciesByOwner.append(answered - o.since)
                        continue
                    }
                    let age = asOf - o.since
                    if age >= horizon {
                        cc.expiredOwedReplies += 1
                        continue
                    }
                    let owedAge = config.owedReplyDays * 86_400
                    o.weight = horizon > owedAge ? min(1, max(0, 1 - (age - owedAge) / (horizon - owedAge))) : 1
                    live.append(o)
                }
                cc.owedReplies = live
            }
            cc.exchangeTimesOneToOne.sort()
            guard cc.events.count > 1 else { continue }
            let order = cc.events.indices.sorted {
                (cc.messageTimes[$0], cc.events[$0]) < (cc.messageTimes[$1], cc.events[$1])
            }
            cc.events = order.map { cc.events[$0] }
            cc.messageTimes = order.map { cc.messageTimes[$0] }
            cc.owedReplies.sort { ($0.since, $0.provenance) < ($1.since, $1.provenance) }
            cc.awaiting.sort { ($0.since, $0.provenance) < ($1.since, $1.provenance) }
        }
        return ConversationIndex(owner: owner, asOf: asOf, messages: mi, ownerThreads: ownerThreads, perContact: per)
    }
}
