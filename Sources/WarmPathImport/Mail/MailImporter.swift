import Foundation
import WarmPathSupport
import WarmPathModel

/// E-mail as relationship evidence, from headers only: a single mbox (mboxo or mboxrd, LF or
/// CRLF), a folder of mbox and `.eml` files, or a Google Takeout (zip or folder) with
/// `Takeout/Mail/*.mbox`; the Takeout's `Takeout/Calendar/*.ics` go to ``TakeoutCalendar``.
///
/// Bodies are never kept: ``MboxScanner`` reads the header fields and a 64-bit hash of the start
/// of each body. From them:
///
/// - **The owner's addresses**, in this order: `--owner-email`; the Takeout account (the
///   `Delivered-To` Gmail writes, and the From of messages labelled `Sent`); the e-mails of
///   another source's owner in the same run (LinkedIn `Email Addresses.csv`) that the mail
///   uses; else the address on the most personal messages. All of them become one owner record.
/// - **Classes.** One-to-one (one other participant), small group (2 to ``bulkRecipients``
///   others) and bulk. Bulk, mailing-list (`List-Id`, `List-Unsubscribe`, `Precedence: list`),
///   `Precedence: bulk`/`junk`, auto-submitted (RFC 3834), Gmail-category, spam, draft and
///   mail-merge messages (one text from one sender to ``templateRecipients`` or more people one
///   at a time) are never a relationship: they are counted in ``SourceImport/counters`` and
///   their senders do not become people.
/// - **Threads**, for reply pairs and latency both ways: messages linked by `Message-ID`,
///   `In-Reply-To` and `References`; a message without those whose subject has a reply prefix
///   joins the latest earlier thread with the same reduced subject and the same participants.
/// - **People** by address (lower-cased), named by the display name used most often; they merge
///   with other sources through the e-mail key (LinkedIn Connections' Email Address, vCard EMAIL).
///
/// Every message becomes a `.message` interaction flagged ``InteractionFlags/mail``, with the
/// file and the line of its `From ` separator as provenance.
public struct MailImporter: SourceImporter {
    /// More other participants than this make a message bulk.
    public static let bulkRecipients = 10
    /// One text sent by one sender to this many people, one message each, is a mail merge.
    public static let templateRecipients = 3
    /// Body text shorter than this (bytes hashed) is never taken for a mail merge.
    public static let templateMinBytes: Int32 = 200

    public init() {}
    public var kinds: [SourceKind] { [.mail] }
    public var name: String { "mail (mbox, .eml, Google Takeout)" }

    /// The files of a container that hold mail, sorted.
    struct Layout {
        var mboxes: [String] = []
        var emls: [String] = []
        var calendars: [String] = []
        var takeout = false
    }

    /// Whether the first bytes of a file are an mbox separator line.
    static func startsAsMbox(_ head: [UInt8]) -> Bool {
        var end = head.firstIndex(of: 10) ?? head.count
        if end > 0, end <= head.count, head[end - 1] == 13 { end -= 1 }
        return head.withUnsafeBufferPointer {
            PartScanner.isSeparator(UnsafeBufferPointer(rebasing: $0[0..<end]), prevBlank: true)
        }
    }

    /// Whether the first bytes of a file are a message header (a known field on the first lines).
    static func startsAsMessage(_ head: [UInt8]) -> Bool {
        var h = MailHeaderFields()
        var lines = 0
        var start = 0
        for i in head.indices where head[i] == 10 {
            var end = i
            if end > start, head[end - 1] == 13 { end -= 1 }
            let ok = head.withUnsafeBufferPointer { h.add(line: UnsafeBufferPointer(rebasing: $0[start..<end])) }
            if !ok { break }
            start = i + 1
            lines += 1
        }
        return lines > 0 && (h.from != nil || h.messageID != nil) && (h.date != nil || h.to != nil)
    }

    static func layout(_ container: SourceContainer) -> Layout {
        var l = Layout()
        for e in container.entries where !SourceContainer.isJunk(e) {
            let lower = e.lowercased()
            let parts = lower.split(separator: "/")
            let inTakeoutMail = parts.count >= 2 && parts[parts.count - 2] == "mail"
            if lower.hasSuffix(".ics"), parts.count >= 2, parts[parts.count - 2] == "calendar" {
                l.calendars.append(e)
                continue
            }
            if lower.hasSuffix(".mbox") {
                if inTakeoutMail && (parts.contains("takeout") || parts.count == 2) { l.takeout = true }
                l.mboxes.append(e)
            } else if lower.hasSuffix(".eml") {
                l.emls.append(e)
            } else if !lower.contains("."), (try? container.head(e, bytes: 512)).map(startsAsMbox) == true {
                // A mail spool or a Thunderbird folder file (`Inbox`, `Sent`) has no extension.
                l.mboxes.append(e)
            }
        }
        return l
    }

    public func detect(_ container: SourceContainer) -> Detection? {
        let l = Self.layout(container)
        if l.takeout, let first = l.mboxes.first {
            return Detection(
                kind: .mail, confidence: 95,
                reason: "Google Takeout with \(l.mboxes.count) mbox file(s) (\(first))"
                    + (l.calendars.isEmpty ? "" : " and \(l.calendars.count) calendar(s)"))
        }
        for e in l.mboxes {
            guard let head = try? container.head(e, bytes: 512) else { continue }
            if Self.startsAsMbox(head) {
                return Detection(
                    kind: .mail, confidence: 90, reason: "\(e) starts with an mbox 'From ' separator")
            }
        }
        for e in l.emls {
            guard let head = try? container.head(e, bytes: 4096) else { continue }
            if Self.startsAsMessage(head) {
                return Detection(kind: .mail, confidence: 85, reason: "\(l.emls.count) .eml message file(s) (\(e))")
            }
        }
        return nil
    }

    public func importSource(_ container: SourceContainer, options: ImportOptions) throws -> SourceImport {
        let label = options.label ?? SourceKind.mail.rawValue
        let layout = Self.layout(container)
        var result = SourceImport(kind: .mail, path: container.path, label: label)
        let files = layout.mboxes.map { ($0, false) } + layout.emls.map { ($0, true) }
        guard !files.isEmpty || !layout.calendars.isEmpty else {
            throw ImportError.nothingUsable(path: container.path, reason: "no mbox or .eml file in it")
        }
        // Scan: mbox files one job each (a large file on disk is cut again inside), .eml files
        // in batches.
        var jobs: [@Sendable () -> [(Int, Result<MailScan, any Error>)]] = []
        for (i, (entry, single)) in files.enumerated() where !single {
            jobs.append {
                [(i, Result { try MboxScanner.scan(container, entry: entry, file: Int32(i), label: label) })]
            }
        }
        let emlIndices = files.indices.filter { files[$0].1 }
        let batch = 64
        for start in stride(from: 0, to: emlIndices.count, by: batch) {
            let slice = Array(emlIndices[start..<min(emlIndices.count, start + batch)])
            jobs.append {
                slice.map { i in
                    (
                        i,
                        Result {
                            try MboxScanner.scan(
                                container, entry: files[i].0, file: Int32(i), label: label, single: true)
                        }
                    )
                }
            }
        }
        var scans: [MailScan?] = Array(repeating: nil, count: files.count)
        for group in Parallel.map(jobs) {
            for (i, r) in group {
                switch r {
                case .success(let s): scans[i] = s
                case .failure(let error):
                    result.issues.append(
                        ImportIssue(
                            source: label, file: files[i].0, line: 0, severity: .error,
                            message:
                                "file skipped: \(SourceLoader.describe(error, path: container.display(files[i].0)))"))
                }
            }
        }
        var messages: [MailMessage] = []
        for s in scans.compactMap({ $0 }) {
            messages += s.messages
            result.issues += s.issues
        }
        var build = MailBuild(messages: messages, label: label, files: files.map(\.0))
        build.run(options: options, into: &result)
        for (i, s) in scans.enumerated() {
            guard var summary = s?.summary else { continue }
            summary.people = build.peoplePerFile[i].count
            summary.interactions = build.interactionsPerFile[i]
            // `.eml` files add up to one line of the summary.
            if files[i].1 { continue }
            result.files.append(summary)
        }
        if !emlIndices.isEmpty {
            var summary = FileSummary(
                file: emlIndices.count == 1 ? files[emlIndices[0]].0 : "\(emlIndices.count) .eml files")
            var people = Set<Int32>()
            for i in emlIndices {
                guard let s = scans[i]?.summary else { continue }
                summary.rows += s.rows
                summary.interactions += build.interactionsPerFile[i]
                people.formUnion(build.peoplePerFile[i])
                for (k, v) in s.skipped { summary.skipped[k, default: 0] += v }
            }
            summary.people = people.count
            result.files.append(summary)
        }
        if !layout.calendars.isEmpty {
            TakeoutCalendar.read(
                container, members: layout.calendars, options: options, label: label, people: &build.people,
                into: &result)
        }
        if result.people.isEmpty && result.interactions.isEmpty {
            if let firstError = result.issues.first(where: { $0.severity == .error }), messages.isEmpty {
                throw ImportError.nothingUsable(path: container.path, reason: firstError.message)
            }
            result.issues.append(
                ImportIssue(
                    source: label, file: files.first?.0 ?? "", line: 0, severity: .info,
                    message: "no message between people: every message was skipped or not a relationship"))
        }
        return result
    }
}

/// The people index of a mail source: lower-cased address → record, shared with
/// ``TakeoutCalendar`` so that a calendar attendee and a correspondent are one record.
public struct MailPeople: Sendable {
    public var byAddress: [String: LocalPersonRef] = [:]
    public var owner: LocalPersonRef?
}

/// The steps after scanning: owner, classes, threads, people and interactions.
struct MailBuild {
    let messages: [MailMessage]
    let label: String
    let files: [String]
    var people = MailPeople()
    var peoplePerFile: [Set<Int32>]
    var interactionsPerFile: [Int]

    init(messages: [MailMessage], label: String, files: [String]) {
        self.messages = messages
        self.label = label
        self.files = files
        peoplePerFile = Array(repeating: [], count: files.count)
        interactionsPerFile = Array(repeating: 0, count: files.count)
    }

    /// Why a message is not a relationship (nil: it is one).
    enum Exclusion: String, CaseIterable {
        case draft = "drafts (never sent)"
        case spam = "spam"
        case autoSubmitted = "auto-submitted messages (auto-replies, notifications)"
        case list = "mailing-list messages"
        case bulkHeader = "bulk messages (Precedence: bulk or a Gmail category)"
        case bulkRecipients = "bulk messages (more than 10 other participants)"
        case mailMerge = "mail-merge messages (one text to many, one at a time)"
        case noRecipient = "messages to nobody else (hidden recipients, notes to self)"
        case duplicate = "duplicate messages (same Message-ID and sender)"
    }

    mutating func run(options: ImportOptions, into result: inout SourceImport) {
        let n = messages.count
        // Addresses as numbers, in the order first seen.
        var idOf: [String: Int32] = [:]
        var addresses: [String] = []
        func intern(_ a: String) -> Int32 {
            if let id = idOf[a] { return id }
            let id = Int32(addresses.count)
            idOf[a] = id
            addresses.append(a)
            return id
        }
        var from = [Int32](repeating: 0, count: n)
        // Other participants: (address id, position in `recipients`), the sender left out.
        var others = [[(id: Int32, at: Int32)]](repeating: [], count: n)
        for (i, m) in messages.enumerated() {
            let f = intern(m.from.address)
            from[i] = f
            var list: [(id: Int32, at: Int32)] = []
            list.reserveCapacity(m.recipients.count)
            for (k, r) in m.recipients.enumerated() {
                let id = intern(r.address)
                if id != f { list.append((id, Int32(k))) }
            }
            others[i] = list
        }
        // Exclusions that need no owner.
        var excluded = [Exclusion?](repeating: nil, count: n)
        struct SentID: Hashable {
            var id: UInt64
            var from: Int32
        }
        var seenIDs = Set<SentID>()
        for (i, m) in messages.enumerated() {
            if m.id != 0, !seenIDs.insert(SentID(id: m.id, from: from[i])).inserted {
                excluded[i] = .duplicate
                continue
            }
            if m.labels.contains(.draft) {
                excluded[i] = .draft
            } else if m.labels.contains(.spam) {
                excluded[i] = .spam
            } else if m.autoSubmitted {
                excluded[i] = .autoSubmitted
            } else if m.list {
                excluded[i] = .list
            } else if m.bulk || m.labels.contains(.category) {
                excluded[i] = .bulkHeader
            } else if others[i].isEmpty {
                excluded[i] = .noRecipient
            } else if others[i].count > MailImporter.bulkRecipients {
                excluded[i] = .bulkRecipients
            }
        }
        // Mail merges: one text from one sender, one recipient per message, to several people.
        struct TemplateKey: Hashable {
            var from: Int32
            var body: UInt64
        }
        func templateKey(_ i: Int) -> TemplateKey? {
            guard excluded[i] == nil, others[i].count == 1, messages[i].bodyBytes >= MailImporter.templateMinBytes
            else { return nil }
            return TemplateKey(from: from[i], body: messages[i].bodyHash)
        }
        var templateRecipients: [TemplateKey: Set<Int32>] = [:]
        for i in 0..<n {
            if let key = templateKey(i) { templateRecipients[key, default: []].insert(others[i][0].id) }
        }
        for i in 0..<n {
            if let key = templateKey(i), (templateRecipients[key]?.count ?? 0) >= MailImporter.templateRecipients {
                excluded[i] = .mailMerge
            }
        }
        var excludedCounts: [Exclusion: Int] = [:]
        for e in excluded { if let e { excludedCounts[e, default: 0] += 1 } }
        for (e, c) in excludedCounts { result.counters[e.rawValue] = c }
        let kept = (0..<n).filter { excluded[$0] == nil }

        // Owner.
        let (ownerAddresses, ownerReason) = owner(
            kept: kept, from: from, others: others, addresses: addresses, idOf: idOf, options: options,
            result: &result)

        // Threads.
        let thread = threads(kept: kept, from: from, others: others, counters: &result.counters)

        // People: named by the name used most often with the address.
        var firstSeen = [Int](repeating: -1, count: addresses.count)
        var votes: [Int32: [String: Int]] = [:]
        for i in kept {
            let m = messages[i]
            if firstSeen[Int(from[i])] < 0 { firstSeen[Int(from[i])] = i }
            if !m.from.name.isEmpty { votes[from[i], default: [:]][m.from.name, default: 0] += 1 }
            for o in others[i] {
                if firstSeen[Int(o.id)] < 0 { firstSeen[Int(o.id)] = i }
                let name = m.recipients[Int(o.at)].name
                if !name.isEmpty { votes[o.id, default: [:]][name, default: 0] += 1 }
            }
        }
        func bestName(_ id: Int32) -> String {
            guard let v = votes[id] else { return "" }
            // Cleaned names add up (`"Vik, Linnea"` and `Linnea Vik` are one name).
            var cleaned: [String: Int] = [:]
            for (name, count) in v {
                let c = Self.cleanName(name, address: addresses[Int(id)])
                if !c.isEmpty { cleaned[c, default: 0] += count }
            }
            return cleaned.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? ""
        }
        func provenance(_ i: Int) -> Provenance {
            Provenance(source: label, file: files[Int(messages[i].file)], line: messages[i].line)
        }
        var personOf = [LocalPersonRef](repeating: -1, count: addresses.count)
        let ownerIDs = ownerAddresses.map { intern($0) }
        if personOf.count < addresses.count {
            personOf += Array(repeating: -1, count: addresses.count - personOf.count)
        }
        if firstSeen.count < addresses.count {
            firstSeen += Array(repeating: -1, count: addresses.count - firstSeen.count)
        }
        if !ownerAddresses.isEmpty {
            var name = ""
            for id in ownerIDs where name.isEmpty { name = bestName(id) }
            let first = ownerIDs.map { firstSeen[Int($0)] }.filter { $0 >= 0 }.min()
            let record = PersonRecord(
                displayName: name.isEmpty ? ownerAddresses[0] : name, emails: ownerAddresses, isOwner: true,
                provenance: first.map(provenance) ?? Provenance(source: label, file: files.first ?? "", line: 0))
            result.people.append(record)
            let ref = LocalPersonRef(result.people.count - 1)
            result.owner = ref
            people.owner = ref
            for (a, id) in zip(ownerAddresses, ownerIDs) {
                people.byAddress[a] = ref
                personOf[Int(id)] = ref
            }
            result.issues.append(
                ImportIssue(
                    source: label, file: files.first ?? "", line: 0, severity: .info,
                    message: "mail owner: \(ownerAddresses.joined(separator: ", ")) (\(ownerReason))"))
        }
        // Addresses in the order first seen, so that records are numbered the same for any
        // worker count.
        let order = addresses.indices.filter { firstSeen[$0] >= 0 && personOf[$0] < 0 }
            .sorted { (firstSeen[$0], $0) < (firstSeen[$1], $1) }
        for id in order {
            let name = bestName(Int32(id))
            result.people.append(
                PersonRecord(
                    displayName: name.isEmpty ? addresses[id] : name, emails: [addresses[id]],
                    provenance: provenance(firstSeen[id])))
            let ref = LocalPersonRef(result.people.count - 1)
            personOf[id] = ref
            people.byAddress[addresses[id]] = ref
        }
        // Interactions.
        var oneToOne = 0
        var group = 0
        result.interactions.reserveCapacity(kept.count)
        for i in kept {
            let actor = personOf[Int(from[i])]
            guard actor >= 0 else { continue }
            var recipients: [LocalPersonRef] = []
            recipients.reserveCapacity(others[i].count)
            for o in others[i] {
                let p = personOf[Int(o.id)]
                if p >= 0, p != actor, !recipients.contains(p) { recipients.append(p) }
            }
            // A message from one owner address to another is a note to self.
            guard !recipients.isEmpty else {
                result.counters[Exclusion.noRecipient.rawValue, default: 0] += 1
                continue
            }
            let isGroup = recipients.count > 1
            if isGroup { group += 1 } else { oneToOne += 1 }
            result.interactions.append(
                Interaction(
                    kind: .message, time: messages[i].date, actor: actor, recipients: recipients, thread: thread[i],
                    isGroup: isGroup, flags: .mail, provenance: provenance(i)))
            let f = Int(messages[i].file)
            interactionsPerFile[f] += 1
            peoplePerFile[f].insert(actor)
            for r in recipients { peoplePerFile[f].insert(r) }
        }
        if oneToOne > 0 { result.counters["one-to-one messages"] = oneToOne }
        if group > 0 { result.counters["small-group messages"] = group }
    }

    /// The owner's addresses and how they were found.
    func owner(
        kept: [Int], from: [Int32], others: [[(id: Int32, at: Int32)]], addresses: [String], idOf: [String: Int32],
        options: ImportOptions, result: inout SourceImport
    ) -> ([String], String) {
        var participation = [Int](repeating: 0, count: addresses.count)
        for i in kept {
            participation[Int(from[i])] += 1
            for o in others[i] { participation[Int(o.id)] += 1 }
        }
        func uses(_ a: String) -> Int { idOf[a].map { participation[Int($0)] } ?? 0 }
        if !options.ownerEmails.isEmpty {
            let given = options.ownerEmails.compactMap(IdentityNormalizer.email)
            for a in given where uses(a) == 0 {
                result.issues.append(
                    ImportIssue(
                        source: label, file: files.first ?? "", line: 0, severity: .warning,
                        message: "--owner-email \(a) is in no personal message of this source"))
            }
            return (Self.unique(given), "--owner-email")
        }
        // Every message counts here, list and bulk mail too: it was delivered to the account.
        var delivered: [String: Int] = [:]
        var sent: [String: Int] = [:]
        for m in messages {
            for a in m.deliveredTo { delivered[a, default: 0] += 1 }
            if m.labels.contains(.sent) { sent[m.from.address, default: 0] += 1 }
        }
        func ranked(_ counts: [String: Int]) -> [String] {
            counts.keys.sorted { (counts[$0]!, $1) > (counts[$1]!, $0) }
        }
        // Another source's owner whose e-mails the mail uses most.
        let sourceOwner = options.sourceOwnerEmails
            .map { emails in (emails, emails.reduce(0) { $0 + uses($1) }) }
            .filter { $0.1 > 0 }
            .max { ($0.1, $1.0.joined()) < ($1.1, $0.0.joined()) }?.0
        if let account = ranked(delivered).first ?? ranked(sent).first {
            var found = [account] + ranked(sent)
            var why = delivered.isEmpty ? "the From of messages labelled Sent" : "the Takeout account (Delivered-To)"
            if let s = sourceOwner, s.contains(account) {
                found += s.filter { uses($0) > 0 }
                why += ", with the e-mails another source gives its owner"
            }
            return (Self.unique(found), why)
        }
        if let s = sourceOwner {
            return (Self.unique(s.filter { uses($0) > 0 }), "the e-mails another source gives its owner")
        }
        if let top = participation.indices.max(by: {
            (participation[$0], addresses[$1]) < (participation[$1], addresses[$0])
        }), participation[top] > 0 {
            return ([addresses[top]], "the address on the most personal messages")
        }
        return ([], "")
    }

    static func unique(_ xs: [String]) -> [String] {
        var seen = Set<String>()
        return xs.filter { seen.insert($0).inserted }
    }

    /// Thread ids per message index (kept messages only): `In-Reply-To` / `References` first,
    /// then reduced subject and participants.
    func threads(kept: [Int], from: [Int32], others: [[(id: Int32, at: Int32)]], counters: inout [String: Int])
        -> [String?]
    {
        var uf = UnionFind(count: messages.count)
        var byID: [UInt64: Int] = [:]
        for i in kept where messages[i].id != 0 && byID[messages[i].id] == nil { byID[messages[i].id] = i }
        // Ids of messages not in the mailbox still join the messages that refer to them.
        var absent: [UInt64: Int] = [:]
        var byHeader = 0
        for i in kept {
            let m = messages[i]
            for ref in [m.inReplyTo, m.lastReference, m.firstReference] where ref != 0 {
                if let j = byID[ref] {
                    uf.union(i, j)
                } else if let j = absent[ref] {
                    uf.union(i, j)
                } else {
                    absent[ref] = i
                }
            }
            let parent = m.inReplyTo != 0 ? m.inReplyTo : m.lastReference
            if parent != 0, let j = byID[parent], from[j] != from[i] { byHeader += 1 }
        }
        // Subject and participants, in time order.
        struct SubjectKey: Hashable {
            var subject: UInt64
            var participants: [Int32]
        }
        var latest: [SubjectKey: Int] = [:]
        var bySubject = 0
        let order = kept.sorted { (messages[$0].date, $0) < (messages[$1].date, $1) }
        for i in order {
            let m = messages[i]
            guard m.subject != 0 else { continue }
            var participants = others[i].map(\.id)
            participants.append(from[i])
            participants.sort()
            let key = SubjectKey(subject: m.subject, participants: participants)
            let headerless = m.inReplyTo == 0 && m.lastReference == 0
            if headerless, m.replySubject, let j = latest[key], uf.find(i) != uf.find(j) {
                uf.union(i, j)
                if from[j] != from[i] { bySubject += 1 }
            }
            latest[key] = i
        }
        if byHeader > 0 { counters["reply pairs by In-Reply-To / References"] = byHeader }
        if bySubject > 0 { counters["reply pairs by subject and participants"] = bySubject }
        // A thread is named by its first message in file order.
        var name: [Int: String] = [:]
        var out = [String?](repeating: nil, count: messages.count)
        for i in kept {
            let root = uf.find(i)
            if name[root] == nil { name[root] = "mail:\(messages[i].file):\(messages[i].line)" }
            out[i] = name[root]
        }
        return out
    }

    /// A display name as people read it: quotes removed, an address used as a name dropped,
    /// `Last, First` turned round.
    static func cleanName(_ raw: String, address: String) -> String {
        var s = IdentityNormalizer.displayName(raw)
        while s.count >= 2, let f = s.first, let l = s.last, (f == "'" && l == "'") || (f == "\"" && l == "\"") {
            s = String(s.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
        }
        if s.contains("@"), IdentityNormalizer.email(s) != nil { return "" }
        let parts = s.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
            !credentials.contains(parts[1].lowercased().filter { $0.isLetter })
        {
            s = parts[1] + " " + parts[0]
        }
        return s
    }

    static let credentials: Set<String> = [
        "jr", "sr", "ii", "iii", "iv", "phd", "md", "mba", "pmp", "cpa", "esq", "msc", "bsc", "ma", "ba", "inc",
        "llc", "ltd", "gmbh",
    ]
}
