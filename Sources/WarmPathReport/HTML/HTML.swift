import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// A fragment of HTML markup that is safe by construction.
///
/// There are only three ways to put characters into an `HTML` value:
/// - ``text(_:)`` / ``HTML/text(_:)-swift.type.method``: untrusted text, with `& < > " '` escaped
///   and control characters replaced;
/// - ``raw(_:)`` / ``init(_:)``: a `StaticString`, that is, a literal written in our own source code
///   (tags, CSS, JavaScript), which no input file can influence;
/// - ``element(_:_:_:)`` and friends, whose tag and attribute names are `StaticString`s and whose
///   attribute values are escaped.
///
/// There is deliberately no initialiser from `String` and no string-interpolation support, so an
/// untrusted value can never reach the output unescaped.
///
/// ```
/// var h = HTML()
/// h.element("p", [.class("name")]) { $0.text("<script>alert(1)</script>") }
/// h.markup == "<p class=\"name\">&lt;script&gt;alert(1)&lt;/script&gt;</p>"
/// ```
public struct HTML: Sendable, Hashable {
    /// The markup built so far.
    public private(set) var markup: String

    /// An empty fragment.
    public init() { markup = "" }

    /// Trusted markup from a literal in our source code.
    public init(_ literal: StaticString) { markup = literal.description }

    /// A fragment holding escaped text.
    public static func text(_ value: String) -> HTML {
        var h = HTML()
        h.text(value)
        return h
    }

    /// Appends `value` with `& < > " '` escaped (safe in text and in quoted attribute values).
    /// - Complexity: O(n); strings without special characters are appended as they are.
    public mutating func text(_ value: String) {
        HTML.escape(value, into: &markup)
    }

    /// Appends trusted markup written as a literal in our source code.
    public mutating func raw(_ literal: StaticString) {
        markup += literal.description
    }

    /// Appends another safe fragment.
    public mutating func append(_ other: HTML) {
        markup += other.markup
    }

    /// Appends a number with fixed decimals (``Format/fixed(_:_:)``): digits, sign and point only.
    public mutating func number(_ value: Double, _ decimals: Int) {
        markup += FastFixed.format(value, decimals)
    }

    /// Appends an integer with thousands separators (``Format/grouped(_:)``).
    public mutating func grouped(_ value: Int) {
        markup += Format.grouped(value)
    }

    /// Appends an integer as plain digits.
    public mutating func integer(_ value: Int) {
        markup += String(value)
    }

    /// Appends an opening tag with escaped attribute values.
    public mutating func open(_ tag: StaticString, _ attributes: [Attribute] = []) {
        markup += "<"
        markup += tag.description
        for a in attributes {
            markup += " "
            markup += a.name.description
            if let v = a.value {
                markup += "=\""
                HTML.escape(v, into: &markup)
                markup += "\""
            }
        }
        markup += ">"
    }

    /// Appends a closing tag.
    public mutating func close(_ tag: StaticString) {
        markup += "</"
        markup += tag.description
        markup += ">"
    }

    /// Appends `<tag attributes>…</tag>` with the body written by `body`.
    public mutating func element(_ tag: StaticString, _ attributes: [Attribute] = [], _ body: (inout HTML) -> Void) {
        open(tag, attributes)
        body(&self)
        close(tag)
    }

    /// Appends `<tag attributes>escaped text</tag>`.
    public mutating func element(_ tag: StaticString, _ attributes: [Attribute] = [], text value: String) {
        open(tag, attributes)
        text(value)
        close(tag)
    }

    /// Appends a void element such as `<circle … />` (SVG) or `<br>`.
    public mutating func void(_ tag: StaticString, _ attributes: [Attribute] = [], selfClosing: Bool = true) {
        open(tag, attributes)
        if selfClosing {
            markup.removeLast()
            markup += "/>"
        }
    }

    /// Escapes `& < > " '` into `out`, and replaces control characters other than tab, LF and
    /// CR (``ControlCharacters``: NUL, ESC, BEL, DEL, C1…) with U+FFFD.
    public static func escape(_ value: String, into out: inout String) {
        var needs = false
        // 0xC2 starts U+0080–U+00BF, which holds the C1 controls: checked on the slow path.
        for u in value.utf8
        where u == 0x26 || u == 0x3C || u == 0x3E || u == 0x22 || u == 0x27 || u < 0x20 || u == 0x7F || u == 0xC2 {
            needs = true
            break
        }
        if !needs {
            out += value
            return
        }
        for ch in value.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if ControlCharacters.isUnsafe(ch.value, keepingCR: true) {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(ch)
                }
            }
        }
    }

    /// `value` escaped for text or a quoted attribute.
    public static func escaped(_ value: String) -> String {
        var s = ""
        escape(value, into: &s)
        return s
    }
}

/// An attribute of an ``HTML`` element: a trusted name and an untrusted, escaped value.
public struct Attribute: Sendable, Hashable {
    /// The attribute name, a literal in our source code.
    public var name: StaticString
    /// The value (escaped on output); nil writes a boolean attribute (`hidden`).
    public var value: String?

    public init(_ name: StaticString, _ value: String?) {
        self.name = name
        self.value = value
    }

    public static func == (a: Attribute, b: Attribute) -> Bool {
        a.name.description == b.name.description && a.value == b.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name.description)
        hasher.combine(value)
    }

    /// `class="…"`.
    public static func `class`(_ v: String) -> Attribute { Attribute("class", v) }
    /// `id="…"`.
    public static func id(_ v: String) -> Attribute { Attribute("id", v) }
    /// A boolean attribute such as `hidden` or `open`.
    public static func flag(_ name: StaticString) -> Attribute { Attribute(name, nil) }
    /// A numeric attribute with fixed decimals (SVG coordinates).
    public static func num(_ name: StaticString, _ v: Double, _ decimals: Int = 1) -> Attribute {
        Attribute(name, FastFixed.format(v, decimals))
    }
}

/// Fixed-decimal formatting without `String(format:)`, for the many numbers of SVG coordinates
/// and the JSON data block. Same text as ``Format/fixed(_:_:)`` for values of ordinary size
/// (|value| · 10^decimals < 2^53); deterministic on every platform.
enum FastFixed {
    static func format(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return Format.fixed(value, decimals) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * scale).rounded()
        guard abs(scaled) < 9e15 else { return Format.fixed(value, decimals) }
        let n = Int64(scaled)
        let negative = n < 0
        let m = n.magnitude
        if decimals == 0 { return (negative ? "-" : "") + String(m) }
        let unit = UInt64(scale)
        let whole = m / unit
        let frac = String(m % unit)
        var out = negative ? "-" : ""
        out += String(whole)
        out += "."
        if frac.count < decimals { out += String(repeating: "0", count: decimals - frac.count) }
        out += frac
        return out
    }
}
