import Foundation
import WarmPathSupport
import WarmPathModel

#if canImport(Glibc)
    import Glibc
#endif

/// The header fields warmpath reads from a message, as raw bytes: the value after the colon with
/// leading blanks removed and folded lines joined by `\n` (kept, so that encoded words are
/// decoded line by line as RFC 2047 and Python's `email.header` do). Every other field
/// (`Received`, `Content-Type`, …) is passed over without a copy.
///
/// ```
/// var h = MailHeaderFields()
/// h.add(line: Array("Subject: =?utf-8?q?Caf=C3=A9?=".utf8))
/// MailText.decode(h.subject!)   // "Café"
/// ```
public struct MailHeaderFields: Sendable, Hashable {
    /// The fields read, by a small number; ``Field/other`` is everything else.
    public enum Field: UInt8, Sendable {
        case other, from, to, cc, bcc, date, messageID, inReplyTo, references, listID, listUnsubscribe
        case precedence, autoSubmitted, subject, deliveredTo, gmailLabels
    }

    public var from: [UInt8]?
    /// `To`, `Cc` and `Bcc`: repeated fields are joined with `,`.
    public var to: [UInt8]?
    public var cc: [UInt8]?
    public var bcc: [UInt8]?
    public var date: [UInt8]?
    public var messageID: [UInt8]?
    public var inReplyTo: [UInt8]?
    /// Repeated `References` fields are joined with a space.
    public var references: [UInt8]?
    public var listID: [UInt8]?
    public var listUnsubscribe: [UInt8]?
    public var precedence: [UInt8]?
    public var autoSubmitted: [UInt8]?
    public var subject: [UInt8]?
    /// Every `Delivered-To` (Gmail writes the account's address), joined with `,`.
    public var deliveredTo: [UInt8]?
    /// Gmail's labels (`X-Gmail-Labels: Inbox,Sent,Important`).
    public var gmailLabels: [UInt8]?
    /// Header fields seen (every name, read or not), for "no header at all" checks.
    public var fieldCount = 0
    /// The field the last line belonged to, for continuation lines.
    private var current: Field = .other
    /// Whether the current field is a repeat of one kept first (its continuation is dropped too).
    private var currentIgnored = false

    public init() {}

    /// Which field a header line starts, from its name (case-insensitive); nil when the line has
    /// no `name:` (not a header line).
    @inline(__always)
    static func field(of line: UnsafeBufferPointer<UInt8>) -> (Field, valueStart: Int)? {
        var i = 0
        let n = line.count
        while i < n {
            let b = line[i]
            if b == 58 /* : */ { break }
            // Field names are printable ASCII other than the colon (RFC 5322 §2.2), no blanks.
            if b <= 32 || b >= 127 { return nil }
            i += 1
        }
        guard i < n, i > 0 else { return nil }
        let name = UnsafeBufferPointer(rebasing: line[0..<i])
        return (Self.classify(name), i + 1)
    }

    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b | 0x20 : b }

    @inline(__always)
    static func equals(_ name: UnsafeBufferPointer<UInt8>, _ lit: StaticString) -> Bool {
        guard name.count == lit.utf8CodeUnitCount else { return false }
        let p = lit.utf8Start
        for k in 0..<name.count where lower(name[k]) != p[k] { return false }
        return true
    }

    static func classify(_ name: UnsafeBufferPointer<UInt8>) -> Field {
        switch name.count {
        case 2:
            if equals(name, "to") { return .to }
            if equals(name, "cc") { return .cc }
        case 3: if equals(name, "bcc") { return .bcc }
        case 4:
            if equals(name, "from") { return .from }
            if equals(name, "date") { return .date }
        case 7:
            if equals(name, "list-id") { return .listID }
            if equals(name, "subject") { return .subject }
        case 10:
            if equals(name, "message-id") { return .messageID }
            if equals(name, "references") { return .references }
            if equals(name, "precedence") { return .precedence }
        case 11: if equals(name, "in-reply-to") { return .inReplyTo }
        case 12: if equals(name, "delivered-to") { return .deliveredTo }
        case 14:
            if equals(name, "auto-submitted") { return .autoSubmitted }
            if equals(name, "x-gmail-labels") { return .gmailLabels }
        case 16: if equals(name, "list-unsubscribe") { return .listUnsubscribe }
        default: break
        }
        return .other
    }

    /// Adds one header line (without its line break). A line starting with a blank continues
    /// the field before it. Returns false when the line is neither a field nor a continuation
    /// (the header block has ended without its blank line).
    @discardableResult
    public mutating func add(line: [UInt8]) -> Bool {
        line.withUnsafeBufferPointer { add(line: $0) }
    }

    /// ``add(line:)`` over a buffer (the scanner's chunk).
    @discardableResult
    public mutating func add(line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = line.first else { return false }
        if first == 32 || first == 9 {
            // Continuation: only the fields we keep are copied.
            guard current != .other, !currentIgnored else { return fieldCount > 0 }
            append(current, line, from: 0, continuation: true)
            return true
        }
        guard let (field, start) = Self.field(of: line) else { return false }
        fieldCount += 1
        current = field
        currentIgnored = false
        guard field != .other else { return true }
        var s = start
        while s < line.count, line[s] == 32 || line[s] == 9 { s += 1 }
        append(field, line, from: s, continuation: false)
        return true
    }

    private mutating func append(_ field: Field, _ line: UnsafeBufferPointer<UInt8>, from s: Int, continuation: Bool) {
        // Keep one field for single-valued names (the first), join repeats of list-valued ones.
        var end = line.count
        while end > s, line[end - 1] == 13 { end -= 1 }
        let part = UnsafeBufferPointer(rebasing: line[s..<end])
        func put(_ v: inout [UInt8]?, joiner: UInt8?) {
            if continuation {
                v?.append(10)
                v?.append(contentsOf: part)
            } else if v == nil {
                v = Array(part)
            } else if let joiner {
                v!.append(joiner)
                v!.append(contentsOf: part)
            } else {
                currentIgnored = true
            }
        }
        // Repeats of single fields are ignored with their continuations.
        switch field {
        case .from: put(&from, joiner: nil)
        case .to: put(&to, joiner: 44)
        case .cc: put(&cc, joiner: 44)
        case .bcc: put(&bcc, joiner: 44)
        case .date: put(&date, joiner: nil)
        case .messageID: put(&messageID, joiner: nil)
        case .inReplyTo: put(&inReplyTo, joiner: nil)
        case .references: put(&references, joiner: 32)
        case .listID: put(&listID, joiner: nil)
        case .listUnsubscribe: put(&listUnsubscribe, joiner: nil)
        case .precedence: put(&precedence, joiner: nil)
        case .autoSubmitted: put(&autoSubmitted, joiner: nil)
        case .subject: put(&subject, joiner: nil)
        case .deliveredTo: put(&deliveredTo, joiner: 44)
        case .gmailLabels: put(&gmailLabels, joiner: 44)
        case .other: break
        }
    }
}

// MARK: - Unstructured text and RFC 2047 encoded words

/// Header text to a string: RFC 2047 encoded words (`=?charset?B|Q?…?=`, any charset iconv
/// knows, RFC 2231 language tags dropped), folded lines, and raw 8-bit text (UTF-8, else
/// Windows-1252).
///
/// The rules are those of Python's `str(email.header.make_header(email.header.decode_header(v)))`,
/// which the tests compare with (`fixtures/mail/rfc2047.json`, written by
/// `scripts/rfc2047-expected.py`): encoded words are found line by line, whitespace between two
/// encoded words is dropped, adjacent words in one charset are joined, and a space separates an
/// encoded word from plain text next to it. Where Python gives up (a charset it does not know,
/// bad base64) the word is kept as written instead.
///
/// ```
/// MailText.decode(Array("=?ISO-8859-1?Q?Andr=E9?= Pirard".utf8))  // "André Pirard"
/// MailText.decode(Array("=?utf-8?b?w6k?=".utf8))                   // "é"
/// ```
public enum MailText {
    /// One piece of a header line: plain text, or an encoded word's payload with its charset and
    /// encoding (`q` or `b`).
    struct Word {
        var bytes: [UInt8]
        var encoding: UInt8?  // 'q' or 'b' (lower-cased), nil for plain text
        var charset: String?
    }

    /// Decodes a header value (lines joined by `\n`, as ``MailHeaderFields`` keeps them).
    public static func decode(_ raw: [UInt8]) -> String {
        guard containsEncodedWord(raw) else { return plain(unfold(raw)) }
        var words: [Word] = []
        var lineStart = 0
        for i in 0...raw.count where i == raw.count || raw[i] == 10 {
            var end = i
            if end > lineStart, raw[end - 1] == 13 { end -= 1 }
            split(raw[lineStart..<end], into: &words)
            lineStart = i + 1
        }
        // Whitespace between two encoded words goes.
        var drop = Set<Int>()
        for n in words.indices where n > 1 {
            if words[n].encoding != nil && words[n - 2].encoding != nil && isSpace(words[n - 1].bytes) {
                drop.insert(n - 1)
            }
        }
        var decoded: [(bytes: [UInt8], charset: String?)] = []
        for (n, w) in words.enumerated() where !drop.contains(n) {
            switch w.encoding {
            case nil: decoded.append((w.bytes, nil))
            case 113:
                decoded.append((qDecode(w.bytes), w.charset))
            default:
                if let b = base64Decode(w.bytes) {
                    decoded.append((b, w.charset))
                } else {
                    // Bad base64: the word as written, as plain text.
                    decoded.append((Array("=?\(w.charset ?? "")?b?".utf8) + w.bytes + Array("?=".utf8), nil))
                }
            }
        }
        // Adjacent words of one charset join (plain text with a space).
        var collapsed: [(bytes: [UInt8], charset: String?)] = []
        for d in decoded {
            if let last = collapsed.last, last.charset == d.charset {
                if d.charset == nil { collapsed[collapsed.count - 1].bytes.append(32) }
                collapsed[collapsed.count - 1].bytes += d.bytes
            } else {
                collapsed.append(d)
            }
        }
        // To strings; then chunks of one normalised charset join with a space (make_header).
        var chunks: [(text: String, charset: String)] = []
        for c in collapsed {
            let cs = normalizedCharset(c.charset)
            let text = c.charset == nil ? plain(c.bytes) : (decodeBytes(c.bytes, charset: cs) ?? plain(c.bytes))
            if let last = chunks.last, last.charset == cs {
                chunks[chunks.count - 1].text += " " + text
            } else {
                chunks.append((text, cs))
            }
        }
        // A space where an encoded word meets plain text without one (Header.__str__).
        var out = ""
        var lastCharset: String?
        var lastSpace = false
        for (k, chunk) in chunks.enumerated() {
            var next: String? = chunk.charset
            if k > 0 {
                let hasSpace = chunk.text.first.map(isNonCText) ?? false
                if !isASCIICharset(lastCharset) {
                    if isASCIICharset(next) && !hasSpace {
                        out += " "
                        next = nil
                    }
                } else if !isASCIICharset(next) && !lastSpace {
                    out += " "
                }
            }
            lastSpace = chunk.text.last.map(isNonCText) ?? false
            lastCharset = next
            out += chunk.text
        }
        return out
    }

    static func isNonCText(_ c: Character) -> Bool { c.isWhitespace || c == "(" || c == ")" || c == "\\" }

    static func isASCIICharset(_ cs: String?) -> Bool { cs == nil || cs == "us-ascii" }

    static func isSpace(_ b: [UInt8]) -> Bool {
        !b.isEmpty && b.allSatisfy { $0 == 32 || $0 == 9 || $0 == 10 || $0 == 13 || $0 == 11 || $0 == 12 }
    }

    /// Python's `Charset` names: lower case, `latin-1` → `iso-8859-1`, `ascii` → `us-ascii`,
    /// `utf8` → `utf-8`; plain text is `us-ascii`.
    static func normalizedCharset(_ cs: String?) -> String {
        guard let cs else { return "us-ascii" }
        switch cs {
        case "ascii", "us-ascii": return "us-ascii"
        case "latin-1", "latin_1", "latin1", "l1": return "iso-8859-1"
        case "latin-2", "latin_2", "latin2", "l2": return "iso-8859-2"
        case "utf8", "utf_8": return "utf-8"
        default: return cs
        }
    }

    /// Whether `=?…?q|b?…?=` occurs on one line.
    static func containsEncodedWord(_ raw: [UInt8]) -> Bool {
        var i = 0
        while i + 1 < raw.count {
            if raw[i] == 61 && raw[i + 1] == 63, match(raw[...], at: i) != nil { return true }
            i += 1
        }
        return false
    }

    /// The parts of the encoded word starting at `i` (`=?` there), as Python's regex
    /// `=\?([^?]*?)\?([qQbB])\?(.*?)\?=` finds it within one line: the charset's range, the
    /// encoding (`q` or `b`, lower-cased), the payload's range and the index after `?=`. The one
    /// scanner behind ``match(_:at:)`` and ``encodedWordEnd(_:at:)``.
    @inline(__always)
    static func parts<C: RandomAccessCollection<UInt8>>(_ b: C, at i: Int)
        -> (charset: Range<Int>, encoding: UInt8, payload: Range<Int>, end: Int)? where C.Index == Int
    {
        let end = b.endIndex
        guard i + 1 < end, b[i] == 61, b[i + 1] == 63 else { return nil }
        var j = i + 2
        while j < end, b[j] != 63 {
            if b[j] == 10 { return nil }
            j += 1
        }
        guard j + 2 < end else { return nil }
        let e = b[j + 1] | 0x20
        guard e == 113 || e == 98, b[j + 2] == 63 else { return nil }
        var k = j + 3
        while k + 1 < end {
            if b[k] == 10 { return nil }
            if b[k] == 63 && b[k + 1] == 61 { return ((i + 2)..<j, e, (j + 3)..<k, k + 2) }
            k += 1
        }
        return nil
    }

    /// The encoded word starting at `i` (``parts(_:at:)``): (charset, encoding, payload range, end).
    static func match(_ line: ArraySlice<UInt8>, at i: Int) -> (String, UInt8, Range<Int>, Int)? {
        guard let p = parts(line, at: i) else { return nil }
        return (String(decoding: line[p.charset], as: UTF8.self).lowercased(), p.encoding, p.payload, p.end)
    }

    /// The end of the encoded word starting at `i`, or nil.
    static func encodedWordEnd(_ raw: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? { parts(raw, at: i)?.end }

    /// One line into plain and encoded words; the line's leading blanks go (Python lstrips the
    /// first plain part of each line).
    static func split(_ line: ArraySlice<UInt8>, into words: inout [Word]) {
        var plainStart = line.startIndex
        var first = true
        var i = line.startIndex
        func flushPlain(_ upTo: Int) {
            var s = plainStart
            if first {
                while s < upTo, line[s] == 32 || line[s] == 9 || line[s] == 11 || line[s] == 12 { s += 1 }
                first = false
            }
            if s < upTo { words.append(Word(bytes: Array(line[s..<upTo]), encoding: nil, charset: nil)) }
        }
        while i < line.endIndex {
            if line[i] == 61, let (cs, enc, payload, end) = match(line, at: i) {
                flushPlain(i)
                words.append(Word(bytes: Array(line[payload]), encoding: enc, charset: cs))
                i = end
                plainStart = end
                continue
            }
            i += 1
        }
        flushPlain(line.endIndex)
    }

    /// Q encoding: `_` is a space, `=XX` a byte; anything else as written.
    static func qDecode(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 95 {
                out.append(32)
            } else if c == 61, i + 2 < b.count, let h = hex(b[i + 1]), let l = hex(b[i + 2]) {
                out.append(h << 4 | l)
                i += 2
            } else {
                out.append(c)
            }
            i += 1
        }
        return out
    }

    @inline(__always)
    static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 65...70: c - 55
        case 97...102: c - 87
        default: nil
        }
    }

    /// Base64 as Python's lenient decoder reads it: characters outside the alphabet skipped,
    /// missing padding added; nil when one character is left over.
    static func base64Decode(_ b: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(b.count * 3 / 4)
        var acc: UInt32 = 0
        var n = 0
        for c in b {
            let v: UInt32
            switch c {
            case 65...90: v = UInt32(c - 65)
            case 97...122: v = UInt32(c - 71)
            case 48...57: v = UInt32(c + 4)
            case 43: v = 62
            case 47: v = 63
            default: v = 64
            }
            if v == 64 {
                // Padding ends the data once a group has two characters; other bytes are skipped.
                if c == 61 && n >= 2 { break }
                continue
            }
            acc = acc << 6 | v
            n += 1
            if n == 4 {
                out.append(UInt8(truncatingIfNeeded: acc >> 16))
                out.append(UInt8(truncatingIfNeeded: acc >> 8))
                out.append(UInt8(truncatingIfNeeded: acc))
                acc = 0
                n = 0
            }
        }
        switch n {
        case 0: break
        case 2: out.append(UInt8(truncatingIfNeeded: acc >> 4))
        case 3:
            out.append(UInt8(truncatingIfNeeded: acc >> 10))
            out.append(UInt8(truncatingIfNeeded: acc >> 2))
        default: return nil
        }
        return out
    }

    /// Removes the line breaks of folding (`\n`, `\r\n`), keeping the blanks after them.
    static func unfold(_ raw: [UInt8]) -> [UInt8] {
        guard raw.contains(10) else { return raw }
        return raw.filter { $0 != 10 && $0 != 13 }
    }

    /// Text that is not an encoded word: UTF-8 when it is valid (RFC 6532), else Windows-1252.
    static func plain(_ b: [UInt8]) -> String {
        if b.allSatisfy({ $0 < 0x80 }) { return String(decoding: b, as: UTF8.self) }
        if let s = String(validating: b, as: UTF8.self) { return s }
        return decodeBytes(b, charset: "windows-1252") ?? String(decoding: b, as: UTF8.self)
    }

    /// Bytes in a charset to a string; nil when the charset is unknown or the bytes are not valid
    /// in it.
    public static func decodeBytes(_ b: [UInt8], charset rawCharset: String) -> String? {
        var cs = rawCharset.lowercased().trimmingCharacters(in: .whitespaces)
        // RFC 2231 language tag: `utf-8*en`.
        if let star = cs.firstIndex(of: "*") { cs = String(cs[..<star]) }
        switch cs {
        case "utf-8", "utf8", "utf_8": return String(validating: b, as: UTF8.self)
        case "us-ascii", "ascii":
            return b.allSatisfy { $0 < 0x80 } ? String(decoding: b, as: UTF8.self) : nil
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "latin_1", "l1":
            var s = String.UnicodeScalarView()
            for c in b { s.append(Unicode.Scalar(c)) }
            return String(s)
        case "unknown-8bit", "x-unknown", "8bit", "x-user-defined":
            return plain(b)
        default: break
        }
        let name: String =
            switch cs {
            case "latin-2", "latin_2", "l2": "ISO-8859-2"
            case "ks_c_5601-1987": "CP949"
            case "iso-8859-8-i": "ISO-8859-8"
            default: cs.uppercased()
            }
        return iconvDecode(b, from: name)
    }

    static func iconvDecode(_ b: [UInt8], from charset: String) -> String? {
        #if canImport(Glibc)
            let cd = iconv_open("UTF-8", charset)
            guard let cd, cd != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
            defer { iconv_close(cd) }
            if b.isEmpty { return "" }
            var input = b.map { CChar(bitPattern: $0) }
            var output = [CChar](repeating: 0, count: b.count * 4 + 16)
            var inLeft = input.count
            var outLeft = output.count
            let ok = input.withUnsafeMutableBufferPointer { ib in
                output.withUnsafeMutableBufferPointer { ob in
                    var ip: UnsafeMutablePointer<CChar>? = ib.baseAddress
                    var op: UnsafeMutablePointer<CChar>? = ob.baseAddress
                    let r = iconv(cd, &ip, &inLeft, &op, &outLeft)
                    return r != -1 && inLeft == 0
                }
            }
            guard ok else { return nil }
            let bytes = output[0..<(output.count - outLeft)].map { UInt8(bitPattern: $0) }
            return String(validating: bytes, as: UTF8.self)
        #else
            return nil
        #endif
    }
}

// MARK: - Addresses

/// One mailbox of an address list: the display name (encoded words decoded, quotes and escapes
/// removed) and the address as written.
public struct MailAddress: Sendable, Hashable {
    public var name: String
    public var address: String

    public init(name: String, address: String) {
        self.name = name
        self.address = address
    }
}

/// RFC 5322 address lists (§3.4) with the obsolete forms seen in real mail: quoted display names
/// with escapes and commas, comments (`ana@x.org (Ana Ruiz)` names Ana), groups
/// (`Team: a@x.org, b@x.org;`, `undisclosed-recipients:;`), route addresses (`<@relay:ana@x.org>`),
/// encoded words in names, and missing commas between angle addresses.
///
/// ```
/// MailAddressList.parse(Array("\"Ruiz, Ana\" <ana@x.org>, Team: bo@y.org;".utf8)).addresses
/// // [("Ruiz, Ana", "ana@x.org"), ("", "bo@y.org")]
/// ```
public enum MailAddressList {
    public struct Result: Sendable, Hashable {
        public var addresses: [MailAddress]
        /// Items that are not a mailbox (no `@`, an unclosed `<` or quote), as written.
        public var invalid: [String]
    }

    /// A token of the item being read, as a range of the raw bytes (no copy).
    struct Token {
        enum Kind: UInt8 { case word, quoted, special, space }
        var kind: Kind
        /// The bytes (for `quoted`: the content between the quotes, escapes still in).
        var lo: Int
        var hi: Int
    }

    public static func parse(_ raw: [UInt8]) -> Result {
        var result = Result(addresses: [], invalid: [])
        raw.withUnsafeBufferPointer { parse($0, into: &result) }
        return result
    }

    static func parse(_ raw: UnsafeBufferPointer<UInt8>, into result: inout Result) {
        var phrase: [Token] = []  // tokens of the current item before any `<`
        phrase.reserveCapacity(8)
        var angle: Range<Int>?  // the `<…>` content once seen
        var comment: Range<Int>?  // the last comment's content
        var inGroup = false
        var broken = false
        var i = 0
        let n = raw.count

        func isBlank(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 }

        func finishItem() {
            defer {
                phrase.removeAll(keepingCapacity: true)
                angle = nil
                comment = nil
                broken = false
            }
            let hasContent = angle != nil || phrase.contains { $0.kind != .space }
            guard hasContent else { return }
            if broken {
                result.invalid.append(itemText())
                return
            }
            if let a = angle {
                let addr = angleAddress(raw, a)
                guard isMailbox(addr) else {
                    result.invalid.append(itemText())
                    return
                }
                result.addresses.append(MailAddress(name: phraseText(raw, phrase), address: addr))
                return
            }
            // addr-spec: tokens joined without blanks.
            var spec: [UInt8] = []
            for t in phrase {
                switch t.kind {
                case .word: spec += raw[t.lo..<t.hi]
                case .quoted:
                    spec.append(34)
                    unescape(raw, t.lo..<t.hi, into: &spec)
                    spec.append(34)
                case .special: spec.append(raw[t.lo])
                case .space: break
                }
            }
            let addr = String(decoding: spec, as: UTF8.self)
            guard isMailbox(addr) else {
                result.invalid.append(itemText())
                return
            }
            var name = ""
            if let c = comment {
                var text: [UInt8] = []
                unescape(raw, c, into: &text)
                name = collapse(MailText.decode(text))
            }
            result.addresses.append(MailAddress(name: name, address: addr))
        }

        func itemText() -> String {
            var s: [UInt8] = []
            for t in phrase {
                switch t.kind {
                case .word: s += raw[t.lo..<t.hi]
                case .quoted:
                    s.append(34)
                    unescape(raw, t.lo..<t.hi, into: &s)
                    s.append(34)
                case .special: s.append(raw[t.lo])
                case .space: s.append(32)
                }
            }
            if let a = angle {
                s.append(60)
                s += raw[a].filter { !isBlank($0) }
                s.append(62)
            }
            return String(decoding: s, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        }

        while i < n {
            let c = raw[i]
            switch c {
            case 32, 9, 10, 13:
                if let last = phrase.last, last.kind != .space { phrase.append(Token(kind: .space, lo: i, hi: i + 1)) }
                i += 1
            case 34:  // quoted string
                let start = i + 1
                i += 1
                var closed = false
                while i < n {
                    if raw[i] == 92, i + 1 < n {
                        i += 2
                        continue
                    }
                    if raw[i] == 34 {
                        closed = true
                        break
                    }
                    i += 1
                }
                phrase.append(Token(kind: .quoted, lo: start, hi: min(i, n)))
                if closed { i += 1 } else { broken = true }
            case 40:  // comment, nested
                var depth = 1
                let start = i + 1
                i += 1
                var end = n
                while i < n {
                    let d = raw[i]
                    if d == 92, i + 1 < n {
                        i += 2
                        continue
                    }
                    if d == 40 { depth += 1 }
                    if d == 41 {
                        depth -= 1
                        if depth == 0 {
                            end = i
                            i += 1
                            break
                        }
                    }
                    i += 1
                }
                comment = start..<min(end, n)
                if !phrase.isEmpty, angle == nil { phrase.append(Token(kind: .space, lo: start, hi: start)) }
            case 60:  // <addr>
                let start = i + 1
                i += 1
                var closed = false
                while i < n {
                    if raw[i] == 62 {
                        closed = true
                        break
                    }
                    if raw[i] == 34 {
                        // A quoted local part inside the angle brackets.
                        i += 1
                        while i < n, raw[i] != 34 { i += raw[i] == 92 && i + 1 < n ? 2 : 1 }
                    }
                    i += 1
                }
                let a = start..<min(i, n)
                if closed { i += 1 } else { broken = true }
                if angle != nil {
                    // Two angle addresses without a comma between them: two items.
                    finishItem()
                }
                angle = a
            case 44:  // ,
                finishItem()
                i += 1
            case 58:  // : starts a group unless it is part of an address
                if angle == nil, !inGroup, !phrase.contains(where: { $0.kind == .special && raw[$0.lo] == 64 }) {
                    phrase.removeAll(keepingCapacity: true)
                    comment = nil
                    inGroup = true
                } else {
                    phrase.append(Token(kind: .special, lo: i, hi: i + 1))
                }
                i += 1
            case 59:  // ; ends a group
                finishItem()
                inGroup = false
                i += 1
            case 64, 46, 62:
                phrase.append(Token(kind: .special, lo: i, hi: i + 1))
                i += 1
            default:
                let start = i
                while i < n {
                    let d = raw[i]
                    if d == 32 || d == 9 || d == 10 || d == 13 || d == 34 || d == 40 || d == 60 || d == 44 || d == 58
                        || d == 59 || d == 64 || d == 46 || d == 62
                    {
                        // An encoded word may hold `.`, `@`, `:` or `,`: keep it whole. Only
                        // when it ends past this byte: a word that goes on after its `?=`
                        // (`=?…?=o:`) would otherwise send `i` back for ever (fuzz finding mail-1).
                        if !isBlank(d), i - start >= 2, raw[start] == 61, raw[start + 1] == 63,
                            let end = MailText.encodedWordEnd(raw, at: start), end > i
                        {
                            i = end
                            continue
                        }
                        break
                    }
                    i += 1
                }
                phrase.append(Token(kind: .word, lo: start, hi: i))
            }
        }
        finishItem()
    }

    /// Quoted-string or comment content: backslash escapes removed, line breaks dropped.
    static func unescape(_ raw: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, into out: inout [UInt8]) {
        var i = r.lowerBound
        while i < r.upperBound {
            let c = raw[i]
            if c == 92, i + 1 < r.upperBound {
                out.append(raw[i + 1])
                i += 2
                continue
            }
            if c != 10 && c != 13 { out.append(c) }
            i += 1
        }
    }

    /// The `<…>` content without blanks, a quoted local part kept with its quotes and escapes
    /// removed, a source route (`@relay1,@relay2:`) dropped.
    static func angleAddress(_ raw: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
        var a: [UInt8] = []
        a.reserveCapacity(r.count)
        var i = r.lowerBound
        while i < r.upperBound {
            let c = raw[i]
            if c == 34 {
                a.append(34)
                i += 1
                while i < r.upperBound, raw[i] != 34 {
                    if raw[i] == 92, i + 1 < r.upperBound { i += 1 }
                    a.append(raw[i])
                    i += 1
                }
                if i < r.upperBound { a.append(34) }
                i += 1
                continue
            }
            if c != 32 && c != 9 && c != 10 && c != 13 { a.append(c) }
            i += 1
        }
        var s = a[...]
        if s.first == 64, let colon = s.firstIndex(of: 58) { s = s[(colon + 1)...] }
        return String(decoding: s, as: UTF8.self)
    }

    static func isMailbox(_ s: String) -> Bool {
        let u = s.utf8
        guard let at = u.lastIndex(of: 64), at != u.startIndex, u.index(after: at) != u.endIndex else { return false }
        return true
    }

    /// The display name of a phrase: words and quoted strings, encoded words decoded (also inside
    /// quotes, as most clients do), blanks collapsed.
    static func phraseText(_ raw: UnsafeBufferPointer<UInt8>, _ phrase: [Token]) -> String {
        var lo = 0
        var hi = phrase.count
        while lo < hi, phrase[lo].kind == .space { lo += 1 }
        while hi > lo, phrase[hi - 1].kind == .space { hi -= 1 }
        guard lo < hi else { return "" }
        var out: [UInt8] = []
        for t in phrase[lo..<hi] {
            switch t.kind {
            case .word: out += raw[t.lo..<t.hi]
            case .quoted: unescape(raw, t.lo..<t.hi, into: &out)
            case .special: out.append(raw[t.lo])
            case .space: out.append(32)
            }
        }
        return collapse(MailText.decode(out))
    }

    /// Blanks collapsed to one space, none at either end.
    static func collapse(_ s: String) -> String {
        var needed = false
        var prevBlank = true
        for c in s.utf8 {
            let blank = c == 32 || c == 9 || c == 10 || c == 13
            if blank && (c != 32 || prevBlank) {
                needed = true
                break
            }
            prevBlank = blank
        }
        if !needed && !(prevBlank && !s.isEmpty) { return s }
        return s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }

    /// ``IdentityNormalizer/email(_:)`` without Foundation for ASCII addresses (the same rule:
    /// blanks and `mailto:` and `<>` removed, lower-cased, an `@` with a dot after it, no space).
    public static func normalized(_ address: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(address.utf8.count)
        for c in address.utf8 {
            if c >= 0x80 { return IdentityNormalizer.email(address) }
            bytes.append(c)
        }
        var lo = 0
        var hi = bytes.count
        func blank(_ c: UInt8) -> Bool { c == 32 || (c >= 9 && c <= 13) }
        while lo < hi, blank(bytes[lo]) { lo += 1 }
        while hi > lo, blank(bytes[hi - 1]) { hi -= 1 }
        if hi - lo >= 7, bytes[lo..<(lo + 7)].map({ $0 | 0x20 }) == Array("mailto:".utf8) { lo += 7 }
        if hi - lo >= 2, bytes[lo] == 60, bytes[hi - 1] == 62 {
            lo += 1
            hi -= 1
        }
        var at = -1
        var dotAfterAt = false
        for k in lo..<hi {
            var c = bytes[k]
            if c == 32 { return nil }
            if c >= 65 && c <= 90 {
                c |= 0x20
                bytes[k] = c
            }
            if c == 64 && at < 0 { at = k } else if c == 46 && at >= 0 { dotAfterAt = true }
        }
        guard at > lo, dotAfterAt else { return nil }
        return String(decoding: bytes[lo..<hi], as: UTF8.self)
    }
}

// MARK: - Dates

/// RFC 5322 dates (§3.3 and the obsolete forms of §4.3): optional weekday, one- or two-digit
/// day, month name, two-, three- or four-digit year, seconds optional, numeric zone or
/// `UT`/`GMT`/`EST`…/military letters, comments; anything else goes to ``DateParser``.
///
/// ```
/// MailDate.read(Array("Tue, 5 Mar 2024 09:15:00 +0100 (CET)".utf8))  // .date(1709626500)
/// ```
public enum MailDate {
    static let months: [String: Int] = [
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10,
        "nov": 11, "dec": 12,
    ]
    /// Zone names and their offsets in minutes (RFC 5322 §4.3; military letters are -0000).
    static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "ast": -240, "adt": -180, "est": -300, "edt": -240, "cst": -360,
        "cdt": -300, "mst": -420, "mdt": -360, "pst": -480, "pdt": -420,
    ]

    public static func read(_ raw: [UInt8]) -> DateParser.Reading {
        // Tokens: words, numbers, `:`-joined times, signed zones; comments dropped.
        var tokens: [[UInt8]] = []
        var cur: [UInt8] = []
        var depth = 0
        for c in raw {
            if depth > 0 {
                if c == 40 { depth += 1 } else if c == 41 { depth -= 1 }
                continue
            }
            switch c {
            case 40:
                if !cur.isEmpty { tokens.append(cur) }
                cur = []
                depth = 1
            case 32, 9, 10, 13, 44:
                if !cur.isEmpty { tokens.append(cur) }
                cur = []
            case 45 where !cur.isEmpty && cur.allSatisfy({ $0 >= 48 && $0 <= 57 }) && cur.count <= 2:
                // `1-Jan-2024`
                tokens.append(cur)
                cur = []
            case 45 where !cur.isEmpty && cur.allSatisfy({ ($0 | 0x20) >= 97 && ($0 | 0x20) <= 122 }):
                tokens.append(cur)
                cur = []
            default:
                cur.append(c)
            }
        }
        if !cur.isEmpty { tokens.append(cur) }
        if let r = rfc5322(tokens) { return r }
        // Other shapes (ISO 8601, asctime): the general parser.
        let text = String(decoding: MailText.unfold(raw), as: UTF8.self)
        return DateParser.read(text)
    }

    static func number(_ t: [UInt8]) -> Int? {
        guard !t.isEmpty, t.count <= 4, t.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return t.reduce(0) { $0 * 10 + Int($1 - 48) }
    }

    static func rfc5322(_ all: [[UInt8]]) -> DateParser.Reading? {
        var t = all[...]
        // Weekday.
        if let f = t.first, f.count >= 3, number(f) == nil, months[lowerPrefix(f)] == nil { t = t.dropFirst() }
        guard t.count >= 3 else { return nil }
        var day: Int
        var month: Int
        if let d = number(t[t.startIndex]), let m = months[lowerPrefix(t[t.startIndex + 1])] {
            day = d
            month = m
        } else if let m = months[lowerPrefix(t[t.startIndex])], let d = number(t[t.startIndex + 1]) {
            // `Jan 5 2024 …` (seen from broken clients)
            day = d
            month = m
        } else {
            return nil
        }
        t = t.dropFirst(2)
        guard let yearToken = t.first, var year = number(yearToken) else { return nil }
        if yearToken.count == 2 { year += year < 50 ? 2000 : 1900 } else if yearToken.count == 3 { year += 1900 }
        t = t.dropFirst()
        var hour = 0
        var minute = 0
        var second = 0
        if let time = t.first, time.contains(58) {
            let parts = time.split(separator: 58, omittingEmptySubsequences: false).map { number(Array($0)) }
            guard parts.count == 2 || parts.count == 3, let h = parts[0], let m = parts[1] else { return nil }
            hour = h
            minute = m
            if parts.count == 3 {
                guard let s = parts[2] else { return nil }
                second = s
            }
            t = t.dropFirst()
        } else {
            return nil
        }
        var offset = 0
        if let z = t.first {
            if z.first == 43 || z.first == 45 {
                var digits = Array(z.dropFirst())
                if digits.count == 5, digits[2] == 58 { digits.remove(at: 2) }
                guard digits.count == 4, let v = number(digits) else { return nil }
                offset = (v / 100) * 60 + v % 100
                if z.first == 45 { offset = -offset }
            } else {
                let name = String(decoding: z, as: UTF8.self).lowercased()
                if let o = zones[name] {
                    offset = o
                } else if name.count == 1 {
                    offset = 0
                } else if name.hasPrefix("gmt") || name.hasPrefix("utc") {
                    // `GMT+0100`
                    let rest = Array(z.dropFirst(3))
                    if rest.isEmpty {
                        offset = 0
                    } else if rest.first == 43 || rest.first == 45, let v = number(Array(rest.dropFirst())) {
                        offset = rest.count <= 3 ? v * 60 : (v / 100) * 60 + v % 100
                        if rest.first == 45 { offset = -offset }
                    } else {
                        return nil
                    }
                } else {
                    offset = 0  // an unknown zone name counts as UTC
                }
            }
        }
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year), hour <= 23,
            minute <= 59, second <= 60
        else { return .unreadable }
        let days = ReportDate.days(year: year, month: month, day: day)
        let seconds =
            Double(days) * 86_400 + Double(hour * 3600 + minute * 60 + min(second, 59)) - Double(offset * 60)
        return DateParser.isPlausible(seconds) ? .date(seconds) : .outOfRange(seconds)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func lowerPrefix(_ t: [UInt8]) -> String {
        guard t.count >= 3 else { return "" }
        return String(decoding: t.prefix(3).map(MailHeaderFields.lower), as: UTF8.self)
    }
}

// MARK: - Message ids and subjects

/// `Message-ID`, `In-Reply-To` and `References` as 64-bit hashes of the id between `<` and `>`
/// (case kept, as RFC 5322 compares them), so a thread index holds no text.
public enum MessageIDs {
    /// The ids in a field, in order: `<…>` tokens, or the whole trimmed value when it has none.
    public static func hashes(_ raw: [UInt8]) -> [UInt64] {
        var out: [UInt64] = []
        var i = 0
        while i < raw.count {
            if raw[i] == 60, let close = raw[(i + 1)...].firstIndex(of: 62) {
                let id = raw[(i + 1)..<close].filter { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }
                if !id.isEmpty { out.append(hash(id)) }
                i = close + 1
            } else {
                i += 1
            }
        }
        if out.isEmpty {
            let id = raw.filter { $0 != 32 && $0 != 9 && $0 != 10 && $0 != 13 }
            if id.contains(64) { out.append(hash(id)) }
        }
        return out
    }

    static func hash(_ b: [UInt8]) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for c in b {
            h ^= UInt64(c)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h == 0 ? 1 : h
    }
}

/// Subjects reduced for threading: reply and forward prefixes (`Re:`, `AW:`, `SV:`, `Fwd:`, …)
/// and `[list]` tags removed, case and blanks folded.
public enum MailSubject {
    static let replyPrefixes: Set<String> = [
        "re", "aw", "sv", "vs", "antw", "r", "ref", "rif", "odp", "res", "回复", "答复",
    ]
    static let forwardPrefixes: Set<String> = ["fw", "fwd", "wg", "tr", "rv", "enc", "doorst", "转发"]

    /// The hash of the reduced subject of a raw `Subject` value (0 for an empty one) and whether
    /// it carried a reply prefix: bytes only for plain ASCII, else through ``MailText`` and
    /// ``reduce(_:)`` (the same hash either way).
    public static func hash(raw: [UInt8]) -> (hash: UInt64, isReply: Bool) {
        var ascii = true
        var i = 0
        while i < raw.count {
            let c = raw[i]
            if c >= 0x80 || (c == 61 && i + 1 < raw.count && raw[i + 1] == 63) {
                ascii = false
                break
            }
            i += 1
        }
        guard ascii else {
            let r = reduce(MailText.decode(raw))
            return (r.key.isEmpty ? 0 : MessageIDs.hash(Array(r.key.utf8)), r.isReply)
        }
        var b: [UInt8] = []
        b.reserveCapacity(raw.count)
        for c in raw where c != 10 && c != 13 { b.append(c >= 65 && c <= 90 ? c | 0x20 : c) }
        let n = b.count
        var lo = 0
        var isReply = false
        while true {
            while lo < n, b[lo] == 32 || b[lo] == 9 { lo += 1 }
            if lo < n, b[lo] == 91, let close = b[lo...].firstIndex(of: 93) {
                lo = close + 1
                continue
            }
            guard let colon = b[lo...].firstIndex(of: 58), colon - lo <= 8 else { break }
            var ws = lo
            var we = colon
            while ws < we, b[ws] == 32 || b[ws] == 9 { ws += 1 }
            while we > ws, b[we - 1] == 32 || b[we - 1] == 9 { we -= 1 }
            if let cut = b[ws..<we].firstIndex(where: { $0 == 91 || $0 == 94 }) { we = cut }
            while ws < we, b[ws] == 46 { ws += 1 }
            while we > ws, b[we - 1] == 46 { we -= 1 }
            let word = String(decoding: b[ws..<we], as: UTF8.self)
            if replyPrefixes.contains(word) {
                isReply = true
            } else if !forwardPrefixes.contains(word) {
                break
            }
            lo = colon + 1
        }
        // Words joined by one space, hashed as MessageIDs.hash hashes the key's bytes.
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var any = false
        var k = lo
        while k < n {
            while k < n, b[k] == 32 || (b[k] >= 9 && b[k] <= 13) { k += 1 }
            guard k < n else { break }
            if any {
                h ^= 32
                h = h &* 0x0000_0100_0000_01b3
            }
            while k < n, !(b[k] == 32 || (b[k] >= 9 && b[k] <= 13)) {
                h ^= UInt64(b[k])
                h = h &* 0x0000_0100_0000_01b3
                k += 1
            }
            any = true
        }
        return (any ? (h == 0 ? 1 : h) : 0, isReply)
    }

    /// The reduced subject and whether it carried a reply prefix.
    public static func reduce(_ subject: String) -> (key: String, isReply: Bool) {
        var s = Substring(subject.lowercased())
        var isReply = false
        while true {
            s = s.drop(while: { $0 == " " || $0 == "\t" })
            if s.first == "[", let close = s.firstIndex(of: "]") {
                s = s[s.index(after: close)...]
                continue
            }
            guard let colon = s.firstIndex(where: { $0 == ":" || $0 == "：" }),
                s.distance(from: s.startIndex, to: colon) <= 8
            else { break }
            var word = s[..<colon].trimmingCharacters(in: .whitespaces)
            // `Re[2]:`, `RE^2:`
            if let b = word.firstIndex(where: { $0 == "[" || $0 == "^" }) { word = String(word[..<b]) }
            word = word.trimmingCharacters(in: CharacterSet(charactersIn: ".")).lowercased()
            if replyPrefixes.contains(word) {
                isReply = true
            } else if !forwardPrefixes.contains(word) {
                break
            }
            s = s[s.index(after: colon)...]
        }
        let key = s.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return (key, isReply)
    }
}
