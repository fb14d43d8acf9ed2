import WarmPathSupport
import WarmPathModel

/// Turns the HTML-ish text of exports (LinkedIn message CONTENT since 2023) into plain text for
/// analysis: tags removed (block tags become line breaks), entities decoded, whitespace tidied.
/// Never trusts the input to be well-formed HTML; `<someone@host>` e-mail tokens are kept.
///
/// ```
/// TextCleaner.plainText("<p>Hi Marta,</p><p>Thanks &amp; talk soon</p>") == "Hi Marta,\nThanks & talk soon"
/// ```
public enum TextCleaner {
    /// Plain text of `html`: tags stripped, entities decoded, runs of spaces collapsed, at most
    /// one blank line kept, trimmed.
    ///
    /// - Complexity: O(n).
    public static func plainText(_ html: String) -> String {
        let hasMarkup = html.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "&") })
        let decoded = hasMarkup ? stripTags(html) : html
        return tidyWhitespace(decoded)
    }

    /// Decodes HTML character references (`&amp;`, `&#39;`, `&#x1F600;`, `&nbsp;` → space).
    /// Unknown or malformed references are kept literally.
    public static func decodeEntities(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        appendDecoded(bytes[...], to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the UTF-8 `text` to `out` with character references decoded.
    static func appendDecoded(_ text: ArraySlice<UInt8>, to out: inout [UInt8]) {
        var i = text.startIndex
        var runStart = i
        while i < text.endIndex {
            if text[i] == UInt8(ascii: "&"), let (decoded, next) = entity(in: text, at: i) {
                out.append(contentsOf: text[runStart..<i])
                out.append(contentsOf: decoded.utf8)
                i = next
                runStart = i
            } else {
                i += 1
            }
        }
        out.append(contentsOf: text[runStart..<text.endIndex])
    }

    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "\u{2013}",
        "mdash": "\u{2014}", "hellip": "\u{2026}", "lsquo": "\u{2018}", "rsquo": "\u{2019}", "ldquo": "\u{201C}",
        "rdquo": "\u{201D}", "bull": "\u{2022}", "middot": "\u{00B7}", "copy": "\u{00A9}", "reg": "\u{00AE}",
        "trade": "\u{2122}", "euro": "\u{20AC}", "pound": "\u{00A3}", "yen": "\u{00A5}", "cent": "\u{00A2}",
        "deg": "\u{00B0}", "times": "\u{00D7}", "divide": "\u{00F7}", "laquo": "\u{00AB}", "raquo": "\u{00BB}",
        "eacute": "é", "egrave": "è", "aacute": "á", "agrave": "à", "oacute": "ó", "uacute": "ú", "iacute": "í",
        "ntilde": "ñ", "ccedil": "ç", "uuml": "ü", "ouml": "ö", "auml": "ä", "szlig": "ß", "zwj": "\u{200D}",
        "zwnj": "\u{200C}", "shy": "",
    ]

    /// The entity starting at `i` (which is `&`): its text and the index after the `;`.
    private static func entity(in s: ArraySlice<UInt8>, at i: Int) -> (String, Int)? {
        var j = i + 1
        while j < s.endIndex, s[j] != UInt8(ascii: ";"), j - i <= 11 {
            let c = s[j]
            let ok = (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == UInt8(ascii: "#")
            guard ok else { return nil }
            j += 1
        }
        guard j < s.endIndex, s[j] == UInt8(ascii: ";"), j > i + 1 else { return nil }
        let name = String(decoding: s[(i + 1)..<j], as: UTF8.self)
        let after = j + 1
        if name.hasPrefix("#") {
            let body = name.dropFirst()
            let value: UInt32?
            if body.first == "x" || body.first == "X" {
                value = UInt32(body.dropFirst(), radix: 16)
            } else {
                value = UInt32(body, radix: 10)
            }
            guard let v = value, v != 0, let scalar = Unicode.Scalar(v) else { return nil }
            return (v == 0xA0 ? " " : String(Character(scalar)), after)
        }
        guard let text = namedEntities[name] ?? namedEntities[name.lowercased()] else { return nil }
        return (text, after)
    }

    static let blockTags: Set<[UInt8]> = Set(
        [
            "p", "br", "div", "li", "ul", "ol", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "hr",
            "table", "section", "article",
        ].map { Array($0.utf8) })

    /// Removes tags; block tags become `\n`; `<script>`/`<style>` content and comments dropped.
    /// Works on UTF-8 bytes: every piece of markup syntax is ASCII.
    static func stripTags(_ html: String) -> String {
        let b = Array(html.utf8)
        let n = b.count
        var out: [UInt8] = []
        out.reserveCapacity(n)
        var i = 0
        var textStart = 0
        var skipUntil: [UInt8]?
        let lt = UInt8(ascii: "<")
        let gt = UInt8(ascii: ">")
        let slash = UInt8(ascii: "/")
        func isLetter(_ c: UInt8) -> Bool { c | 0x20 >= 0x61 && c | 0x20 <= 0x7A }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 || c == 12 }
        func flush(_ end: Int) {
            if skipUntil == nil && textStart < end { appendDecoded(b[textStart..<end], to: &out) }
        }
        while i < n {
            guard b[i] == lt else {
                i += 1
                continue
            }
            // Comment.
            if i + 3 < n && b[i + 1] == UInt8(ascii: "!") && b[i + 2] == UInt8(ascii: "-")
                && b[i + 3] == UInt8(ascii: "-")
            {
                flush(i)
                var j = i + 4
                while j + 2 < n && !(b[j] == UInt8(ascii: "-") && b[j + 1] == UInt8(ascii: "-") && b[j + 2] == gt) {
                    j += 1
                }
                i = min(n, j + 3)
                textStart = i
                continue
            }
            // Tag name: `<` [/] letter (letter|digit)* then space, `/` or `>`.
            var j = i + 1
            var closing = false
            if j < n && b[j] == slash {
                closing = true
                j += 1
            }
            let nameStart = j
            while j < n, isLetter(b[j]) || (isDigit(b[j]) && j > nameStart) { j += 1 }
            guard j > nameStart, j < n, b[j] == gt || b[j] == slash || isSpace(b[j]),
                let close = b[j...].firstIndex(of: gt)
            else {
                i += 1
                continue
            }
            flush(i)
            let lower = b[nameStart..<j].map { $0 | 0x20 }
            i = close + 1
            textStart = i
            if let skip = skipUntil {
                if closing && lower == skip { skipUntil = nil }
                continue
            }
            if !closing && (lower == Array("script".utf8) || lower == Array("style".utf8)) {
                skipUntil = lower
                continue
            }
            if blockTags.contains(lower) {
                if let last = out.last, last != 10 { out.append(10) }
                if !closing && lower == Array("li".utf8) { out.append(contentsOf: "• ".utf8) }
            }
        }
        flush(n)
        return String(decoding: out, as: UTF8.self)
    }

    /// Collapses spaces and tabs, trims every line, keeps at most one blank line, trims the text.
    /// Works on UTF-8 bytes (U+00A0, U+2028 and U+2029 recognised by their byte sequences).
    static func tidyWhitespace(_ text: String) -> String {
        var text = text
        return text.withUTF8 { b -> String in
            let n = b.count
            var out: [UInt8] = []
            out.reserveCapacity(n)
            var pendingSpace = false
            var newlines = 0
            var i = 0
            while i < n {
                let c = b[i]
                var width = 1
                var isNewline = false
                var isSpace = false
                switch c {
                case 10:
                    isNewline = true
                case 13:
                    isNewline = true
                    if i + 1 < n && b[i + 1] == 10 { width = 2 }
                case 32, 9, 11, 12:
                    isSpace = true
                case 0xC2 where i + 1 < n && b[i + 1] == 0xA0:
                    isSpace = true
                    width = 2
                case 0xE2 where i + 2 < n && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9):
                    isNewline = true
                    width = 3
                default:
                    break
                }
                if isNewline {
                    newlines += 1
                    pendingSpace = false
                } else if isSpace {
                    pendingSpace = true
                } else {
                    if !out.isEmpty {
                        if newlines > 0 {
                            out.append(10)
                            if newlines > 1 { out.append(10) }
                        } else if pendingSpace {
                            out.append(32)
                        }
                    }
                    newlines = 0
                    pendingSpace = false
                    out.append(c)
                }
                i += width
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
