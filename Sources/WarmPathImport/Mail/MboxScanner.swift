import Foundation
import WarmPathSupport
import WarmPathModel

#if canImport(Glibc)
    import Glibc
#endif

/// Gmail labels that matter (`X-Gmail-Labels` in a Google Takeout mbox).
public struct GmailLabels: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let sent = GmailLabels(rawValue: 1 << 0)
    public static let draft = GmailLabels(rawValue: 1 << 1)
    public static let spam = GmailLabels(rawValue: 1 << 2)
    /// Gmail's own bulk categories: Promotions, Social, Updates, Forums.
    public static let category = GmailLabels(rawValue: 1 << 3)
    public static let chat = GmailLabels(rawValue: 1 << 4)
}

/// One message as the scanner keeps it: header facts only, never the body (a 64-bit hash of the
/// start of the body's own text is all that remains of it, for mail-merge detection).
public struct MailMessage: Sendable, Hashable {
    /// Index of the file in the scan (the importer's file list).
    public var file: Int32
    /// The line of the message's `From ` separator (mbox), or 1 (`.eml`).
    public var line: Int
    public var from: MailAddress
    /// `To`, `Cc` and `Bcc` in order, addresses lower-cased, each once, the sender left in.
    public var recipients: [MailAddress]
    public var date: Double
    /// Hash of the `Message-ID` (0 when there is none).
    public var id: UInt64
    /// Hash of the first `In-Reply-To` id (0 when there is none).
    public var inReplyTo: UInt64
    /// Hashes of the first and the last `References` id (0 when there are none).
    public var firstReference: UInt64
    public var lastReference: UInt64
    /// Hash of the reduced subject (``MailSubject``) and whether it had a reply prefix.
    public var subject: UInt64
    public var replySubject: Bool
    /// `List-Id` or `List-Unsubscribe`, or `Precedence: list`.
    public var list: Bool
    /// `Precedence: bulk` or `junk`.
    public var bulk: Bool
    /// `Auto-Submitted` other than `no` (RFC 3834).
    public var autoSubmitted: Bool
    public var labels: GmailLabels
    /// `Delivered-To` addresses, lower-cased.
    public var deliveredTo: [String]
    /// Hash of the start of the body text (quotes, MIME lines and the greeting left out) and how
    /// many bytes it covers.
    public var bodyHash: UInt64
    public var bodyBytes: Int32
}

/// What one scan of one file gives.
public struct MailScan: Sendable {
    public var messages: [MailMessage] = []
    public var issues: [ImportIssue] = []
    public var summary: FileSummary
    /// Lines in the file.
    public var lines = 0

    init(file: String) { summary = FileSummary(file: file) }
}

/// The streaming header scanner for mbox files (mboxo and mboxrd, LF or CRLF) and `.eml` files.
///
/// A message starts at a `From ` line that follows a blank line (or starts the file) and looks
/// like a separator: a sender token, then a time and a four-digit year (`From ana@x.org Tue Mar  5
/// 09:15:00 2024`, Gmail's `From 1790…@xxx Tue Mar 05 09:15:00 +0000 2024`, Thunderbird's
/// `From - Tue Mar 05 …`); without the blank line before it, only the full asctime form with
/// weekday and month names counts. Any other `From ` line in a body is an unescaped body line:
/// reported, and read as body. Since only headers are read, the mboxo and mboxrd quoting of body
/// lines (`>From `) makes no difference.
///
/// Headers are unfolded and only the fields of ``MailHeaderFields`` are copied. The body is
/// passed over line by line (`memchr`) without a copy; the first 1 KiB of its own text is hashed.
/// Memory is one chunk plus one header block plus the messages' facts, whatever the file's size.
///
/// ```
/// let scan = try MboxScanner.scan(container, entry: "All mail.mbox", file: 0, label: "mail")
/// scan.messages.count
/// ```
public enum MboxScanner {
    /// Files at least this large are cut into one byte range per core, each range starting at a
    /// separator.
    public static let parallelBytes: Int64 = 64 << 20
    /// The most header bytes kept per message; the rest of a larger block is reported and left out.
    public static let maxHeaderBytes = 256 << 10
    /// Body text hashed per message.
    public static let bodyHashBytes = 1024
    /// The longest line kept whole; longer lines are cut (a header line that long is broken; a
    /// body line's end does not matter).
    static let maxLineBytes = 1 << 20

    /// Scans one mbox file (or `.eml` file with `single`), on every core for large files on disk.
    /// - Parameter splitAt: the size from which a file on disk is cut (``parallelBytes``; tests
    ///   cut small files).
    public static func scan(
        _ container: SourceContainer, entry: String, file: Int32, label: String, single: Bool = false,
        splitAt: Int64 = parallelBytes
    ) throws -> MailScan {
        let size = container.size(of: entry)
        let ranges: [Range<Int64>] =
            !single && container.localURL(entry) != nil && size >= splitAt && Parallel.workers() > 1
            ? try splitPoints(container, entry: entry, size: size, parts: Parallel.workers()) : []
        if ranges.count <= 1 {
            var part = PartScanner(file: file, single: single)
            do {
                try container.stream(entry) { chunk in
                    part.feed(chunk)
                    if part.done { throw StopScanning() }
                }
            } catch is StopScanning {
            } catch {
                // A damaged archive member or a read error: what was read so far counts.
                guard part.sawBytes else { throw error }
                part.stopped(by: error, display: container.display(entry))
            }
            part.finish(endOfFile: true)
            return merge([part], entry: entry, label: label)
        }
        let jobs: [@Sendable () -> Result<PartScanner, any Error>] = ranges.enumerated().map { k, range in
            {
                Result {
                    var part = PartScanner(file: file, single: false)
                    try container.stream(entry, range: range) { part.feed($0) }
                    part.finish(endOfFile: k == ranges.count - 1)
                    return part
                }
            }
        }
        let parts = try Parallel.map(jobs, threads: ranges.count).map { try $0.get() }
        return merge(parts, entry: entry, label: label)
    }

    /// Scans bytes already in memory (tests, fuzzing).
    public static func scan(bytes: [UInt8], file: Int32 = 0, entry: String, label: String, single: Bool = false)
        -> MailScan
    {
        var part = PartScanner(file: file, single: single)
        bytes.withUnsafeBufferPointer { part.feed($0) }
        part.finish(endOfFile: true)
        return merge([part], entry: entry, label: label)
    }

    /// Joins the parts of one file in order: line numbers shifted by the lines before each part,
    /// issues capped per kind over the whole file.
    static func merge(_ parts: [PartScanner], entry: String, label: String) -> MailScan {
        var scan = MailScan(file: entry)
        var log = IssueLog(source: label, file: entry)
        var offset = 0
        for p in parts {
            for var m in p.messages {
                m.line += offset
                scan.messages.append(m)
            }
            for i in p.issues.kept { log.add(i.severity, i.message, line: i.line + offset, kind: i.kind) }
            for (kind, extra) in p.issues.extra { log.count(kind, extra.severity, extra.count) }
            scan.summary.rows += p.rows
            for (k, v) in p.skipped { scan.summary.skipped[k, default: 0] += v }
            offset += p.lines
        }
        scan.lines = offset
        scan.issues = log.finish()
        return scan
    }

    /// Byte offsets that cut a file into about `parts` ranges, each starting at a separator line.
    static func splitPoints(_ container: SourceContainer, entry: String, size: Int64, parts: Int) throws
        -> [Range<Int64>]
    {
        var starts: [Int64] = [0]
        for k in 1..<parts {
            let from = max(starts.last! + 1, size * Int64(k) / Int64(parts))
            guard let at = try nextSeparator(container, entry: entry, from: from, size: size) else { break }
            if at > starts.last! { starts.append(at) }
        }
        var ranges: [Range<Int64>] = []
        for (k, s) in starts.enumerated() { ranges.append(s..<(k + 1 < starts.count ? starts[k + 1] : size)) }
        return ranges
    }

    /// The offset of the first separator line starting after `from` (looked for in windows of
    /// 1 MiB, up to 64 MiB), or nil.
    static func nextSeparator(_ container: SourceContainer, entry: String, from: Int64, size: Int64) throws -> Int64? {
        let window: Int64 = 1 << 20
        var at = max(0, from - 1)
        var carried: [UInt8] = []  // the bytes just before the window: the previous line
        var carriedStart = at
        while at < size, at - from < 64 << 20 {
            var bytes: [UInt8] = []
            try container.stream(entry, range: at..<min(size, at + window)) { bytes.append(contentsOf: $0) }
            if bytes.isEmpty { return nil }
            let all = carried + bytes
            let base = carriedStart
            var found: Int64?
            all.withUnsafeBufferPointer { buf in
                var i = 0
                let n = buf.count
                while i < n {
                    guard let nl = memchr(buf.baseAddress! + i, 10, n - i) else { break }
                    let lineStart = buf.baseAddress!.distance(to: nl.assumingMemoryBound(to: UInt8.self)) + 1
                    i = lineStart
                    guard lineStart + 5 <= n, buf[lineStart] == 70 else { continue }
                    guard let end = memchr(buf.baseAddress! + lineStart, 10, n - lineStart) else { break }
                    let lineEnd = buf.baseAddress!.distance(to: end.assumingMemoryBound(to: UInt8.self))
                    let line = UnsafeBufferPointer(rebasing: buf[lineStart..<lineEnd])
                    // The line before: blank when the byte before its LF (and an optional CR) is an LF.
                    var p = lineStart - 2
                    if p >= 0, buf[p] == 13 { p -= 1 }
                    let prevBlank = p >= 0 && buf[p] == 10
                    if base + Int64(lineStart) > from, PartScanner.isSeparator(line, prevBlank: prevBlank) {
                        found = base + Int64(lineStart)
                        return
                    }
                }
            }
            if let found { return found }
            // Keep the last two lines' bytes for the next window.
            let keep = min(all.count, 4096)
            carried = Array(all.suffix(keep))
            carriedStart = base + Int64(all.count - keep)
            at += Int64(bytes.count)
        }
        return nil
    }
}

/// Thrown from a chunk consumer once an `.eml` file's header and body start are read.
private struct StopScanning: Error {}

/// Issues of one part, capped per kind like ``IssueLog``, so that parts can be joined in order.
struct PartIssues {
    struct Kept {
        var severity: IssueSeverity
        var message: String
        var line: Int
        var kind: String
    }
    var kept: [Kept] = []
    var extra: [String: (severity: IssueSeverity, count: Int)] = [:]
    private var listed: [String: Int] = [:]

    mutating func add(_ severity: IssueSeverity, _ message: String, line: Int, kind: String) {
        if listed[kind, default: 0] < IssueLog.defaultCap {
            listed[kind, default: 0] += 1
            kept.append(Kept(severity: severity, message: message, line: line, kind: kind))
        } else {
            extra[kind, default: (severity, 0)].count += 1
        }
    }
}

/// The scanner of one byte range: a line state machine fed chunk by chunk.
struct PartScanner {
    enum State { case start, headers, body }

    let file: Int32
    /// An `.eml` file: one message from the first line, no separators.
    let single: Bool
    var state: State
    /// Complete lines seen so far (the current line's number is `lines` after it is counted).
    var lines = 0
    var prevBlank = true
    var carry: [UInt8] = []
    var carryCut = false
    var headers = MailHeaderFields()
    var headerBytes = 0
    var headerCut = false
    var messageLine = 0
    var body = BodyHasher()
    var lastByte: UInt8 = 10
    var sawBytes = false
    var preamble = 0
    /// `.eml` only: the body's hash is complete, the rest of the file need not be read.
    var done = false

    var messages: [MailMessage] = []
    var issues = PartIssues()
    var rows = 0
    var skipped: [String: Int] = [:]

    init(file: Int32, single: Bool) {
        self.file = file
        self.single = single
        state = single ? .headers : .start
        if single { messageLine = 1 }
    }

    mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>) {
        guard let base = chunk.baseAddress, chunk.count > 0 else { return }
        sawBytes = true
        lastByte = chunk[chunk.count - 1]
        var i = 0
        let n = chunk.count
        if !carry.isEmpty || carryCut {
            guard let nl = memchr(base, 10, n) else {
                appendCarry(chunk)
                return
            }
            let end = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
            appendCarry(UnsafeBufferPointer(rebasing: chunk[0..<end]))
            let line = carry
            carry.removeAll(keepingCapacity: true)
            carryCut = false
            line.withUnsafeBufferPointer { self.line($0) }
            i = end + 1
        }
        while i < n, !done {
            guard let nl = memchr(base + i, 10, n - i) else {
                appendCarry(UnsafeBufferPointer(rebasing: chunk[i..<n]))
                return
            }
            let end = base.distance(to: nl.assumingMemoryBound(to: UInt8.self))
            line(UnsafeBufferPointer(start: base + i, count: end - i))
            i = end + 1
        }
    }

    private mutating func appendCarry(_ part: UnsafeBufferPointer<UInt8>) {
        let room = PartScannerLimits.maxLine - carry.count
        if part.count > room {
            carry.append(contentsOf: UnsafeBufferPointer(rebasing: part[0..<max(0, room)]))
            carryCut = true
        } else {
            carry.append(contentsOf: part)
        }
    }

    mutating func finish(endOfFile: Bool) {
        // A last line without its line break, in a header, is a header cut short.
        var inHeader = state == .headers
        if !carry.isEmpty {
            let last = carry
            carry.removeAll()
            last.withUnsafeBufferPointer { line($0) }
        }
        inHeader = inHeader || state == .headers
        if inHeader {
            if endOfFile {
                issues.add(
                    .warning,
                    "the file ends inside the header of the message at line \(messageLine) (truncated?); "
                        + "the header was read as far as it goes",
                    line: messageLine, kind: "truncated header")
            }
        }
        if state != .start { finishMessage() }
        if endOfFile, sawBytes, lastByte != 10, !done {
            issues.add(
                .info, "the file does not end with a line break (truncated?); its last line was read as it is",
                line: lines, kind: "no final line break")
        }
        if preamble > 0 {
            issues.add(
                .warning,
                "\(Format.grouped(preamble)) line(s) before the first 'From ' line skipped (not an mbox message)",
                line: 1, kind: "preamble")
        }
        state = .start
    }

    @inline(__always)
    static func isBlank(_ l: UnsafeBufferPointer<UInt8>) -> Bool {
        l.count == 0 || (l.count == 1 && l[0] == 13)
    }

    @inline(__always)
    static func startsWithFrom(_ l: UnsafeBufferPointer<UInt8>) -> Bool {
        l.count >= 5 && l[0] == 70 && l[1] == 114 && l[2] == 111 && l[3] == 109 && l[4] == 32
    }

    mutating func line(_ l: UnsafeBufferPointer<UInt8>) {
        lines += 1
        let blank = Self.isBlank(l)
        switch state {
        case .body:
            if l.count >= 5, l[0] == 70, Self.startsWithFrom(l) {
                if !single, Self.isSeparator(l, prevBlank: prevBlank) {
                    finishMessage()
                    startMessage()
                    prevBlank = false
                    return
                }
                issues.add(
                    .info,
                    "a body line begins with 'From ' without the mbox '>' escape (an attachment, or a writer that "
                        + "does not quote); read as body text",
                    line: lines, kind: "unescaped From line")
            }
            if !blank, body.bytes < MboxScanner.bodyHashBytes { body.add(l) }
            if single, body.bytes >= MboxScanner.bodyHashBytes { done = true }
        case .headers:
            if blank {
                state = .body
            } else if l.count >= 5, !single, Self.startsWithFrom(l), headers.fieldCount == 0,
                Self.isSeparator(l, prevBlank: prevBlank)
            {
                // Two separators in a row: the first starts no message.
                finishMessage()
                startMessage()
            } else if headerCut {
                break
            } else if headers.add(line: l) {
                headerBytes += l.count
                if headerBytes > MboxScanner.maxHeaderBytes {
                    headerCut = true
                    issues.add(
                        .warning,
                        "the header of the message at line \(messageLine) is over \(MboxScanner.maxHeaderBytes / 1024) KiB; "
                            + "the rest of it was left out",
                        line: lines, kind: "header too large")
                }
            } else if single && lines == 1 && Self.startsWithFrom(l) {
                break  // an .eml file that starts with an mbox separator
            } else {
                // Not a header line: the body starts here, without the blank line (as Python's
                // parser reads it).
                state = .body
                if !blank { body.add(l) }
            }
        case .start:
            if Self.startsWithFrom(l), Self.isSeparator(l, prevBlank: prevBlank || lines == 1) {
                startMessage()
                prevBlank = false
                return
            }
            if !blank { preamble += 1 }
        }
        prevBlank = blank
    }

    /// Reading stopped before the end of the file: reported; the messages before count.
    mutating func stopped(by error: any Error, display: String) {
        let reason = SourceLoader.describe(error, path: display)
        issues.add(
            .error, "reading stopped after line \(lines): \(reason); the messages before it were read",
            line: lines, kind: "read error")
        carry.removeAll()
        lastByte = 10
    }

    mutating func startMessage() {
        state = .headers
        messageLine = lines
        headers = MailHeaderFields()
        headerBytes = 0
        headerCut = false
        body = BodyHasher()
    }

    mutating func skip(_ reason: String, _ message: String, severity: IssueSeverity = .warning) {
        skipped[reason, default: 0] += 1
        issues.add(severity, message, line: messageLine, kind: reason)
    }

    mutating func finishMessage() {
        defer { state = .start }
        guard state != .start else { return }
        let h = headers
        guard h.fieldCount > 0 else {
            skipped["'From ' lines that start no message", default: 0] += 1
            issues.add(
                .warning,
                "the 'From ' line starts no message: no header follows (an unescaped 'From ' line in a body?); "
                    + "its lines were skipped",
                line: messageLine, kind: "From line without a message")
            return
        }
        rows += 1
        // From.
        guard let rawFrom = h.from else {
            skip("messages without a From", "message without a From header skipped")
            return
        }
        let fromList = MailAddressList.parse(rawFrom)
        guard let first = fromList.addresses.first, let fromAddress = MailAddressList.normalized(first.address) else {
            let shown = Self.shown(rawFrom)
            skip("messages whose From is not an address", "From '\(shown)' is not an e-mail address; message skipped")
            return
        }
        // Date.
        guard let rawDate = h.date else {
            skip("messages without a Date", "message without a Date header skipped")
            return
        }
        let reading = MailDate.read(rawDate)
        guard let date = reading.seconds else {
            let shown = Self.shown(rawDate)
            skip(
                "messages with an unreadable Date",
                "\(reading.problem ?? "unreadable date") in Date: '\(shown)'; message skipped")
            return
        }
        // Recipients.
        var recipients: [MailAddress] = []
        var seen = Set<String>()
        for raw in [h.to, h.cc, h.bcc] {
            guard let raw else { continue }
            let list = MailAddressList.parse(raw)
            for a in list.addresses {
                guard let address = MailAddressList.normalized(a.address) else {
                    issues.add(
                        .info, "recipient '\(Self.shown(Array(a.address.utf8)))' is not an e-mail address; left out",
                        line: messageLine, kind: "bad recipient")
                    continue
                }
                if seen.insert(address).inserted { recipients.append(MailAddress(name: a.name, address: address)) }
            }
            for bad in list.invalid where !bad.hasSuffix(":;") && !bad.isEmpty {
                issues.add(
                    .info, "recipient '\(Self.shown(Array(bad.utf8)))' is not an e-mail address; left out",
                    line: messageLine, kind: "bad recipient")
            }
        }
        let inReplyTo = h.inReplyTo.map(MessageIDs.hashes)?.first ?? 0
        let refs = h.references.map(MessageIDs.hashes) ?? []
        let subject: (hash: UInt64, isReply: Bool) = h.subject.map { MailSubject.hash(raw: $0) } ?? (0, false)
        var labels: GmailLabels = []
        if let raw = h.gmailLabels {
            for label in MailText.decode(raw).split(separator: ",") {
                switch label.trimmingCharacters(in: .whitespaces).lowercased() {
                case "sent": labels.insert(.sent)
                case "draft", "drafts": labels.insert(.draft)
                case "spam": labels.insert(.spam)
                case "chat", "chats": labels.insert(.chat)
                case "category promotions", "category social", "category updates", "category forums":
                    labels.insert(.category)
                default: break
                }
            }
        }
        let precedence = h.precedence.map(Self.token) ?? ""
        let auto = h.autoSubmitted.map(Self.token)
        let delivered =
            h.deliveredTo.map {
                MailAddressList.parse($0).addresses.compactMap { MailAddressList.normalized($0.address) }
            } ?? []
        messages.append(
            MailMessage(
                file: file, line: messageLine, from: MailAddress(name: first.name, address: fromAddress),
                recipients: recipients, date: date, id: h.messageID.map(MessageIDs.hashes)?.first ?? 0,
                inReplyTo: inReplyTo, firstReference: refs.first ?? 0, lastReference: refs.last ?? 0,
                subject: subject.hash, replySubject: subject.isReply,
                list: h.listID != nil || h.listUnsubscribe != nil || precedence == "list",
                bulk: precedence == "bulk" || precedence == "junk",
                autoSubmitted: auto.map { !$0.isEmpty && !$0.hasPrefix("no") } ?? false, labels: labels,
                deliveredTo: delivered, bodyHash: body.hash, bodyBytes: Int32(body.bytes)))
    }

    /// A one-word header value (`Precedence`, `Auto-Submitted`): blanks trimmed, ASCII lower-cased.
    static func token(_ raw: [UInt8]) -> String {
        var lo = 0
        var hi = raw.count
        while lo < hi, raw[lo] <= 32 { lo += 1 }
        while hi > lo, raw[hi - 1] <= 32 { hi -= 1 }
        return String(decoding: raw[lo..<hi].map(MailHeaderFields.lower), as: UTF8.self)
    }

    /// A header value for an issue: decoded, at most 80 characters.
    static func shown(_ raw: [UInt8]) -> String {
        let s = MailAddressList.collapse(MailText.decode(raw))
        return s.count > 80 ? String(s.prefix(77)) + "..." : s
    }

    /// Whether a `From ` line is a message separator (see ``MboxScanner``).
    static func isSeparator(_ l: UnsafeBufferPointer<UInt8>, prevBlank: Bool) -> Bool {
        guard startsWithFrom(l) else { return false }
        var n = l.count
        if n > 0, l[n - 1] == 13 { n -= 1 }
        // The sender token.
        var i = 5
        while i < n, l[i] == 32 { i += 1 }
        let senderStart = i
        while i < n, l[i] != 32, l[i] != 9 { i += 1 }
        guard i > senderStart, i < n else { return false }
        // A time `h:mm` and a year `19xx`/`20xx` after it.
        var time = false
        var year = false
        var weekday = false
        var month = false
        var j = i
        while j < n {
            while j < n, l[j] == 32 || l[j] == 9 { j += 1 }
            let s = j
            while j < n, l[j] != 32, l[j] != 9 { j += 1 }
            let len = j - s
            guard len > 0 else { continue }
            let c0 = l[s]
            if c0 >= 48 && c0 <= 57 {
                if len == 4, c0 == 49 || c0 == 50, (s..<j).allSatisfy({ l[$0] >= 48 && l[$0] <= 57 }) { year = true }
                if len >= 4, (s..<j).contains(where: { l[$0] == 58 }) { time = true }
            } else if len == 3 {
                let w = (UInt32(l[s] | 0x20) << 16) | (UInt32(l[s + 1] | 0x20) << 8) | UInt32(l[s + 2] | 0x20)
                if weekdays.contains(w) { weekday = true }
                if monthWords.contains(w) { month = true }
            }
        }
        guard time && year else { return false }
        return prevBlank || (weekday && month)
    }

    static let weekdays: Set<UInt32> = Set(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map(word3))
    static let monthWords: Set<UInt32> = Set(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].map(word3))
    static func word3(_ s: String) -> UInt32 {
        let b = Array(s.utf8)
        return (UInt32(b[0]) << 16) | (UInt32(b[1]) << 8) | UInt32(b[2])
    }
}

enum PartScannerLimits {
    static let maxLine = 1 << 20
}

/// The hash of the start of a body's own text, for mail-merge detection: blank lines, quoted
/// lines (`>`), MIME boundary and part-header lines, indented lines and a short greeting line
/// (`Hi Ana,`) are left out, so that one text sent to many people hashes alike.
struct BodyHasher {
    var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
    var bytes = 0

    mutating func add(_ l: UnsafeBufferPointer<UInt8>) {
        var n = l.count
        if n > 0, l[n - 1] == 13 { n -= 1 }
        guard n > 0 else { return }
        let c = l[0]
        if c == 62 || c == 32 || c == 9 { return }  // quote, continuation
        if c == 45 && n >= 2 && l[1] == 45 { return }  // --boundary, signature
        if (c == 67 || c == 99) && n >= 8 && (l[1] | 0x20) == 111 && (l[7] == 45 || l[7] == 58) { return }  // Content-
        if n < 40 && l[n - 1] == 44 { return }  // Hi Ana,
        let take = min(n, MboxScanner.bodyHashBytes - bytes)
        guard take > 0, let p = l.baseAddress else { return }
        var h = hash
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i + 8 <= take {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x1000_0000_01B3
            h ^= h >> 29
            i += 8
        }
        while i < take {
            h = (h ^ UInt64(p[i])) &* 0x1000_0000_01B3
            i += 1
        }
        // Line ends count as one separator whatever their form.
        hash = (h ^ 10) &* 0x1000_0000_01B3
        bytes += take
    }
}
