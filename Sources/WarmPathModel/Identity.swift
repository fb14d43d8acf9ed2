import Foundation
import WarmPathSupport

/// A key that identifies a person across sources.
///
/// Deterministic keys (`profileURL`, `email`, `xAccount`) are safe to merge on; `node` keys
/// identify a node inside one graph file; `name` keys are weak and only used when a source gives
/// nothing better (Facebook, 2018 LinkedIn messages), and then scoped to that source.
public enum IdentityKey: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    case profileURL(String)
    case email(String)
    case xAccount(String)
    case phone(String)
    /// A node id in one graph file: (source label, node id).
    case node(source: String, id: String)
    /// A normalised display name scoped to one source (weak).
    case name(source: String, name: String)

    /// Deterministic keys merge people across sources on their own.
    public var isDeterministic: Bool {
        switch self {
        case .profileURL, .email, .xAccount: true
        case .phone, .node, .name: false
        }
    }

    /// Lower is better when choosing the key that names a person's stable id.
    var rank: Int {
        switch self {
        case .profileURL: 0
        case .email: 1
        case .xAccount: 2
        case .phone: 3
        case .node: 4
        case .name: 5
        }
    }

    public var description: String {
        switch self {
        case .profileURL(let u): "url:\(u)"
        case .email(let e): "email:\(e)"
        case .xAccount(let id): "x:\(id)"
        case .phone(let p): "tel:\(p)"
        case .node(let s, let id): "node:\(s):\(id)"
        case .name(let s, let n): "name:\(s):\(n)"
        }
    }

    public static func < (lhs: IdentityKey, rhs: IdentityKey) -> Bool {
        if lhs.rank != rhs.rank { return lhs.rank < rhs.rank }
        return lhs.description < rhs.description
    }
}

/// A person's stable identifier, derived from their best identity key so that next week's
/// export of the same person gets the same id.
public struct PersonID: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `p` + 16 hex digits of FNV-1a 64 over the key's text.
    public init(key: IdentityKey) {
        self.rawValue = "p" + StableHash.hex(key.description)
    }

    public var description: String { rawValue }
    public static func < (lhs: PersonID, rhs: PersonID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// FNV-1a 64-bit: stable across runs and platforms (unlike `Hasher`).
public enum StableHash {
    public static func fnv1a(_ text: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in text.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    public static func hex(_ text: String) -> String {
        let v = fnv1a(text)
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}

/// Normalisation of the values that join identities.
public enum IdentityNormalizer {
    /// Canonical LinkedIn-style profile URL: scheme added, host lower-cased (`www.` kept for
    /// linkedin.com, `linkedin.com` → `www.linkedin.com`), percent-decoded, query and fragment
    /// dropped, trailing slash dropped, `/in/slug` lower-cased. Returns nil for an empty value,
    /// a URN (`urn:li:member:…`, which cannot be joined to a URL) or something that is not a URL.
    ///
    /// ```
    /// canonicalProfileURL("www.linkedin.com/in/Marta-Olsen/") == "https://www.linkedin.com/in/marta-olsen"
    /// ```
    public static func canonicalProfileURL(_ raw: String) -> String? {
        // Byte-level: this runs for every row of every export, so no Foundation string search.
        var b = Array(raw.utf8)
        while let f = b.first, f == 0x20 || f == 0x09 || f == 0x0A || f == 0x0D { b.removeFirst() }
        while let l = b.last, l == 0x20 || l == 0x09 || l == 0x0A || l == 0x0D { b.removeLast() }
        if b.isEmpty { return nil }
        if b.count <= 4, isPlaceholder(String(decoding: b, as: UTF8.self)) { return nil }
        func lower(_ c: UInt8) -> UInt8 { c >= 0x41 && c <= 0x5A ? c + 32 : c }
        // `urn:…` identifiers are not URLs.
        if b.count >= 4, lower(b[0]) == 0x75, lower(b[1]) == 0x72, lower(b[2]) == 0x6E, b[3] == 0x3A { return nil }
        var start = 0
        if let i = firstIndex(of: [0x3A, 0x2F, 0x2F], in: b) {  // ://
            start = i + 3
        } else if b.starts(with: [0x2F, 0x2F]) {
            start = 2
        }
        var slash = b.count
        for i in start..<b.count where b[i] == 0x2F {
            slash = i
            break
        }
        var host = Array(b[start..<slash]).map(lower)
        var path = Array(b[slash...])
        if let q = path.firstIndex(where: { $0 == 0x3F || $0 == 0x23 }) { path.removeSubrange(q...) }
        if let at = host.lastIndex(of: 0x40) { host.removeSubrange(...at) }
        if let colon = host.firstIndex(of: 0x3A) { host.removeSubrange(colon...) }
        guard !host.isEmpty, host.contains(0x2E) else { return nil }
        var hostText = String(decoding: host, as: UTF8.self)
        if hostText == "linkedin.com" || hostText.hasSuffix(".linkedin.com") { hostText = "www.linkedin.com" }
        var pathText = String(decoding: path, as: UTF8.self)
        if path.contains(0x25) { pathText = pathText.removingPercentEncoding ?? pathText }
        while pathText.utf8.count > 1 && pathText.hasSuffix("/") { pathText.removeLast() }
        if pathText == "/" { pathText = "" }
        if hostText == "www.linkedin.com" {
            pathText = pathText.lowercased()
            let parts = pathText.split(separator: "/", omittingEmptySubsequences: true)
            if parts.count >= 2 && parts[0] == "in" { pathText = "/in/" + parts[1] }
        }
        return "https://" + hostText + pathText
    }

    private static func firstIndex(of needle: [UInt8], in hay: [UInt8]) -> Int? {
        guard hay.count >= needle.count else { return nil }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] {
            if hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
        }
        return nil
    }

    /// Lower-cased, trimmed e-mail; nil when it does not look like one.
    public static func email(_ raw: String) -> String? {
        var s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if s.lowercased().hasPrefix("mailto:") { s.removeFirst(7) }
        if s.hasPrefix("<") && s.hasSuffix(">") { s = String(s.dropFirst().dropLast()) }
        s = s.lowercased()
        guard let at = s.firstIndex(of: "@"), at != s.startIndex, s[s.index(after: at)...].contains("."),
            !s.contains(" ")
        else { return nil }
        return s
    }

    /// Digits only with a leading `+` kept; nil when fewer than 6 digits.
    public static func phone(_ raw: String) -> String? {
        var out = ""
        for ch in raw.trimmingCharacters(in: .whitespaces) {
            if ch.isASCII && ch.isNumber { out.append(ch) } else if ch == "+" && out.isEmpty { out.append(ch) }
        }
        return out.filter(\.isNumber).count >= 6 ? out : nil
    }

    /// Literal placeholders that exports and spreadsheets put in empty cells.
    public static func isPlaceholder(_ s: String) -> Bool {
        switch s.lowercased() {
        case "na", "n/a", "null", "none", "nil", "-": true
        default: false
        }
    }

    /// Display name cleaned for showing: bidi and format controls removed, whitespace collapsed.
    /// The original spelling (emoji, credentials, fancy letters) is kept.
    public static func displayName(_ raw: String) -> String {
        var scalars = String.UnicodeScalarView()
        var lastWasSpace = true
        for u in raw.unicodeScalars {
            if isBidiOrFormatControl(u) { continue }
            if u.properties.isWhitespace {
                if !lastWasSpace { scalars.append(" ") }
                lastWasSpace = true
            } else {
                scalars.append(u)
                lastWasSpace = false
            }
        }
        var s = String(scalars)
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }

    /// Name for matching only: NFKC (fancy mathematical letters become plain), case and
    /// diacritics folded, credentials after a comma removed (`Olsen, PMP` → `olsen`), emoji,
    /// punctuation and bidi controls removed, whitespace collapsed.
    public static func matchName(_ raw: String) -> String {
        asciiMatchName(raw) ?? unicodeMatchName(raw)
    }

    static func unicodeMatchName(_ raw: String) -> String {
        var s = raw.precomposedStringWithCompatibilityMapping
        if let comma = s.firstIndex(of: ",") { s = String(s[..<comma]) }
        s = s.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        var lastSpace = true
        for u in s.unicodeScalars {
            if u.properties.isAlphabetic || (u.properties.numericType != nil && u.isASCII) {
                out.unicodeScalars.append(u)
                lastSpace = false
            } else if (u.properties.isWhitespace || u == "-" || u == "." || u == "'") && !lastSpace {
                out.append(" ")
                lastSpace = true
            }
        }
        while out.hasSuffix(" ") { out.removeLast() }
        return out
    }

    /// ``matchName(_:)`` of an all-ASCII name on bytes (the Unicode steps are the identity on
    /// ASCII apart from case folding); nil when the name has other characters.
    static func asciiMatchName(_ raw: String) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(raw.utf8.count)
        var lastSpace = true
        for c in raw.utf8 {
            if c >= 0x80 { return nil }
            if c == 44 { break }  // ","
            switch c {
            case 65...90: out.append(c | 0x20); lastSpace = false
            case 97...122, 48...57: out.append(c); lastSpace = false
            case 9...13, 32, 45, 46, 39:
                if !lastSpace { out.append(32); lastSpace = true }
            default: break
            }
        }
        while out.last == 32 { out.removeLast() }
        return String(decoding: out, as: UTF8.self)
    }

    static func isBidiOrFormatControl(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF: return u.value != 0x200D
        default: return false
        }
    }
}
