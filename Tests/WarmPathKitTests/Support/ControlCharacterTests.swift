import Foundation
import Testing
@testable import WarmPathReport
@testable import WarmPathSupport

/// The one control-character rule, in the terminal, in CSV cells and in HTML.
@Suite struct ControlCharacterTests {
    static let hostile = "a\u{1B}[2J\u{07}\u{00}\u{7F}\u{9B}\u{85}\r\tb\nc"

    @Test func theRuleCoversC0ExceptTabAndLFAndDELAndC1() {
        let unsafe = (0..<0x20).filter { $0 != 9 && $0 != 10 } + [0x7F] + Array(0x80...0x9F)
        for v in 0..<0x100 {
            #expect(ControlCharacters.isUnsafe(UInt32(v), keepingCR: false) == unsafe.contains(v), "\(v)")
        }
        #expect(!ControlCharacters.isUnsafe(0x0D, keepingCR: true))
        #expect(!ControlCharacters.isUnsafe(0xA0, keepingCR: false))  // no-break space is text
        #expect(!ControlCharacters.isUnsafe(0xFFFD, keepingCR: false))
    }

    @Test func theTerminalShowsControlCharactersEscaped() {
        #expect(TerminalText.safe(Self.hostile) == "a\\u001b[2J\\u0007\\u0000\\u007f\\u009b\\u0085\\u000d\tb\nc")
        let plain = "Zoë Ångström · “quoted” 日本"
        #expect(TerminalText.safe(plain) == plain)
    }

    @Test func csvCellsReplaceControlCharacters() {
        var w = CSVWriter(header: ["name"])
        w.row([Self.hostile])
        w.row(["\u{1B}=1+1"])  // a control first: replaced, so it is not a formula
        w.row(["=1+1\u{00}"])
        #expect(
            w.text
                == "name\r\n\"a\u{FFFD}[2J\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\r\tb\nc\"\r\n\u{FFFD}=1+1\r\n'=1+1\u{FFFD}\r\n"
        )
        #expect(CSVWriter.escape("\u{9B}x") == "\u{FFFD}x")
        #expect(CSVWriter.escape("Zoë · naïve") == "Zoë · naïve")
    }

    @Test func htmlTextReplacesControlCharacters() {
        #expect(HTML.escaped(Self.hostile) == "a\u{FFFD}[2J\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\r\tb\nc")
        #expect(HTML.escaped("<b>\u{00}</b>") == "&lt;b&gt;\u{FFFD}&lt;/b&gt;")
        #expect(HTML.escaped("© · ¡Olé!") == "© · ¡Olé!")  // U+00A0–U+00BF are text
        var h = HTML()
        h.open("p", [Attribute("title", "x\u{07}y")])
        #expect(h.markup == "<p title=\"x\u{FFFD}y\">")
    }

    @Test func thePageDataBlockReplacesControlCharacters() {
        var out: [UInt8] = []
        HTMLDataBlock.string("a\u{1B}b\u{9B}c\u{A9}\r\t", into: &out)
        #expect(String(decoding: out, as: UTF8.self) == "\"a\u{FFFD}b\u{FFFD}c\u{A9}\\u000d\\t\"")
    }
}
