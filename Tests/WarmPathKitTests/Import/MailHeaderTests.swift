import Foundation
import Testing
@testable import WarmPathImport
@testable import WarmPathModel
@testable import WarmPathSupport

/// Header decoding: RFC 2047 encoded words, folded headers, RFC 5322 address lists and dates,
/// compared with Python's `email` package (`fixtures/mail/rfc2047.json`, written by
/// `scripts/rfc2047-expected.py`), plus the cases where warmpath reads better than Python.
@Suite struct MailHeaderTests {
    struct Expected: Decodable {
        struct Word: Decodable {
            var `case`: String
            var field: String
            var raw: String
            var python: String
        }
        struct Address: Decodable {
            var name: String
            var address: String
        }
        struct AddressCase: Decodable {
            var `case`: String
            var raw: String
            var python: [Address]
        }
        struct DateCase: Decodable {
            var `case`: String
            var raw: String
            var python: Double?
        }
        var encoded_words: [Word]
        var addresses: [AddressCase]
        var dates: [DateCase]
    }

    static func expected() throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(contentsOf: TestPaths.fixture("mail/rfc2047.json")))
    }

    /// The value of `name` in a header block, as the scanner collects it.
    static func field(_ name: String, _ raw: String) -> [UInt8] {
        var h = MailHeaderFields()
        let block = "\(name): \(raw)"
        for line in block.components(separatedBy: "\r\n") { h.add(line: Array(line.utf8)) }
        switch name {
        case "Subject": return h.subject ?? []
        case "From": return h.from ?? []
        default: return h.to ?? []
        }
    }

    @Test func encodedWordsDecodeAsPythonEmailHeaderDoes() throws {
        let cases = try Self.expected().encoded_words
        #expect(cases.count >= 20)
        for c in cases {
            #expect(MailText.decode(Self.field(c.field, c.raw)) == c.python, "case \(c.case)")
        }
    }

    @Test func addressListsParseAsPythonGetaddressesDoes() throws {
        for c in try Self.expected().addresses {
            let got = MailAddressList.parse(Self.field("To", c.raw)).addresses
            #expect(got.map(\.name) == c.python.map(\.name), "case \(c.case)")
            #expect(got.map(\.address) == c.python.map(\.address), "case \(c.case)")
        }
    }

    @Test func datesReadAsPythonParsedateDoes() throws {
        for c in try Self.expected().dates {
            #expect(MailDate.read(Array(c.raw.utf8)).seconds == c.python, "case \(c.case)")
        }
    }

    @Test func datesPythonGetsWrong() {
        // Python rolls 30 February over to 1 March and reads `+01:00` as UTC.
        #expect(MailDate.read(Array("Sat, 30 Feb 2024 10:00:00 +0000".utf8)) == .unreadable)
        #expect(MailDate.read(Array("Tue, 5 Mar 2024 09:15:00 +01:00".utf8)).seconds == 1_709_626_500)
        // Other shapes go to the general parser.
        #expect(MailDate.read(Array("2024-03-05T09:15:00Z".utf8)).seconds == 1_709_630_100)
        #expect(MailDate.read(Array("Tue, 5 Mar 9999 09:15:00 +0000".utf8)).problem?.contains("year 9999") == true)
        #expect(MailDate.read(Array("sometime last week".utf8)) == .unreadable)
        // Three-digit years are 1900 + n (RFC 5322 §4.3).
        #expect(MailDate.read(Array("1 Jan 124 00:00:00 +0000".utf8)).seconds == 1_704_067_200)
    }

    @Test func foldedHeadersUnfold() {
        var h = MailHeaderFields()
        for line in [
            "To: Ana Ruiz <ana@x.org>,", " \"Lind, Bo\"", "\t<bo@y.org>", "Received: from a", " by b",
            "Cc: c@z.org", "cc: d@z.org", "From: first@x.org", "From: second@x.org",
        ] {
            let added = h.add(line: Array(line.utf8))
            #expect(added)
        }
        let to = MailAddressList.parse(h.to!).addresses
        #expect(to.map(\.address) == ["ana@x.org", "bo@y.org"])
        #expect(to.map(\.name) == ["Ana Ruiz", "Lind, Bo"])
        // Repeated Cc fields join; a repeated From keeps the first.
        #expect(MailAddressList.parse(h.cc!).addresses.map(\.address) == ["c@z.org", "d@z.org"])
        #expect(String(decoding: h.from!, as: UTF8.self) == "first@x.org")
        #expect(h.fieldCount == 6)
        // A line that is neither a field nor a continuation ends the header.
        let body = h.add(line: Array("this is body text".utf8))
        #expect(!body)
    }

    @Test func encodedWordsBeyondPython() {
        // RFC 2231 language tags, which Python refuses.
        #expect(MailText.decode(Array("=?UTF-8*en?Q?Hi_there?=".utf8)) == "Hi there")
        // Bad base64 stays as written.
        #expect(MailText.decode(Array("=?utf-8?b?A?=".utf8)) == "=?utf-8?b?A?=")
        // An unknown charset keeps the bytes readable.
        #expect(MailText.decode(Array("=?x-nonesuch?q?abc?=".utf8)) == "abc")
        // Raw UTF-8 (RFC 6532) and raw Latin-1 in a header.
        #expect(MailText.decode(Array("Prüfung".utf8)) == "Prüfung")
        #expect(MailText.decode([0x50, 0x72, 0xFC, 0x66]) == "Prüf")
    }

    @Test func addressListQuirks() {
        func parse(_ s: String) -> MailAddressList.Result { MailAddressList.parse(Array(s.utf8)) }
        // Two angle addresses without a comma.
        #expect(parse("Ana <ana@x.org> Bo <bo@y.org>").addresses.map(\.address) == ["ana@x.org", "bo@y.org"])
        // An encoded word holding a comma is one name.
        #expect(parse("=?utf-8?q?Ruiz=2C_Ana?= <ana@x.org>, bo@y.org").addresses.map(\.name) == ["Ruiz, Ana", ""])
        // Nested comments, a group with a comment.
        #expect(parse("ana@x.org (Ana (work) Ruiz)").addresses.first?.name == "Ana (work) Ruiz")
        #expect(parse("Team (sales): ana@x.org, bo@y.org;").addresses.count == 2)
        // Items that are not mailboxes are listed as invalid.
        let r = parse("Linnea, bo@y.org, <unclosed@z.org")
        #expect(r.addresses.map(\.address) == ["bo@y.org"])
        #expect(r.invalid == ["Linnea", "<unclosed@z.org>"])
    }

    @Test func subjectsReduceForThreading() {
        #expect(MailSubject.reduce("Re: AW: [sales] Fwd: Pricing  update") == ("pricing update", true))
        #expect(MailSubject.reduce("Fwd: Pricing update") == ("pricing update", false))
        #expect(MailSubject.reduce("RE[2]: Pricing update").isReply)
        #expect(MailSubject.reduce("Re: ").key == "")
        #expect(MailSubject.reduce("Ratio: 3 to 1") == ("ratio: 3 to 1", false))
    }

    @Test func subjectHashesAlikeOnTheByteAndTheStringPath() {
        for subject in [
            "Re: AW: [sales] Fwd: Pricing  update", "Pricing update", "RE[2]: Pricing\n update", "  Re:  ",
            "Ratio: 3 to 1", "Re [2]: x", "..Re..: dotted", "[unclosed Re: x", "Fwd:Re:FW: Chain", "",
        ] {
            let fast = MailSubject.hash(raw: Array(subject.utf8))
            let reduced = MailSubject.reduce(MailText.decode(Array(subject.utf8)))
            #expect(fast.isReply == reduced.isReply, "\(subject)")
            #expect(fast.hash == (reduced.key.isEmpty ? 0 : MessageIDs.hash(Array(reduced.key.utf8))), "\(subject)")
        }
        // An encoded subject threads with the same subject in plain text.
        #expect(
            MailSubject.hash(raw: Array("Re: =?utf-8?q?Pricing_update?=".utf8)).hash
                == MailSubject.hash(raw: Array("pricing UPDATE".utf8)).hash)
    }

    @Test func addressesNormaliseAsIdentityNormalizerDoes() {
        for a in [
            "Sam.Okafor@Example.NET", " <ana@x.org> ", "mailto:Bo@Y.org", "no-at-sign", "@x.org", "a@localhost",
            "a b@x.org", "José@Example.ES", "a@b@c.org", "",
        ] {
            #expect(MailAddressList.normalized(a) == IdentityNormalizer.email(a), "\(a)")
        }
    }

    @Test func messageIDsHashIdsBetweenBrackets() {
        let refs = MessageIDs.hashes(Array("<a@x.org>\n <b@y.org> (comment)".utf8))
        #expect(refs.count == 2)
        #expect(refs[0] == MessageIDs.hashes(Array("<a@x.org>".utf8))[0])
        #expect(MessageIDs.hashes(Array("a@x.org".utf8)).count == 1)
        #expect(MessageIDs.hashes(Array("no id here".utf8)).isEmpty)
    }
}
