import WarmPathSupport
import WarmPathModel

/// A parsed JSON value: a compact tree that keeps object member order and the exact text of
/// every number.
///
/// Numbers are never converted on parsing, so a 19-digit X account id survives unchanged
/// (`int64Value`, `numberText`); use ``doubleValue`` only for measurements. Objects keep
/// duplicate keys in file order; ``subscript(_:)-(String)`` returns the last one (as most
/// JSON libraries do).
///
/// ```swift
/// let v = try JSONReader.parse(Data(#"{"a": [1, {"id": 12345678901234567890}]}"#.utf8))
/// v["a"]?[1]?["id"]?.numberText   // "12345678901234567890"
/// v.value(at: "a[0]")?.int64Value // 1
/// ```
public enum JSONValue: Sendable, Equatable, CustomStringConvertible {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number with its exact text as written (for example `-0.5e3`, `1187654321098765432`).
    case number(String)
    /// A string with every escape decoded.
    case string(String)
    /// Elements in file order.
    case array([JSONValue])
    /// Members in file order; duplicate keys are kept.
    case object([(String, JSONValue)])

    /// Structural equality (numbers compare by their text, objects by members in order).
    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            guard x.count == y.count else { return false }
            for i in x.indices where x[i].0 != y[i].0 || x[i].1 != y[i].1 { return false }
            return true
        default: return false
        }
    }

    // MARK: Lookup

    /// The value of member `key` (the last one when the key is repeated); nil when this is not
    /// an object or the key is absent.
    public subscript(_ key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        var i = members.count - 1
        while i >= 0 {
            if members[i].0 == key { return members[i].1 }
            i -= 1
        }
        return nil
    }

    /// Element `index` of an array; nil when out of range or not an array.
    public subscript(_ index: Int) -> JSONValue? {
        guard case .array(let items) = self, index >= 0, index < items.count else { return nil }
        return items[index]
    }

    /// Follows a path of keys and indices written `a.b[0].c` (keys containing `.` or `[` can be
    /// written `["a.b"]`); the empty path is the value itself. Nil when any step is missing.
    public func value(at path: String) -> JSONValue? {
        guard let steps = JSONPath.parse(path) else { return nil }
        var current = self
        for step in steps {
            switch step {
            case .key(let k): guard let next = current[k] else { return nil }; current = next
            case .index(let i): guard let next = current[i] else { return nil }; current = next
            }
        }
        return current
    }

    // MARK: Accessors

    /// The string, or nil when this is not a string.
    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }

    /// The exact text of a number, or nil when this is not a number.
    public var numberText: String? { if case .number(let s) = self { s } else { nil } }

    /// A number as an exact 64-bit integer: integer literals (`-12`, `1187654321098765432`)
    /// without passing through `Double`, and integral decimals that fit (`3.0`, `1e3`). Nil
    /// for fractions, out-of-range values and non-numbers (a string is not converted).
    public var int64Value: Int64? {
        guard case .number(let text) = self else { return nil }
        if let i = Int64(text) { return i }
        guard let d = Double(text), d.isFinite, d == d.rounded(), abs(d) < 9.2e18 else { return nil }
        return Int64(d)
    }

    /// A number as `Double` (nearest value; `NaN` and `±Infinity` when the lenient parser
    /// accepted them). Nil for non-numbers.
    public var doubleValue: Double? {
        guard case .number(let text) = self else { return nil }
        return JSONNumber.double(text)
    }

    /// The boolean, or nil when this is not `true`/`false`.
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }

    /// The elements, or nil when this is not an array.
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }

    /// The members in file order, or nil when this is not an object.
    public var objectValue: [(String, JSONValue)]? { if case .object(let o) = self { o } else { nil } }

    /// True for `null`.
    public var isNull: Bool { if case .null = self { true } else { false } }

    /// Scalars as plain text (a string as itself, a number's exact text, `true`/`false`);
    /// nil for null, arrays and objects.
    public var scalarText: String? {
        switch self {
        case .string(let s): s
        case .number(let n): n
        case .bool(let b): b ? "true" : "false"
        default: nil
        }
    }

    /// Compact JSON text (no spaces, members in order); strings escaped as RFC 8259 requires.
    public var description: String {
        var out = ""
        JSONWriter.append(self, to: &out)
        return out
    }
}

/// One step of a JSON path.
public enum JSONPathStep: Sendable, Hashable {
    /// An object member.
    case key(String)
    /// An array element (0-based).
    case index(Int)
}

/// JSON paths as used in issues (`$.edges[12].source`) and by ``JSONValue/value(at:)``.
public enum JSONPath {
    /// Parses `a.b[0]`, `$.a.b[0]` or `["a.b"][0]`; nil when malformed.
    public static func parse(_ path: String) -> [JSONPathStep]? {
        var steps: [JSONPathStep] = []
        let chars = Array(path.unicodeScalars)
        var i = 0
        if i < chars.count && chars[i] == "$" { i += 1 }
        var key = String.UnicodeScalarView()
        var haveKey = false
        func flush() {
            if haveKey { steps.append(.key(String(key))) }
            key = String.UnicodeScalarView()
            haveKey = false
        }
        while i < chars.count {
            let c = chars[i]
            if c == "." {
                flush()
                i += 1
            } else if c == "[" {
                flush()
                i += 1
                guard i < chars.count else { return nil }
                if chars[i] == "\"" {
                    i += 1
                    var k = String.UnicodeScalarView()
                    while i < chars.count && chars[i] != "\"" {
                        if chars[i] == "\\" && i + 1 < chars.count { i += 1 }
                        k.append(chars[i])
                        i += 1
                    }
                    guard i + 1 < chars.count, chars[i + 1] == "]" else { return nil }
                    steps.append(.key(String(k)))
                    i += 2
                } else {
                    var n = 0
                    var digits = 0
                    while i < chars.count, chars[i].value >= 0x30, chars[i].value <= 0x39, digits < 18 {
                        n = n * 10 + Int(chars[i].value - 0x30)
                        digits += 1
                        i += 1
                    }
                    guard digits > 0, i < chars.count, chars[i] == "]" else { return nil }
                    steps.append(.index(n))
                    i += 1
                }
            } else {
                key.append(c)
                haveKey = true
                i += 1
            }
        }
        flush()
        return steps
    }

    /// Renders steps as `$.a.b[0]`, quoting keys that are not plain identifiers: `$["a b"]`.
    public static func render(_ steps: [JSONPathStep]) -> String {
        var out = "$"
        for s in steps { append(s, to: &out) }
        return out
    }

    /// Steps kept at each end of a path shown in an error (``renderForError(_:)``).
    static let errorPathEnds = (head: 8, tail: 4)

    /// Renders steps like ``render(_:)``, but short enough for a message: a path deeper than 12
    /// steps keeps its first 8 and last 4 with the number of levels left out between them
    /// (`$.a[0][0]…(500 levels)…[0]`), and keys are cut at 60 characters.
    public static func renderForError(_ steps: [JSONPathStep]) -> String {
        func short(_ s: JSONPathStep) -> JSONPathStep {
            if case .key(let k) = s, k.utf8.count > 60 { return .key(String(k.prefix(60)) + "…") }
            return s
        }
        let (head, tail) = errorPathEnds
        guard steps.count > head + tail else { return render(steps.map(short)) }
        var out = "$"
        for s in steps.prefix(head) { append(short(s), to: &out) }
        out += "…(\(steps.count - head - tail) levels)…"
        for s in steps.suffix(tail) { append(short(s), to: &out) }
        return out
    }

    /// Appends one step to a rendered path.
    public static func append(_ step: JSONPathStep, to out: inout String) {
        switch step {
        case .index(let i): out += "[\(i)]"
        case .key(let k):
            if isPlain(k) {
                out += "." + k
            } else {
                out += "[\""
                for ch in k.unicodeScalars {
                    if ch == "\"" || ch == "\\" { out += "\\" }
                    out.unicodeScalars.append(ch)
                }
                out += "\"]"
            }
        }
    }

    /// `base` with a key appended (`$.nodes` + `id` → `$.nodes.id`).
    public static func child(_ base: String, _ key: String) -> String {
        var out = base
        append(.key(key), to: &out)
        return out
    }

    /// `base` with an index appended (`$.nodes` + 3 → `$.nodes[3]`).
    public static func child(_ base: String, _ index: Int) -> String { base + "[\(index)]" }

    static func isPlain(_ k: String) -> Bool {
        guard let f = k.utf8.first, !(f >= 0x30 && f <= 0x39) else { return false }
        for b in k.utf8 {
            let ok =
                (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F
                || b == 0x2D || b >= 0x80
            if !ok { return false }
        }
        return true
    }
}

/// Number helpers shared by the JSON tree and the graph readers.
enum JSONNumber {
    /// Parses a JSON number's text to `Double`: a fast exact path for short decimals, the C
    /// library otherwise; `NaN`, `Infinity` and `-Infinity` for the lenient spellings.
    static func double(_ text: String) -> Double? {
        var t = text
        return t.withUTF8 { double(UnsafeBufferPointer(rebasing: $0[...])) }
    }

    private static let powers: [Double] = [
        1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ]

    /// Fast path: `[+-]?digits(.digits)?` with at most 15 significant digits is exact as
    /// mantissa / 10^k (both exactly representable, one correctly rounded division); nil when
    /// the text needs the slow path (exponents, long mantissas, non-numbers). Shared by the
    /// JSON tree and the XML graph readers.
    static func decimal(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        let n = b.count
        guard n > 0 else { return nil }
        var negative = false
        if b[0] == 0x2D {
            negative = true
            i = 1
        } else if b[0] == 0x2B {
            i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0
        var seenDigit = false
        var fraction = 0
        var seenDot = false
        while i < n {
            let c = b[i]
            if c >= 0x30 && c <= 0x39 {
                seenDigit = true
                if digits > 0 || c != 0x30 { digits += 1 }
                mantissa = mantissa &* 10 &+ UInt64(c - 0x30)
                if seenDot { fraction += 1 }
            } else if c == 0x2E && !seenDot {
                seenDot = true
            } else {
                return nil
            }
            i += 1
        }
        guard seenDigit, digits <= 15, fraction <= 22 else { return nil }
        let v = Double(mantissa) / powers[fraction]
        return negative ? -v : v
    }

    /// ``decimal(_:)``, then the C library, then the lenient spellings of NaN and infinity.
    static func double(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
        if b.isEmpty { return nil }
        if let v = decimal(b) { return v }
        let s = String(decoding: b, as: UTF8.self)
        switch s.lowercased() {
        case "nan", "-nan", "+nan": return .nan
        case "infinity", "+infinity", "inf", "+inf": return .infinity
        case "-infinity", "-inf": return -.infinity
        default: break
        }
        return Double(s)
    }
}

/// Compact JSON serialisation used by ``JSONValue/description`` and the graph writers.
public enum JSONWriter {
    /// Appends `value` as compact JSON.
    public static func append(_ value: JSONValue, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): appendString(s, to: &out)
        case .array(let items):
            out += "["
            for (i, v) in items.enumerated() {
                if i > 0 { out += "," }
                append(v, to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (i, m) in members.enumerated() {
                if i > 0 { out += "," }
                appendString(m.0, to: &out)
                out += ":"
                append(m.1, to: &out)
            }
            out += "}"
        }
    }

    /// Appends a quoted, escaped JSON string (`"`, `\`, and control characters escaped;
    /// everything else written as UTF-8).
    public static func appendString(_ s: String, to out: inout String) {
        out += "\""
        var needs = false
        for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C {
            needs = true
            break
        }
        if !needs {
            out += s
        } else {
            for u in s.unicodeScalars {
                switch u {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                default:
                    if u.value < 0x20 {
                        let h = String(u.value, radix: 16)
                        out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                    } else {
                        out.unicodeScalars.append(u)
                    }
                }
            }
        }
        out += "\""
    }
}

/// A key written more than once in one JSON object. Lookups (``JSONValue/subscript(_:)-(String)``)
/// read the last one, as most JSON libraries do; the others are reported, never dropped silently.
public struct JSONDuplicateKey: Sendable, Hashable {
    /// JSON path of the object holding the key (`$.messages[3]`).
    public var path: String
    public var key: String
    /// How many times the object holds it.
    public var count: Int

    /// The issue for it: `duplicate JSON key 'title' (2 times in one object); the last one was read`.
    public func issue(source: String, file: String) -> ImportIssue {
        ImportIssue(
            source: source, file: file, line: 0, severity: .warning,
            message: "duplicate JSON key \(ErrorText.excerpt(key, limit: 60)) (\(count) times in one object); "
                + "the last one was read",
            location: path)
    }
}

extension JSONValue {
    /// The keys written more than once in an object, anywhere in the value, in document order:
    /// at most `limit` of them, with the total. Objects of up to 16 members are checked pairwise,
    /// larger ones with a set.
    /// - Complexity: O(size of the value), one walk.
    public func duplicateKeys(limit: Int = IssueLog.defaultCap) -> (found: [JSONDuplicateKey], total: Int) {
        var found: [JSONDuplicateKey] = []
        var total = 0
        var steps: [JSONPathStep] = []
        func walk(_ v: JSONValue) {
            switch v {
            case .array(let items):
                for (i, item) in items.enumerated() where item.isContainer {
                    steps.append(.index(i))
                    walk(item)
                    steps.removeLast()
                }
            case .object(let members):
                if members.count > 1 {
                    var counts: [(String, Int)] = []
                    if members.count <= 16 {
                        for (i, m) in members.enumerated() {
                            guard !members[..<i].contains(where: { $0.0 == m.0 }) else { continue }
                            let c = members[(i + 1)...].reduce(0) { $0 + ($1.0 == m.0 ? 1 : 0) }
                            if c > 0 { counts.append((m.0, c + 1)) }
                        }
                    } else {
                        var seen: [String: Int] = [:]
                        var order: [String] = []
                        for m in members {
                            let c = seen[m.0, default: 0]
                            if c == 1 { order.append(m.0) }
                            seen[m.0] = c + 1
                        }
                        counts = order.map { ($0, seen[$0]!) }
                    }
                    for (key, c) in counts {
                        total += 1
                        if found.count < limit {
                            found.append(JSONDuplicateKey(path: JSONPath.renderForError(steps), key: key, count: c))
                        }
                    }
                }
                for m in members where m.1.isContainer {
                    steps.append(.key(m.0))
                    walk(m.1)
                    steps.removeLast()
                }
            default:
                break
            }
        }
        walk(self)
        return (found, total)
    }

    /// The issues for ``duplicateKeys(limit:)``: one per key up to the cap, then one summary.
    public func duplicateKeyIssues(source: String, file: String) -> [ImportIssue] {
        let (found, total) = duplicateKeys()
        var out = found.map { $0.issue(source: source, file: file) }
        if total > found.count {
            out.append(
                ImportIssue(
                    source: source, file: file, line: 0, severity: .warning,
                    message: "\(Format.grouped(total - found.count)) more duplicate JSON keys not listed "
                        + "(\(Format.grouped(total)) in all)"))
        }
        return out
    }

    var isContainer: Bool {
        switch self {
        case .array, .object: true
        default: false
        }
    }
}
