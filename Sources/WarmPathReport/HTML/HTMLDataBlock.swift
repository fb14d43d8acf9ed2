import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// The people data of the HTML report as compact JSON for a `<script type="application/json">`
/// block, read by the page's script.
///
/// Layout (version 2): `{"v":2,"s":[strings…],"p":[row…]}` where each row is
/// `[id, name, company, position, profileURL, sources(s), strength‰, readiness‰, credibility‰,
/// reliability‰, intimacy‰, selfOrientation‰, proximity‰, degree (-1 unknown), group,
/// lastInteraction "yyyy-MM-dd" or "", messagesIn, messagesOut, ledger, knownBy(s), team,
/// evidence (0 when the strength is only a prior from the connection, else 1)]`;
/// each ledger line is `[score(s), term(s), contribution‰, note(s), [evidence(s)…]]` and each
/// team line `[teammate(s), strength‰ (-1 unknown), note(s), [evidence(s)…]]`. The six scores are
/// `null` for a person who is not scored (shown as "—"). `(s)` marks an index into the shared
/// string table `s`, ‰ an integer in thousandths. Rows keep the model's order.
///
/// Escaping: besides JSON's own rules, `<`, `>`, `&`, U+2028 and U+2029 are written as `\uXXXX`,
/// so the text can never close the script element (`</script>`) or open a comment (`<!--`).
struct HTMLDataBlock {
    private var table = StringTable(capacity: 1 << 12)

    /// Builds the JSON for `people`.
    /// - Complexity: O(total text length).
    static func json(_ people: [HTMLReportModel.PersonRow]) -> [UInt8] {
        var b = HTMLDataBlock()
        var rows: [UInt8] = []
        rows.reserveCapacity(people.count * 320 + 64)
        rows += Array("{\"v\":2,\"p\":[".utf8)
        var first = true
        for p in people {
            if !first { rows.append(UInt8(ascii: ",")) }
            first = false
            b.row(p, into: &rows)
        }
        rows += Array("],\"s\":[".utf8)
        for (i, s) in b.table.strings.enumerated() {
            if i > 0 { rows.append(UInt8(ascii: ",")) }
            HTMLDataBlock.string(s, into: &rows)
        }
        rows += Array("]}".utf8)
        return rows
    }

    private mutating func intern(_ s: String) -> Int { table.index(s) }

    /// `[s,s,…]`: the string-table indices of `xs`.
    private mutating func strings(_ xs: [String], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (j, x) in xs.enumerated() {
            if j > 0 { out.append(UInt8(ascii: ",")) }
            HTMLDataBlock.int(intern(x), into: &out)
        }
        out.append(UInt8(ascii: "]"))
    }

    private mutating func row(_ p: HTMLReportModel.PersonRow, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for s in [p.id, p.name, p.company, p.position, p.profileURL] {
            HTMLDataBlock.string(s, into: &out)
            out.append(UInt8(ascii: ","))
        }
        HTMLDataBlock.int(intern(p.sources.count == 1 ? p.sources[0] : p.sources.joined(separator: ", ")), into: &out)
        for v in [p.strength, p.readiness, p.credibility, p.reliability, p.intimacy, p.selfOrientation] {
            out.append(UInt8(ascii: ","))
            if p.scored { HTMLDataBlock.int(HTMLDataBlock.milli(v), into: &out) } else { out += Array("null".utf8) }
        }
        out.append(UInt8(ascii: ","))
        HTMLDataBlock.int(HTMLDataBlock.milli(p.proximity), into: &out)
        out.append(UInt8(ascii: ","))
        HTMLDataBlock.int(p.degree ?? -1, into: &out)
        out.append(UInt8(ascii: ","))
        HTMLDataBlock.string(p.group?.rawValue ?? "", into: &out)
        out.append(UInt8(ascii: ","))
        HTMLDataBlock.string(ReportDate.day(p.lastInteraction), into: &out)
        out.append(UInt8(ascii: ","))
        HTMLDataBlock.int(p.messagesIn, into: &out)
        out.append(UInt8(ascii: ","))
        HTMLDataBlock.int(p.messagesOut, into: &out)
        out.append(UInt8(ascii: ","))
        out.append(UInt8(ascii: "["))
        // Fields read in place: copying a ledger line retains every string it holds.
        let ledger = p.ledger
        for i in ledger.indices {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            HTMLDataBlock.int(intern(ledger[i].score), into: &out)
            out.append(UInt8(ascii: ","))
            HTMLDataBlock.int(intern(ledger[i].term), into: &out)
            out.append(UInt8(ascii: ","))
            HTMLDataBlock.int(HTMLDataBlock.milli(ledger[i].contribution), into: &out)
            out.append(UInt8(ascii: ","))
            HTMLDataBlock.int(intern(ledger[i].note), into: &out)
            out.append(UInt8(ascii: ","))
            strings(ledger[i].evidence, into: &out)
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "]"))
        out.append(UInt8(ascii: ","))
        HTMLDataBlock.int(intern(p.knownBy.joined(separator: ", ")), into: &out)
        out.append(UInt8(ascii: ","))
        out.append(UInt8(ascii: "["))
        let team = p.teamEvidence
        for i in team.indices {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            HTMLDataBlock.int(intern(team[i].teammate), into: &out)
            out.append(UInt8(ascii: ","))
            HTMLDataBlock.int(team[i].strength.map(HTMLDataBlock.milli) ?? -1, into: &out)
            out.append(UInt8(ascii: ","))
            HTMLDataBlock.int(intern(team[i].note), into: &out)
            out.append(UInt8(ascii: ","))
            strings(team[i].evidence, into: &out)
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "]"))
        out.append(UInt8(ascii: ","))
        out.append(p.scored && !p.interactionEvidence ? UInt8(ascii: "0") : UInt8(ascii: "1"))
        out.append(UInt8(ascii: "]"))
    }

    /// A score in thousandths, 0 for NaN, clamped to ±10^12.
    static func milli(_ v: Double) -> Int {
        guard v.isFinite else { return 0 }
        return Int(min(max(v * 1000, -1e12), 1e12).rounded())
    }

    static func int(_ v: Int, into out: inout [UInt8]) {
        if v < 0 { out.append(UInt8(ascii: "-")) }
        var m = v.magnitude
        let start = out.count
        repeat {
            out.append(48 + UInt8(m % 10))
            m /= 10
        } while m > 0
        out[start...].reverse()
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `s` as a JSON string literal, escaping `" \ < > &`, CR and U+2028 / U+2029;
    /// other control characters (``ControlCharacters``) become U+FFFD, as in ``HTML``.
    static func string(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Fast path: nothing to escape (the usual case).
        var plain = true
        for c in s.utf8
        where c < 0x20 || c == 0x22 || c == 0x5C || c == 0x3C || c == 0x3E || c == 0x26 || c == 0x7F || c == 0xE2
            || c == 0xC2
        {
            plain = false
            break
        }
        if plain {
            out.append(contentsOf: s.utf8)
            out.append(UInt8(ascii: "\""))
            return
        }
        var utf8 = s.utf8.makeIterator()
        func uEscape(_ code: UInt16, _ out: inout [UInt8]) {
            out += [UInt8(ascii: "\\"), UInt8(ascii: "u")]
            out.append(hex[Int(code >> 12 & 0xF)])
            out.append(hex[Int(code >> 8 & 0xF)])
            out.append(hex[Int(code >> 4 & 0xF)])
            out.append(hex[Int(code & 0xF)])
        }
        while let c = utf8.next() {
            switch c {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"): uEscape(UInt16(c), &out)
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20, 0x7F:
                if ControlCharacters.isUnsafe(UInt32(c), keepingCR: true) {
                    out += ControlCharacters.replacement
                } else {
                    uEscape(UInt16(c), &out)
                }
            case 0xC2:
                // U+0080–U+00BF; U+0080–U+009F are the C1 controls.
                guard let c2 = utf8.next() else {
                    out.append(c)
                    break
                }
                if c2 <= 0x9F { out += ControlCharacters.replacement } else { out += [c, c2] }
            case 0xE2:
                // U+2028 / U+2029 are E2 80 A8 / E2 80 A9.
                guard let c2 = utf8.next() else {
                    out.append(c)
                    break
                }
                guard c2 == 0x80, let c3 = utf8.next() else {
                    out += [c, c2]  // a continuation byte: never special
                    break
                }
                if c3 == 0xA8 || c3 == 0xA9 {
                    uEscape(c3 == 0xA8 ? 0x2028 : 0x2029, &out)
                } else {
                    out += [c, c2, c3]
                }
            default: out.append(c)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
