/// Control characters in text that came from imported files: the one rule for which ones are
/// unsafe, used by the terminal output (``TerminalText``), the CSV cell writer and the HTML builder.
///
/// Unsafe: C0 (U+0000–U+001F) except tab and line feed, DEL (U+007F), and C1 (U+0080–U+009F).
/// Carriage return is unsafe in a terminal (it rewrites the line) but kept in CSV and HTML,
/// which already quote or escape it (`keepingCR`).
public enum ControlCharacters {
    /// The replacement for an unsafe character in CSV and HTML: U+FFFD, as UTF-8.
    package static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    /// True when the scalar `value` is an unsafe control character.
    @inline(__always)
    public static func isUnsafe(_ value: UInt32, keepingCR: Bool) -> Bool {
        if value < 0x20 { return value != 0x09 && value != 0x0A && !(keepingCR && value == 0x0D) }
        return value >= 0x7F && value <= 0x9F
    }

    /// True when the UTF-8 text `utf8` holds an unsafe control character (a byte scan; C1
    /// characters are the two-byte sequences C2 80 to C2 9F).
    public static func containsUnsafe(_ utf8: UnsafeBufferPointer<UInt8>, keepingCR: Bool) -> Bool {
        var i = 0
        let n = utf8.count
        while i < n {
            let b = utf8[i]
            if b < 0x20 || b == 0x7F {
                if isUnsafe(UInt32(b), keepingCR: keepingCR) { return true }
            } else if b == 0xC2, i + 1 < n, utf8[i + 1] >= 0x80, utf8[i + 1] <= 0x9F {
                return true
            }
            i += 1
        }
        return false
    }

    /// `utf8` with every unsafe control character replaced by U+FFFD.
    public static func replacingUnsafe(_ utf8: UnsafeBufferPointer<UInt8>, keepingCR: Bool) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 8)
        var i = 0
        let n = utf8.count
        while i < n {
            let b = utf8[i]
            if (b < 0x20 || b == 0x7F) && isUnsafe(UInt32(b), keepingCR: keepingCR) {
                out += replacement
            } else if b == 0xC2, i + 1 < n, utf8[i + 1] >= 0x80, utf8[i + 1] <= 0x9F {
                out += replacement
                i += 1
            } else {
                out.append(b)
            }
            i += 1
        }
        return out
    }
}

/// Text made safe to print on a terminal: names and values from imported files can hold ESC,
/// BEL, NUL or CSI (U+009B), which would let a hostile export move the cursor, clear the screen
/// or retitle the window.
///
/// Every unsafe control character (``ControlCharacters``, carriage return included) is written
/// visibly as `\u` and four lowercase hex digits, the JSON notation: ESC becomes `\u001b`, NUL
/// `\u0000`, CSI `\u009b`. Tab and line feed stay as they are. The notation is also a valid JSON
/// escape, so `--json` output stays valid JSON with the same value.
///
/// ```
/// TerminalText.safe("Ana\u{1B}[2J") == "Ana\\u001b[2J"
/// ```
public enum TerminalText {
    private static let hex: [Character] = Array("0123456789abcdef")

    /// `text` with every unsafe control character escaped as `\uXXXX`.
    /// - Complexity: O(n); text without control characters is returned as it is.
    public static func safe(_ text: String) -> String {
        var text = text
        let hasControls = text.withUTF8 { ControlCharacters.containsUnsafe($0, keepingCR: false) }
        guard hasControls else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if ControlCharacters.isUnsafe(v, keepingCR: false) {
                out += "\\u00"
                out.append(hex[Int(v >> 4)])
                out.append(hex[Int(v & 0xF)])
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
