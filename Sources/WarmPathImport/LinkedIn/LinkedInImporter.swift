import Foundation
import WarmPathSupport
import WarmPathModel

/// Reads a LinkedIn "Get a copy of your data" archive (zip, folder or loose CSVs): the owner
/// (`Profile.csv`, `Email Addresses.csv`, the owner's URL found in `messages.csv`), connections,
/// messages, invitations, endorsements, recommendations, positions, education and skills.
///
/// File names are matched folded (`Messages.csv` = `messages.csv`, `Recommendations Given.csv` =
/// `Recommendations_Given.csv`), headers by column name, every known header variant and date
/// format is accepted (FORMATS.md §1). Bad rows become ``ImportIssue``s; only an archive with
/// neither a readable `Connections.csv` nor a readable messages file throws.
///
/// ```
/// let container = try SourceContainer(path: "Basic_LinkedInDataExport_03-20-2024.zip")
/// let result = try LinkedInImporter().importSource(container, options: ImportOptions())
/// print(result.people.count, result.interactions.count)
/// ```
public struct LinkedInImporter: SourceImporter {
    public init() {}
    public var kinds: [SourceKind] { [.linkedin] }
    public var name: String { "LinkedIn archive" }

    /// Recognises an archive by content: a `Connections.csv` whose header has First Name, Last
    /// Name and Connected On (95), a messages file with CONVERSATION ID (90) or the 2018
    /// Direction layout (70), an `Invitations.csv` with its header (60).
    public func detect(_ container: SourceContainer) -> Detection? {
        if let e = firstMatching(container, names: ["Connections.csv"], required: LinkedInColumns.connectionsRequired) {
            return Detection(kind: .linkedin, confidence: 95, reason: "\(e) with LinkedIn connections header")
        }
        if let e = firstMatching(container, names: ["messages.csv"], required: LinkedInColumns.messagesRequired) {
            return Detection(kind: .linkedin, confidence: 90, reason: "\(e) with CONVERSATION ID")
        }
        if let e = firstMatching(container, names: ["messages.csv"], required: LinkedInColumns.messages2018Required) {
            return Detection(kind: .linkedin, confidence: 70, reason: "\(e) with the 2018 Direction layout")
        }
        if let e = firstMatching(container, names: ["Invitations.csv"], required: LinkedInColumns.invitationsRequired) {
            return Detection(kind: .linkedin, confidence: 60, reason: "\(e) with LinkedIn invitations header")
        }
        return nil
    }

    /// Bytes of a candidate file that detection reads: its header is near the top (after at
    /// most a short `Notes:` preamble), so a 2 GB `messages.csv` is never read whole just to be
    /// recognised (a zip member is inflated only this far).
    static let detectionHeadBytes = 64 * 1024

    private func firstMatching(_ container: SourceContainer, names: [String], required: [String]) -> String? {
        for entry in container.find(names) {
            guard let head = try? container.head(entry, bytes: Self.detectionHeadBytes) else { continue }
            if (try? CSVTable.open(bytes: head, requiredColumns: required, file: entry)) != nil { return entry }
        }
        return nil
    }

    public func importSource(_ container: SourceContainer, options: ImportOptions) throws -> SourceImport {
        var run = LinkedInImportRun(container: container, label: options.label ?? SourceKind.linkedin.rawValue)
        try run.run()
        let result = run.result()
        Parallel.release(consume run)  // its indexes of names and URLs
        return result
    }
}

/// Header names of the LinkedIn files (compared normalised).
enum LinkedInColumns {
    static let connectionsRequired = ["First Name", "Last Name", "Connected On"]
    static let messagesRequired = ["CONVERSATION ID", "FROM", "DATE"]
    static let messages2018Required = ["From", "To", "Date", "Direction"]
    static let invitationsRequired = ["From", "To", "Sent At", "Direction"]
    static let aiCoachFiles = [
        "guide_messages.csv", "learning_role_play_messages.csv", "coach_messages.csv", "learning_coach_messages.csv",
    ]
}

/// One message row as read, kept until the owner's URL is known. Everything that does not
/// depend on other rows (canonical URLs, match names, plain text, date, flags) is worked out
/// while reading, on both cores; the import then only resolves people, in file order.
struct LinkedInMessageRow: Sendable {
    var line: Int
    var conversation: String
    var title: String
    var from: String
    /// Canonical SENDER PROFILE URL (nil when absent or not a profile URL).
    var sender: String?
    var to: String
    /// Canonical RECIPIENT PROFILE URLS, in order (cells that are no profile URL dropped).
    var recipients: [String]
    /// The TO names when there are recipient URLs (``LinkedInImportRun/recipientNames(_:)``).
    var recipientNames: [String]
    /// `IdentityNormalizer.matchName` of FROM and TO.
    var fromKey: String
    var toKey: String
    var fromHidden: Bool
    var toHidden: Bool
    var date: String
    /// DATE parsed (nil when empty, unreadable or out of range; see ``dateProblem``).
    var time: Double?
    /// Why a non-empty DATE gave no time (`.unreadable` or `.outOfRange`); nil otherwise.
    var dateProblem: DateParser.Reading?
    var subject: String
    /// CONTENT as plain text.
    var text: String
    /// Sponsored, draft, spam and empty, from the row alone.
    var flags: InteractionFlags
    /// 2018 layout: `INCOMING` / `OUTGOING`.
    var direction: String
    /// The file has a SENDER PROFILE URL column (2019+ layouts): a sender without a URL is
    /// then a hidden member, not a person.
    var hasSenderURLs: Bool
}

/// The message rows of one file in file order, kept in the stretches they were read in
/// (joining them would copy every row).
struct LinkedInMessageRows: Sendable {
    private let parts: [[LinkedInMessageRow]]
    /// Index of each part's first row, and the total at the end.
    private let starts: [Int]

    init(_ parts: [[LinkedInMessageRow]]) {
        self.parts = parts
        var starts = [0]
        for p in parts { starts.append(starts.last! + p.count) }
        self.starts = starts
    }

    var count: Int { starts.last! }
    var indices: Range<Int> { 0..<count }

    subscript(i: Int) -> LinkedInMessageRow {
        _read {
            var p = 0
            while i >= starts[p + 1] { p += 1 }
            yield parts[p][i - starts[p]]
        }
    }
}

/// The state of one import: people, interactions, per-file summaries, issues.
struct LinkedInImportRun {
    let container: SourceContainer
    let label: String
    var people = LinkedInPeople()
    var interactions: [Interaction] = []
    var issues: [ImportIssue] = []
    var files: [FileSummary] = []
    var counters: [String: Int] = [:]
    var ownerSkills: [String] = []
    var owner: LocalPersonRef = 0
    var ownerKey = ""
    /// Message files are read in this many stretches (one per core) of at least this size.
    var messageStretches = (parts: Parallel.workers(), minimumBytes: 4 << 20)

    init(container: SourceContainer, label: String) {
        self.container = container
        self.label = label
    }

    func result() -> SourceImport {
        SourceImport(
            kind: .linkedin, path: container.path, label: label, people: people.records, interactions: interactions,
            owner: owner, ownerSkills: ownerSkills, files: files, issues: issues, counters: counters)
    }

    // MARK: - Orchestration

    mutating func run() throws {
        let connectionsEntry = container.find("Connections.csv").first
        let messagesEntry = container.find("messages.csv").first
        let connections = connectionsEntry.flatMap { open($0, required: LinkedInColumns.connectionsRequired) }
        var messages: (entry: String, rows: LinkedInMessageRows, summary: FileSummary)?
        if let messagesEntry {
            messages = readMessages(messagesEntry)
        }
        guard connections != nil || messages != nil else {
            let found = container.entries.prefix(8).joined(separator: ", ")
            let problems = issues.filter { $0.severity == .error }.map(\.message)
            throw ImportError.nothingUsable(
                path: container.path,
                reason:
                    "no readable LinkedIn Connections.csv or messages.csv"
                    + (problems.isEmpty ? "" : ": " + problems.joined(separator: "; "))
                    + (found.isEmpty ? "" : " (found: \(found)\(container.entries.count > 8 ? ", …" : ""))"))
        }
        let invitations = container.find("Invitations.csv").first.flatMap {
            open($0, required: ["From", "To", "Sent At"])
        }

        readOwner(messages: messages?.rows ?? LinkedInMessageRows([]), invitations: invitations)
        if let connections { readConnections(connections) }
        if let m = messages { processMessages(m.entry, m.rows, summary: m.summary) }
        Parallel.release(consume messages)
        if let invitations { readInvitations(invitations) }
        for (name, given) in [("Endorsement_Received_Info.csv", false), ("Endorsement_Given_Info.csv", true)] {
            if let e = container.find(name).first, let t = open(e, required: ["Skill Name"]) {
                readEndorsements(t, given: given)
            }
        }
        for (name, given) in [("Recommendations_Received.csv", false), ("Recommendations_Given.csv", true)] {
            if let e = container.find(name).first, let t = open(e, required: ["First Name", "Last Name"]) {
                readRecommendations(t, given: given)
            }
        }
        if let e = container.find("Positions.csv").first, let t = open(e, required: ["Company Name"]) {
            readAffiliations(t, school: false)
        }
        if let e = container.find("Education.csv").first, let t = open(e, required: ["School Name"]) {
            readAffiliations(t, school: true)
        }
        if let e = container.find("Skills.csv").first, let t = open(e, required: ["Name"]) { readSkills(t) }
        for name in LinkedInColumns.aiCoachFiles {
            for e in container.find(name) { countAICoach(e) }
        }
        people.finish()
    }

    /// Reads and opens one CSV entry; an unreadable file is an error issue and nil.
    mutating func open(_ entry: String, required: [String]) -> CSVTable? {
        do {
            let data = try container.read(entry)
            let table = try CSVTable.open(data, requiredColumns: required, file: entry, source: label)
            issues += table.issues
            return table
        } catch let e as CSVError {
            issues.append(ImportIssue(source: label, file: entry, line: 0, severity: .error, message: e.description))
        } catch {
            issues.append(
                ImportIssue(source: label, file: entry, line: 0, severity: .error, message: ErrorText.message(error)))
        }
        return nil
    }

    func provenance(_ table: CSVTable, _ line: Int) -> Provenance {
        Provenance(source: label, file: table.file, line: line)
    }

    mutating func time(_ raw: String, table: CSVTable, column: String, line: Int) -> Double? {
        guard !raw.isEmpty else { return nil }
        let reading = DateParser.read(raw)
        if let t = reading.seconds { return t }
        issues.append(
            ImportIssue(
                source: label, file: table.file, line: line, severity: .warning,
                message: LinkedInImportRun.dateIssue(reading, raw: raw, column: column)))
        return nil
    }

    /// The issue text for a date cell that gave no time; the row is always kept, without it.
    static func dateIssue(_ reading: DateParser.Reading, raw: String, column: String) -> String {
        if case .outOfRange = reading { return reading.keptWithoutDate(field: column, value: raw) }
        return "unreadable date '\(raw)' in \(column); kept without a date"
    }

    mutating func finishFile(
        _ table: CSVTable, reader: CSVRecordReader, interactionsBefore: Int, skipped: [String: Int]
    ) {
        issues += reader.issues
        var skipped = skipped
        if reader.malformedRows > 0 { skipped["malformed rows", default: 0] += reader.malformedRows }
        if reader.repeatedHeaders > 0 { skipped["repeated header lines", default: 0] += reader.repeatedHeaders }
        files.append(
            FileSummary(
                file: table.file, rows: reader.rows + reader.malformedRows, people: people.resetCreated(),
                interactions: interactions.count - interactionsBefore, skipped: skipped.filter { $0.value > 0 }))
    }

    mutating func info(_ table: CSVTable, _ line: Int, _ message: String, severity: IssueSeverity = .info) {
        issues.append(ImportIssue(source: label, file: table.file, line: line, severity: severity, message: message))
    }

    // MARK: - Owner

    /// Creates the owner from `Profile.csv` (or from messages when it is missing), finds the
    /// owner's profile URL from messages (the URL the owner's name sends from, else the one in
    /// most conversations) or invitations, and adds the e-mails of `Email Addresses.csv`.
    mutating func readOwner(messages: LinkedInMessageRows, invitations: CSVTable?) {
        var first = ""
        var last = ""
        var headline = ""
        var profileProvenance = Provenance(source: label, file: "Profile.csv", line: 0)
        var profileTable: CSVTable?
        var profileReader: CSVRecordReader?
        if let e = container.find("Profile.csv").first, let t = open(e, required: ["First Name", "Last Name"]) {
            var reader = t.records()
            if let r = reader.next() {
                first = r[t.column("First Name")]
                last = r[t.column("Last Name")]
                headline = r[t.column("Headline")]
                profileProvenance = provenance(t, r.line)
            }
            while reader.next() != nil {}
            profileTable = t
            profileReader = reader
        }
        ownerKey = LinkedInPeople.matchKey(.init(firstName: first, lastName: last))
        let ownerURL = findOwnerURL(messages: messages, invitations: invitations)
        var name = IdentityNormalizer.displayName([first, last].filter { !$0.isEmpty }.joined(separator: " "))
        if name.isEmpty, let ownerURL {
            // No Profile.csv: the name the owner's URL sends with.
            name = messages.indices.first { messages[$0].sender == ownerURL }.map { messages[$0].from } ?? ""
            name = IdentityNormalizer.displayName(name)
            ownerKey = people.matchName(name)
        }
        if profileTable == nil {
            // A missing optional file is not an issue; an owner nobody can name is.
            if name.isEmpty {
                issues.append(
                    ImportIssue(
                        source: label, file: "Profile.csv", line: 0, severity: .info,
                        message: "no Profile.csv and no unambiguous owner URL in messages; the archive owner is unnamed"
                    ))
            }
            profileProvenance.file =
                container.find("Connections.csv").first ?? container.find("messages.csv").first
                ?? profileProvenance.file
        }
        let record = PersonRecord(
            displayName: name.isEmpty ? "LinkedIn archive owner" : name, firstName: first, lastName: last,
            position: headline, isOwner: true, provenance: profileProvenance)
        owner = people.add(record)
        if let ownerURL { people.attach(url: ownerURL, to: owner) }
        if let t = profileTable, let r = profileReader {
            finishFile(t, reader: r, interactionsBefore: interactions.count, skipped: [:])
        } else {
            _ = people.resetCreated()
        }
        if let e = container.find("Email Addresses.csv").first, let t = open(e, required: ["Email Address"]) {
            var reader = t.records()
            var primary: [String] = []
            var others: [String] = []
            var invalid = 0
            while let r = reader.next() {
                let raw = r[t.column("Email Address")]
                guard let email = IdentityNormalizer.email(raw) else {
                    if !raw.isEmpty || !r.isBlank {
                        invalid += 1
                        info(t, r.line, "not an e-mail address: '\(raw)'", severity: .warning)
                    }
                    continue
                }
                if r[t.column("Primary")].lowercased() == "yes" { primary.append(email) } else { others.append(email) }
            }
            for email in primary + others { people.attach(email: email, to: owner) }
            finishFile(t, reader: reader, interactionsBefore: interactions.count, skipped: ["invalid e-mails": invalid])
        }
    }

    /// The owner's canonical profile URL, or nil when the evidence is ambiguous.
    mutating func findOwnerURL(messages: LinkedInMessageRows, invitations: CSVTable?) -> String? {
        // The owner's name on messages decides; the conversation count is only needed without it.
        var byOwnerName: [String: Int] = [:]
        if !ownerKey.isEmpty {
            for i in messages.indices {
                guard let sender = messages[i].sender, messages[i].fromKey == ownerKey else { continue }
                byOwnerName[sender, default: 0] += 1
            }
        }
        if let best = LinkedInImportRun.uniqueMax(byOwnerName, minimum: 1) { return best }
        var conversationsOf: [String: Set<String>] = [:]
        for i in messages.indices where !messages[i].conversation.isEmpty {
            let conversation = messages[i].conversation
            if let sender = messages[i].sender { conversationsOf[sender, default: []].insert(conversation) }
            for c in messages[i].recipients { conversationsOf[c, default: []].insert(conversation) }
        }
        if let best = LinkedInImportRun.uniqueMax(conversationsOf.mapValues(\.count), minimum: 2) { return best }
        // Invitations: the inviter of OUTGOING and the invitee of INCOMING rows is the owner.
        guard let t = invitations, let dir = t.column("Direction") else { return nil }
        let inviter = t.column(anyOf: ["inviterProfileUrl"])
        let invitee = t.column(anyOf: ["inviteeProfileUrl"])
        var votes: [String: Int] = [:]
        var reader = t.records()
        while let r = reader.next() {
            let d = r[dir].uppercased()
            let raw = d == "OUTGOING" ? r[inviter] : d == "INCOMING" ? r[invitee] : ""
            if let u = people.canonicalURL(raw) { votes[u, default: 0] += 1 }
        }
        return LinkedInImportRun.uniqueMax(votes, minimum: 1)
    }

    /// The key with the strictly highest count (at least `minimum`), or nil on a tie.
    static func uniqueMax(_ counts: [String: Int], minimum: Int) -> String? {
        let sorted = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        guard let top = sorted.first, top.value >= minimum else { return nil }
        if sorted.count > 1 && sorted[1].value == top.value { return nil }
        return top.key
    }

    mutating func isOwnerName(_ name: String) -> Bool { isOwnerKey(people.matchName(name)) }

    /// Whether a match name (``IdentityNormalizer/matchName(_:)``) is the owner's.
    func isOwnerKey(_ key: String) -> Bool { !ownerKey.isEmpty && key == ownerKey }

    // MARK: - Connections

    mutating func readConnections(_ t: CSVTable) {
        let before = interactions.count
        let cFirst = t.column("First Name")
        let cLast = t.column("Last Name")
        let cURL = t.column("URL", "Profile URL")
        let cEmail = t.column("Email Address", "E-mail Address", "Email")
        let cCompany = t.column("Company")
        let cPosition = t.column("Position")
        let cDate = t.column("Connected On")
        var blank = 0
        var selfRows = 0
        var reader = t.records()
        while let r = reader.next() {
            let m = LinkedInPeople.Mention(
                firstName: r[cFirst], lastName: r[cLast], url: r[cURL], email: r[cEmail], company: r[cCompany],
                position: r[cPosition])
            if m.firstName.isEmpty && m.lastName.isEmpty && m.url.isEmpty && m.email.isEmpty {
                blank += 1
                info(t, r.line, "blank connection row (only Connected On): not a person")
                continue
            }
            let prov = provenance(t, r.line)
            guard let p = people.resolve(m, provenance: prov, joinByName: false) else {
                blank += 1
                info(t, r.line, "connection row without a usable name or URL: not a person")
                continue
            }
            if p == owner {
                info(t, r.line, "the archive owner listed as their own connection; skipped", severity: .warning)
                selfRows += 1
                continue
            }
            people.indexConnection(p, mention: m)
            let when = time(r[cDate], table: t, column: "Connected On", line: r.line)
            interactions.append(
                Interaction(kind: .connection, time: when, actor: owner, recipients: [p], provenance: prov))
        }
        counters["blank connection rows", default: 0] += blank
        finishFile(
            t, reader: reader, interactionsBefore: before, skipped: ["blank rows": blank, "owner rows": selfRows])
    }

    // MARK: - Messages

    /// Reads a messages file (every header variant incl. the 2018 `Messages.csv`) into rows.
    mutating func readMessages(_ entry: String) -> (entry: String, rows: LinkedInMessageRows, summary: FileSummary)? {
        let data: Data
        do {
            data = try container.read(entry)
        } catch {
            issues.append(
                ImportIssue(source: label, file: entry, line: 0, severity: .error, message: ErrorText.message(error)))
            return nil
        }
        var table: CSVTable?
        do {
            table = try CSVTable.open(
                data, requiredColumns: LinkedInColumns.messagesRequired, file: entry, source: label)
        } catch {
            table = try? CSVTable.open(
                data, requiredColumns: LinkedInColumns.messages2018Required, file: entry, source: label)
        }
        guard let t = table else {
            issues.append(
                ImportIssue(
                    source: label, file: entry, line: 0, severity: .error,
                    message: "\(entry): no messages header (CONVERSATION ID, FROM, DATE or From, To, Date, Direction)"))
            return nil
        }
        issues += t.issues
        let cConv = t.column("CONVERSATION ID")
        let cTitle = t.column("CONVERSATION TITLE")
        let cFrom = t.column("FROM")
        let cSender = t.column("SENDER PROFILE URL")
        let cTo = t.column("TO")
        let cRecipients = t.column("RECIPIENT PROFILE URLS", "RECIPIENT PROFILE URL")
        let cDate = t.column("DATE")
        let cSubject = t.column("SUBJECT")
        let cContent = t.column("CONTENT")
        let cFolder = t.column("FOLDER")
        let cDraft = t.column("IS MESSAGE DRAFT")
        let cConvDraft = t.column("IS CONVERSATION DRAFT")
        let cDirection = t.column("Direction")
        let hasSenderURLs = cSender != nil
        // Rows are independent: read in stretches on both cores, each with its own URL memo.
        let stretches = messageStretches
        let parts = t.readRecords(parts: stretches.parts, minimumBytes: stretches.minimumBytes) {
            reader -> [LinkedInMessageRow] in
            var rows: [LinkedInMessageRow] = []
            // Each stretch memoises on its own: the same URLs and names recur throughout.
            var urlMemo = StringMemo<String?>(IdentityNormalizer.canonicalProfileURL)
            var nameMemo = StringMemo<String>(IdentityNormalizer.matchName)
            var toMemo = StringMemo<[String]>(LinkedInImportRun.recipientNames)
            func canonical(_ raw: String) -> String? { raw.isEmpty ? nil : urlMemo[raw] }
            func key(_ raw: String) -> String { raw.isEmpty ? "" : nameMemo[raw] }
            while let r = reader.next() {
                // Separators are ASCII, so the bytes split exactly where the characters would
                // (a CR-LF pair also separates, as it should).
                let urls = r[cRecipients].utf8.split(whereSeparator: { $0 == 44 || $0 == 59 || $0 == 32 || $0 == 10 })
                    .compactMap { canonical(String(decoding: $0, as: UTF8.self)) }
                let from = r[cFrom]
                let to = r[cTo]
                let title = r[cTitle]
                let folder = r[cFolder].uppercased()
                var flags: InteractionFlags = []
                if !title.isEmpty && title.lowercased() == "sponsored conversation" { flags.insert(.sponsored) }
                if LinkedInImportRun.isYes(r[cDraft]) || LinkedInImportRun.isYes(r[cConvDraft])
                    || folder.hasPrefix("DRAFT")
                {
                    flags.insert(.draft)
                }
                if folder == "SPAM" { flags.insert(.spam) }
                let text = TextCleaner.plainText(r.raw(cContent))
                if text.isEmpty { flags.insert(.empty) }
                let date = r[cDate]
                let reading = date.isEmpty ? nil : DateParser.read(date)
                let time = reading?.seconds
                rows.append(
                    LinkedInMessageRow(
                        line: r.line, conversation: r[cConv], title: title, from: from, sender: canonical(r[cSender]),
                        to: to, recipients: urls, recipientNames: urls.isEmpty ? [] : toMemo[to],
                        fromKey: key(from), toKey: key(to),
                        fromHidden: LinkedInImportRun.isHiddenMember(from),
                        toHidden: LinkedInImportRun.isHiddenMember(to),
                        date: date, time: time, dateProblem: time == nil ? reading : nil, subject: r[cSubject],
                        text: text,
                        flags: flags, direction: r[cDirection].uppercased(), hasSenderURLs: hasSenderURLs))
            }
            return rows
        }
        var read = 0
        var malformed = 0
        var headers = 0
        for part in parts {
            issues += part.reader.issues
            read += part.reader.rows
            malformed += part.reader.malformedRows
            headers += part.reader.repeatedHeaders
        }
        var summary = FileSummary(file: entry, rows: read + malformed)
        if malformed > 0 { summary.skipped["malformed rows"] = malformed }
        if headers > 0 { summary.skipped["repeated header lines"] = headers }
        return (entry, LinkedInMessageRows(parts.map(\.result)), summary)
    }

    static func isYes(_ s: String) -> Bool {
        if s.isEmpty { return false }
        return switch s.lowercased() {
        case "yes", "true", "1", "y": true
        default: false
        }
    }

    /// The comma-separated TO names, each trimmed of spaces and tabs (bytes for ASCII text,
    /// Foundation's `.whitespaces` otherwise). Empty parts are dropped, as `split` does.
    static func recipientNames(_ to: String) -> [String] {
        let utf8 = to.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else {
            // Split by Character (a comma can join a grapheme with non-ASCII neighbours); trim
            // with Foundation only when a part starts or ends with something other than ASCII
            // letters and digits (Unicode spaces are trimmed too).
            return to.split(separator: ",").map { part -> String in
                guard let f = part.utf8.first, let l = part.utf8.last, isAlnumASCII(f), isAlnumASCII(l) else {
                    return part.trimmingCharacters(in: .whitespaces)
                }
                return String(part)
            }
        }
        var out: [String] = []
        for part in utf8.split(separator: 44) {
            var p = part[...]
            while let f = p.first, f == 32 || f == 9 { p = p.dropFirst() }
            while let l = p.last, l == 32 || l == 9 { p = p.dropLast() }
            out.append(String(decoding: p, as: UTF8.self))
        }
        return out
    }

    @inline(__always)
    static func isAlnumASCII(_ b: UInt8) -> Bool {
        (48...57).contains(b) || (65...90).contains(b) || (97...122).contains(b)
    }

    static func isHiddenMember(_ name: String) -> Bool {
        var utf8 = name.utf8[...]
        // After ASCII blanks, an ASCII first character other than L/l cannot start "linkedin member"
        // (ASCII lowercases to ASCII), whatever follows.
        if let f = utf8.first(where: { $0 != 32 && $0 != 9 }), f < 0x80, f | 0x20 != 0x6C {
            return false
        }
        if utf8.allSatisfy({ $0 < 0x80 }) {
            while let f = utf8.first, f == 32 || f == 9 { utf8 = utf8.dropFirst() }
            while let l = utf8.last, l == 32 || l == 9 { utf8 = utf8.dropLast() }
            return utf8.isEmpty
                || (utf8.count == 15
                    && utf8.elementsEqual("linkedin member".utf8) { a, b in ((65...90).contains(a) ? a | 0x20 : a) == b
                    })
        }
        let n = name.trimmingCharacters(in: .whitespaces).lowercased()
        return n.isEmpty || n == "linkedin member"
    }

    /// Turns message rows into interactions: sender by SENDER PROFILE URL, recipients by
    /// RECIPIENT PROFILE URLS (never by splitting TO names), group when the conversation has three
    /// or more participants; hidden `LinkedIn Member` senders are counted and skipped.
    mutating func processMessages(_ entry: String, _ rows: LinkedInMessageRows, summary: FileSummary) {
        let before = interactions.count
        var summary = summary
        _ = people.resetCreated()
        // Whether each conversation has three or more participants (URLs, or names where the
        // file has no sender URLs); a conversation stops collecting at three.
        var conversationIndex: [String: Int32] = [:]
        var participants: [[String]] = []
        var conversationOf = [Int32](repeating: -1, count: rows.count)
        func note(_ p: String, _ c: Int) {
            if participants[c].count < 3 && !participants[c].contains(p) { participants[c].append(p) }
        }
        for i in rows.indices where !rows[i].conversation.isEmpty {
            let c: Int
            if let known = conversationIndex[rows[i].conversation] {
                c = Int(known)
            } else {
                c = participants.count
                conversationIndex[rows[i].conversation] = Int32(c)
                participants.append([])
            }
            conversationOf[i] = Int32(c)
            if let u = rows[i].sender {
                note(u, c)
            } else if !rows[i].hasSenderURLs && !rows[i].fromHidden {
                note("name:" + rows[i].fromKey, c)
            }
            for u in rows[i].recipients { note(u, c) }
        }
        conversationIndex = [:]
        var hidden = 0
        var noRecipient = 0
        for i in rows.indices {
            let prov = Provenance(source: label, file: entry, line: rows[i].line)
            // Sender.
            let sender: LocalPersonRef
            let from = rows[i].from
            if let senderURL = rows[i].sender {
                let name = rows[i].fromHidden ? "" : from
                sender =
                    people.resolve(
                        .init(fullName: name, url: senderURL), canonical: true, provenance: prov, joinByName: false)
                    ?? owner
            } else if rows[i].direction == "OUTGOING"
                || (rows[i].direction.isEmpty && isOwnerKey(rows[i].fromKey) && !from.isEmpty)
            {
                sender = owner
            } else if rows[i].fromHidden || (rows[i].hasSenderURLs && !isOwnerKey(rows[i].fromKey)) {
                hidden += 1
                issues.append(
                    ImportIssue(
                        source: label, file: entry, line: rows[i].line, severity: .info,
                        message:
                            "message from a hidden sender ('\(from.isEmpty ? "empty" : from)', no profile URL) skipped")
                )
                continue
            } else if let p = people.resolve(.init(fullName: from), provenance: prov, joinByName: true) {
                sender = p
            } else {
                hidden += 1
                issues.append(
                    ImportIssue(
                        source: label, file: entry, line: rows[i].line, severity: .info,
                        message: "message from a sender without a usable name skipped"))
                continue
            }
            // Recipients.
            var recipients: [LocalPersonRef] = []
            if !rows[i].recipients.isEmpty {
                let urls = rows[i].recipients
                let names = rows[i].recipientNames
                for (k, u) in urls.enumerated() {
                    let name = names.count == urls.count ? names[k] : ""
                    if let p = people.resolve(
                        .init(fullName: name, url: u), canonical: true, provenance: prov, joinByName: false),
                        p != sender, !recipients.contains(p)
                    {
                        recipients.append(p)
                    }
                }
            } else if !rows[i].toHidden {
                if rows[i].direction == "INCOMING" || isOwnerKey(rows[i].toKey) {
                    if sender != owner { recipients = [owner] }
                } else if let p = people.resolve(.init(fullName: rows[i].to), provenance: prov, joinByName: true),
                    p != sender
                {
                    recipients = [p]
                }
            }
            if recipients.isEmpty && sender != owner { recipients = [owner] }
            if recipients.isEmpty {
                noRecipient += 1
                issues.append(
                    ImportIssue(
                        source: label, file: entry, line: rows[i].line, severity: .info,
                        message: "message without an identifiable recipient skipped"))
                continue
            }
            var thread: String? = rows[i].conversation.isEmpty ? nil : rows[i].conversation
            var isGroup = false
            if thread != nil {
                isGroup = participants[Int(conversationOf[i])].count >= 3
            } else {
                // 2018 layout: no conversation id; the thread is the counterpart.
                let counterpart = sender == owner ? recipients[0] : sender
                thread = "with:" + people[counterpart].displayName
            }
            if let problem = rows[i].dateProblem {
                issues.append(
                    ImportIssue(
                        source: label, file: entry, line: rows[i].line, severity: .warning,
                        message: LinkedInImportRun.dateIssue(problem, raw: rows[i].date, column: "DATE")))
            }
            let title = rows[i].title
            let detail = !rows[i].subject.isEmpty ? rows[i].subject : (!title.isEmpty ? title : nil)
            let text = rows[i].text
            interactions.append(
                Interaction(
                    kind: .message, time: rows[i].time, actor: sender, recipients: recipients, thread: thread,
                    isGroup: isGroup, text: text.isEmpty ? nil : text, detail: detail, flags: rows[i].flags,
                    provenance: prov))
        }
        counters["LinkedIn Member messages", default: 0] += hidden
        if hidden > 0 { summary.skipped["hidden senders", default: 0] += hidden }
        if noRecipient > 0 { summary.skipped["no recipient", default: 0] += noRecipient }
        summary.people = people.resetCreated()
        summary.interactions = interactions.count - before
        files.append(summary)
    }

    // MARK: - Invitations

    mutating func readInvitations(_ t: CSVTable) {
        let before = interactions.count
        let cFrom = t.column("From")
        let cTo = t.column("To")
        let cSent = t.column("Sent At")
        let cMessage = t.column("Message")
        let cDirection = t.column("Direction")
        let cInviter = t.column("inviterProfileUrl", "inviterProfileUrn")
        let cInvitee = t.column("inviteeProfileUrl", "inviteeProfileUrn")
        var unknown = 0
        var reader = t.records()
        while let r = reader.next() {
            if r.isBlank { continue }
            let prov = provenance(t, r.line)
            let inviter = LinkedInImportRun.mention(name: r[cFrom], link: r[cInviter])
            let invitee = LinkedInImportRun.mention(name: r[cTo], link: r[cInvitee])
            var direction = r[cDirection].uppercased()
            if direction != "OUTGOING" && direction != "INCOMING" {
                let ownerURLs = people[owner].profileURLs
                let inviterURL = people.canonicalURL(inviter.url)
                direction =
                    (inviterURL.map(ownerURLs.contains) ?? false) || isOwnerName(inviter.fullName)
                    ? "OUTGOING" : "INCOMING"
            }
            let outgoing = direction == "OUTGOING"
            let counterpartMention = outgoing ? invitee : inviter
            guard let other = people.resolve(counterpartMention, provenance: prov, joinByName: true), other != owner
            else {
                unknown += 1
                info(t, r.line, "invitation without an identifiable counterpart skipped", severity: .warning)
                continue
            }
            let note = r[cMessage]
            interactions.append(
                Interaction(
                    kind: .invitation, time: time(r[cSent], table: t, column: "Sent At", line: r.line),
                    actor: outgoing ? owner : other, recipients: [outgoing ? other : owner],
                    text: note.isEmpty ? nil : note,
                    flags: note.isEmpty ? [] : .withNote, provenance: prov))
        }
        finishFile(t, reader: reader, interactionsBefore: before, skipped: ["no counterpart": unknown])
    }

    /// A person named in one cell with a URL or a `urn:li:` URN in another.
    static func mention(name: String, link: String) -> LinkedInPeople.Mention {
        var m = LinkedInPeople.Mention(fullName: name)
        if link.lowercased().hasPrefix("urn:") { m.urn = link } else { m.url = link }
        return m
    }

    // MARK: - Endorsements

    mutating func readEndorsements(_ t: CSVTable, given: Bool) {
        let before = interactions.count
        let role = given ? "Endorsee" : "Endorser"
        let cDate = t.column("Endorsement Date")
        let cSkill = t.column("Skill Name")
        let cFirst = t.column("\(role) First Name")
        let cLast = t.column("\(role) Last Name")
        let cURL = t.column("\(role) Public Url", "\(role) Profile Url")
        let cStatus = t.column("Endorsement Status")
        var unknown = 0
        var reader = t.records()
        while let r = reader.next() {
            if r.isBlank { continue }
            let prov = provenance(t, r.line)
            let m = LinkedInPeople.Mention(firstName: r[cFirst], lastName: r[cLast], url: r[cURL])
            guard let other = people.resolve(m, provenance: prov, joinByName: true), other != owner else {
                unknown += 1
                info(t, r.line, "endorsement without an identifiable \(role.lowercased()) skipped", severity: .warning)
                continue
            }
            let status = r[cStatus].uppercased()
            let skill = r[cSkill]
            interactions.append(
                Interaction(
                    kind: .endorsement, time: time(r[cDate], table: t, column: "Endorsement Date", line: r.line),
                    actor: given ? owner : other, recipients: [given ? other : owner],
                    detail: skill.isEmpty ? nil : skill,
                    flags: status == "ACCEPTED" ? [] : .notAccepted, provenance: prov))
        }
        finishFile(t, reader: reader, interactionsBefore: before, skipped: ["no counterpart": unknown])
    }

    // MARK: - Recommendations

    mutating func readRecommendations(_ t: CSVTable, given: Bool) {
        let before = interactions.count
        let cFirst = t.column("First Name")
        let cLast = t.column("Last Name")
        let cCompany = t.column("Company")
        let cTitle = t.column("Job Title")
        let cText = t.column("Text")
        let cDate = t.column("Creation Date")
        let cStatus = t.column("Status")
        var unknown = 0
        var reader = t.records()
        while let r = reader.next() {
            if r.isBlank { continue }
            let prov = provenance(t, r.line)
            let m = LinkedInPeople.Mention(
                firstName: r[cFirst], lastName: r[cLast], company: r[cCompany], position: r[cTitle])
            guard let other = people.resolve(m, provenance: prov, joinByName: true), other != owner else {
                unknown += 1
                info(t, r.line, "recommendation without a name skipped", severity: .warning)
                continue
            }
            let status = r[cStatus].uppercased()
            let text = r[cText]
            let title = r[cTitle]
            interactions.append(
                Interaction(
                    kind: .recommendation, time: time(r[cDate], table: t, column: "Creation Date", line: r.line),
                    actor: given ? owner : other, recipients: [given ? other : owner], text: text.isEmpty ? nil : text,
                    detail: title.isEmpty ? nil : title,
                    flags: status == "HIDDEN" || status == "PENDING" ? .notAccepted : [], provenance: prov))
        }
        finishFile(t, reader: reader, interactionsBefore: before, skipped: ["no name": unknown])
    }

    // MARK: - Positions, education, skills

    mutating func readAffiliations(_ t: CSVTable, school: Bool) {
        let before = interactions.count
        let cName = school ? t.column("School Name") : t.column("Company Name")
        let cTitle = school ? t.column("Degree Name") : t.column("Title")
        let cStart = school ? t.column("Start Date") : t.column("Started On")
        let cEnd = school ? t.column("End Date") : t.column("Finished On")
        var unnamed = 0
        var current: (company: String, title: String)?
        var reader = t.records()
        while let r = reader.next() {
            if r.isBlank { continue }
            let name = r[cName]
            guard !name.isEmpty else {
                unnamed += 1
                info(
                    t, r.line, school ? "education row without a school skipped" : "position without a company skipped",
                    severity: .warning)
                continue
            }
            let title = r[cTitle]
            let endRaw = r[cEnd]
            if !school && endRaw.isEmpty && current == nil { current = (name, title) }
            interactions.append(
                Interaction(
                    kind: .affiliation,
                    time: time(r[cStart], table: t, column: school ? "Start Date" : "Started On", line: r.line),
                    actor: owner, recipients: [], text: title.isEmpty ? nil : title, detail: name,
                    flags: school ? .school : [],
                    endTime: time(endRaw, table: t, column: school ? "End Date" : "Finished On", line: r.line),
                    provenance: provenance(t, r.line)))
        }
        if let current {
            if people[owner].company.isEmpty { people[owner].company = current.company }
            if people[owner].position.isEmpty { people[owner].position = current.title }
        }
        finishFile(t, reader: reader, interactionsBefore: before, skipped: ["unnamed": unnamed])
    }

    mutating func readSkills(_ t: CSVTable) {
        let c = t.column("Name")
        var seen = Set(ownerSkills)
        var reader = t.records()
        while let r = reader.next() {
            let skill = r[c]
            if !skill.isEmpty && seen.insert(skill).inserted { ownerSkills.append(skill) }
        }
        finishFile(t, reader: reader, interactionsBefore: interactions.count, skipped: [:])
    }

    /// AI-coach chats are not relationships: their rows are only counted.
    mutating func countAICoach(_ entry: String) {
        guard let data = try? container.read(entry) else { return }
        var rows = 0
        if let t = try? CSVTable.open(data, requiredColumns: [], file: entry, source: label) {
            var reader = t.records()
            while reader.next() != nil {}
            rows = reader.rows + reader.malformedRows
        }
        files.append(FileSummary(file: entry, rows: rows, skipped: ["AI coach messages": rows]))
    }
}
