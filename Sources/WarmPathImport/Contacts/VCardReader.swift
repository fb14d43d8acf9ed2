import Foundation
import WarmPathSupport
import WarmPathModel

/// One content line of a vCard after unfolding and decoding:
/// `[group.]NAME[;param=value…]:value`.
public struct VCardProperty: Sendable, Hashable {
    /// Apple-style group (`item1`), lower-cased, or empty.
    public var group: String
    /// Upper-cased property name (`FN`, `EMAIL`, `X-ABLABEL`).
    public var name: String
    /// Parameters, names upper-cased; bare 2.1 parameters (`TEL;CELL`) become `TYPE=CELL`.
    public var parameters: [(name: String, value: String)]
    /// The decoded value (quoted-printable and charset applied), with escapes still in place
    /// so structured values can be split; use ``text`` or ``components`` to read it.
    public var rawValue: String
    /// Physical line where the property starts.
    public var line: Int

    public static func == (a: VCardProperty, b: VCardProperty) -> Bool {
        a.group == b.group && a.name == b.name && a.rawValue == b.rawValue && a.line == b.line
            && a.parameters.map(\.name) == b.parameters.map(\.name)
            && a.parameters.map(\.value) == b.parameters.map(\.value)
    }

    public func hash(into h: inout Hasher) {
        h.combine(group)
        h.combine(name)
        h.combine(rawValue)
        h.combine(line)
    }

    /// Values of the `TYPE` parameter, lower-cased and split on commas.
    public var types: [String] {
        parameters.filter { $0.name == "TYPE" }.flatMap { $0.value.lowercased().split(separator: ",").map(String.init) }
    }

    /// The value with vCard text escapes resolved (`\n`, `\,`, `\;`, `\:`, `\\`).
    public var text: String { VCardReader.unescape(rawValue) }

    /// Structured value split on unescaped `;` (N, ADR, ORG), each component unescaped.
    public var components: [String] { VCardReader.split(rawValue, on: ";").map(VCardReader.unescape) }
}

/// A vCard: its version and properties in file order.
public struct VCard: Sendable, Hashable {
    public var version: String
    public var properties: [VCardProperty]
    /// Line of `BEGIN:VCARD`.
    public var line: Int

    public func all(_ name: String) -> [VCardProperty] { properties.filter { $0.name == name } }
    public func first(_ name: String) -> VCardProperty? { properties.first { $0.name == name } }

    /// Formatted name: `FN`, else built from `N` (given additional family), else the organisation.
    public var formattedName: String {
        if let fn = first("FN")?.text.trimmingCharacters(in: .whitespaces), !fn.isEmpty { return fn }
        if let n = first("N")?.components {
            let parts = [
                n.count > 3 ? n[3] : "", n.count > 1 ? n[1] : "", n.count > 2 ? n[2] : "", n.first ?? "",
                n.count > 4 ? n[4] : "",
            ]
            let joined = parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(
                separator: " ")
            if !joined.isEmpty { return joined }
        }
        return ""
    }
}

/// Parsed cards plus the problems met.
public struct VCardParseResult: Sendable {
    public var cards: [VCard]
    public var issues: [ImportIssue]
}

/// A vCard 2.1 / 3.0 / 4.0 reader that survives what real address books write (FORMATS.md §4.2):
/// CRLF, LF, CR and CR CR LF line ends; folding with a space or tab (unfolded on bytes, so a
/// fold inside a multi-byte character works); 2.1 quoted-printable soft line breaks; `CHARSET`;
/// bare 2.1 type parameters; `item1.` groups; escaped `\,` `\;` `\n` `\:`; 2.1 base64 blocks
/// ended by a blank line; many cards per file; mixed-case `BEGIN:vCard`.
///
/// - Complexity: O(n) in the file size.
public enum VCardReader {
    public static func parse(_ data: Data, file: String, source: String) -> VCardParseResult {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let lines = physicalLines(bytes)
        var issues: [ImportIssue] = []
        var cards: [VCard] = []
        var current: VCard?
        var i = 0
        while i < lines.count {
            var (lineNo, logical) = lines[i]
            i += 1
            if logical.isEmpty { continue }
            // Folding: following lines that start with a space or tab continue this one.
            while i < lines.count, let f = lines[i].1.first, f == 0x20 || f == 0x09 {
                logical += lines[i].1.dropFirst()
                i += 1
            }
            guard let colon = valueColon(logical) else {
                if current != nil {
                    issues.append(
                        ImportIssue(
                            source: source, file: file, line: lineNo, severity: .warning,
                            message: "vCard line without ':' skipped"))
                }
                continue
            }
            let head = Array(logical[..<colon])
            var valueBytes = Array(logical[(colon + 1)...])
            var (group, name, params) = parseHead(head)
            let encoding = params.first { $0.name == "ENCODING" }?.value.uppercased() ?? ""
            if encoding == "QUOTED-PRINTABLE" {
                // Soft line breaks: a value ending in '=' continues on the next physical line.
                while valueBytes.last == UInt8(ascii: "="), i < lines.count {
                    valueBytes.removeLast()
                    valueBytes += lines[i].1
                    i += 1
                }
            } else if encoding == "BASE64" || encoding == "B" {
                // 2.1 base64 blocks continue on unindented lines until a blank line.
                while i < lines.count, !lines[i].1.isEmpty, !lines[i].1.contains(UInt8(ascii: ":")) {
                    i += 1
                }
            }
            if name == "BEGIN" && asciiUpper(valueBytes) == "VCARD" {
                if current != nil {
                    issues.append(
                        ImportIssue(
                            source: source, file: file, line: lineNo, severity: .warning,
                            message: "BEGIN:VCARD inside a card; the previous card was closed"))
                    cards.append(current!)
                }
                current = VCard(version: "", properties: [], line: lineNo)
                continue
            }
            if name == "END" && asciiUpper(valueBytes) == "VCARD" {
                if let c = current { cards.append(c) }
                current = nil
                continue
            }
            guard current != nil else { continue }
            if encoding == "BASE64" || encoding == "B" { continue }  // photos and keys carry no identity
            var decoded: [UInt8] = valueBytes
            if encoding == "QUOTED-PRINTABLE" { decoded = quotedPrintable(valueBytes) }
            let charset = params.first { $0.name == "CHARSET" }?.value.uppercased() ?? "UTF-8"
            let value = decodeText(decoded, charset: charset)
            if name == "VERSION" {
                current!.version = value.trimmingCharacters(in: .whitespaces)
                continue
            }
            params.removeAll { $0.name == "ENCODING" || $0.name == "CHARSET" }
            current!.properties.append(
                VCardProperty(group: group, name: name, parameters: params, rawValue: value, line: lineNo))
        }
        if let c = current {
            issues.append(
                ImportIssue(
                    source: source, file: file, line: c.line, severity: .warning,
                    message: "card has no END:VCARD; read up to the end of the file"))
            cards.append(c)
        }
        return VCardParseResult(cards: cards, issues: issues)
    }

    /// Splits on CR LF, CR CR LF, LF or CR, keeping physical line numbers (1-based).
    static func physicalLines(_ b: [UInt8]) -> [(Int, [UInt8])] {
        var out: [(Int, [UInt8])] = []
        var start = 0
        var line = 1
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x0A || c == 0x0D {
                out.append((line, Array(b[start..<i])))
                if c == 0x0D && i + 2 < b.count && b[i + 1] == 0x0D && b[i + 2] == 0x0A {
                    i += 3
                } else if c == 0x0D && i + 1 < b.count && b[i + 1] == 0x0A {
                    i += 2
                } else {
                    i += 1
                }
                line += 1
                start = i
            } else {
                i += 1
            }
        }
        if start < b.count { out.append((line, Array(b[start...]))) }
        return out
    }

    /// Index of the ':' that separates name and parameters from the value (not inside quotes).
    static func valueColon(_ l: [UInt8]) -> Int? {
        var quoted = false
        for (i, c) in l.enumerated() {
            if c == UInt8(ascii: "\"") { quoted.toggle() } else if c == UInt8(ascii: ":") && !quoted { return i }
        }
        return nil
    }

    static func parseHead(_ head: [UInt8]) -> (String, String, [(name: String, value: String)]) {
        let text = String(decoding: head, as: UTF8.self)
        var parts: [String] = []
        var cur = ""
        var quoted = false
        for ch in text {
            if ch == "\"" { quoted.toggle(); continue }
            if ch == ";" && !quoted { parts.append(cur); cur = ""; continue }
            cur.append(ch)
        }
        parts.append(cur)
        var nameWithGroup = parts.removeFirst()
        var group = ""
        if let dot = nameWithGroup.lastIndex(of: ".") {
            group = String(nameWithGroup[..<dot]).lowercased()
            nameWithGroup = String(nameWithGroup[nameWithGroup.index(after: dot)...])
        }
        var params: [(name: String, value: String)] = []
        for p in parts where !p.isEmpty {
            if let eq = p.firstIndex(of: "=") {
                params.append(
                    (
                        String(p[..<eq]).uppercased().trimmingCharacters(in: .whitespaces),
                        String(p[p.index(after: eq)...])
                    ))
            } else {
                let bare = p.uppercased()
                switch bare {
                case "QUOTED-PRINTABLE", "BASE64", "8BIT", "7BIT", "B": params.append(("ENCODING", bare))
                default: params.append(("TYPE", p))
                }
            }
        }
        return (group, nameWithGroup.uppercased().trimmingCharacters(in: .whitespaces), params)
    }

    static func asciiUpper(_ b: [UInt8]) -> String {
        String(decoding: b, as: UTF8.self).trimmingCharacters(in: .whitespaces).uppercased()
    }

    static func quotedPrintable(_ b: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case 0x30...0x39: c - 0x30
            case 0x41...0x46: c - 0x41 + 10
            case 0x61...0x66: c - 0x61 + 10
            default: nil
            }
        }
        while i < b.count {
            if b[i] == UInt8(ascii: "="), i + 2 < b.count, let h = hex(b[i + 1]), let l = hex(b[i + 2]) {
                out.append(h << 4 | l)
                i += 3
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return out
    }

    /// Decodes text in the declared charset; invalid UTF-8 falls back to Windows-1252.
    static func decodeText(_ b: [UInt8], charset: String) -> String {
        if charset == "UTF-8" || charset == "UTF8" || charset.isEmpty {
            if let s = String(validating: b, as: UTF8.self) { return s }
        }
        if let s = String(bytes: b, encoding: .windowsCP1252) { return s }
        return String(decoding: b, as: UTF8.self)
    }

    /// Splits on an unescaped separator.
    static func split(_ s: String, on sep: Character) -> [String] {
        var out: [String] = []
        var cur = ""
        var escaped = false
        for ch in s {
            if escaped {
                cur.append("\\")
                cur.append(ch)
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else if ch == sep {
                out.append(cur)
                cur = ""
            } else {
                cur.append(ch)
            }
        }
        if escaped { cur.append("\\") }
        out.append(cur)
        return out
    }

    /// Resolves `\n`, `\N`, `\,`, `\;`, `\:`, `\\`.
    static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out = ""
        var escaped = false
        for ch in s {
            if escaped {
                switch ch {
                case "n", "N": out.append("\n")
                default: out.append(ch)
                }
                escaped = false
            } else if ch == "\\" {
                escaped = true
            } else {
                out.append(ch)
            }
        }
        return out
    }
}
