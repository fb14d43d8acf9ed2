import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite struct IdentityTests {
    @Test(arguments: [
        ("https://www.linkedin.com/in/marta-olsen-3b1a2c", "https://www.linkedin.com/in/marta-olsen-3b1a2c"),
        ("www.linkedin.com/in/Marta-Olsen/", "https://www.linkedin.com/in/marta-olsen"),
        ("http://linkedin.com/in/marta-olsen?trk=x", "https://www.linkedin.com/in/marta-olsen"),
        ("https://WWW.LinkedIn.com/in/j%C3%BCrgen-m", "https://www.linkedin.com/in/jürgen-m"),
        ("https://www.linkedin.com/in/jürgen-m/", "https://www.linkedin.com/in/jürgen-m"),
    ])
    func canonicalURL(raw: String, expected: String) {
        #expect(IdentityNormalizer.canonicalProfileURL(raw) == expected)
    }

    @Test func urnsAndPlaceholdersAreNotURLs() {
        #expect(IdentityNormalizer.canonicalProfileURL("urn:li:member:123456789") == nil)
        #expect(IdentityNormalizer.canonicalProfileURL("NA") == nil)
        #expect(IdentityNormalizer.canonicalProfileURL("") == nil)
    }

    @Test func matchNameFoldsCredentialsEmojiAndFancyLetters() {
        #expect(IdentityNormalizer.matchName("Marta Olsen, PMP") == "marta olsen")
        #expect(IdentityNormalizer.matchName("𝐌𝐚𝐫𝐭𝐚 Olsen 👋") == "marta olsen")
        #expect(IdentityNormalizer.matchName("José\u{2066} Núñez\u{2069}") == "jose nunez")
    }

    @Test func asciiFastPathMatchesTheUnicodePath() {
        // Every printable and control ASCII character, alone and inside names, seeded.
        var samples = (0..<128).map { String(UnicodeScalar(UInt8($0))) }
        samples += ["  Marta  O'Neil-Smith Jr. ", "ANA,  ruiz", "x\ty\nz", "Kofi_Mensah (he/him)", "a.b.c", ""]
        var rng = SplitMix64(seed: 7)
        for _ in 0..<2_000 {
            let n = Int(rng.next() % 12)
            samples.append(String((0..<n).map { _ in Character(UnicodeScalar(UInt8(rng.next() % 128))) }))
        }
        for s in samples {
            #expect(IdentityNormalizer.asciiMatchName(s) == IdentityNormalizer.unicodeMatchName(s), "\(Array(s.utf8))")
        }
        #expect(IdentityNormalizer.asciiMatchName("José") == nil)
    }

    @Test func recipientNamesFastPath() {
        for s in [
            "Ana Ruiz, Ben Ode", " a ,b,, c\t", ",", "", "One", "Ana\u{00A0}, Zoë Ødegaard , x", "Zoë,Ana",
            "\u{2003}Ana Fernández",
            "a,\u{301}b", "Ødegaard\u{3000}, Ana",
        ] {
            #expect(
                LinkedInImportRun.recipientNames(s)
                    == s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) },
                "\(s)")
        }
    }

    @Test func hiddenMemberFastPath() {
        for s in ["LinkedIn Member", " linkedin member\t", "", "   ", "LINKEDIN MEMBER"] {
            #expect(LinkedInImportRun.isHiddenMember(s), "\(s)")
        }
        for s in [
            "LinkedIn Members", "linkedin\u{0}member", "Ana Ruiz", "linkedin  member", "Ana Fernández", "Løkke",
            "\nlinkedin member",
        ] {
            #expect(!LinkedInImportRun.isHiddenMember(s), "\(s)")
        }
        #expect(LinkedInImportRun.isHiddenMember("\u{00A0}LinkedIn Member\u{00A0}"))
        #expect(LinkedInImportRun.isHiddenMember("\u{2003}linkedin member"))
    }

    @Test func displayNameKeepsEmojiDropsBidi() {
        #expect(IdentityNormalizer.displayName("\u{2066}Ana  Ruiz\u{2069} 👩🏽‍💻") == "Ana Ruiz 👩🏽‍💻")
    }

    @Test func personIDIsStable() {
        let a = PersonID(key: .profileURL("https://www.linkedin.com/in/marta-olsen"))
        #expect(a.rawValue == "p" + StableHash.hex("url:https://www.linkedin.com/in/marta-olsen"))
        #expect(a.rawValue.count == 17)
    }
}
