import Foundation
import Testing
@testable import WarmPathSupport
@testable import WarmPathModel
@testable import WarmPathImport

/// Inputs found by the libFuzzer targets in `Fuzz/` (docs/fuzzing.md), kept in
/// `fixtures/hostile/fuzz/<target>-<n>.<ext>` and fed through the reader that failed on them:
/// each must end without a crash or hang and give an issue or a plain error.
@Suite struct FuzzRegressionTests {
    /// fuzz-zip, 60 s run: a libFuzzer timeout (> 10 s, still running after 90 s) reading a
    /// member of a mutated zip of `fixtures/contacts`. On Linux, ZIPFoundation 0.9.20's
    /// `Data.decode` ignores the member's compressed size and loops for ever once a deflate
    /// stream that never ends reaches the end of the file (`fread` returns 0 bytes, nothing
    /// moves). Members are now inflated by ``ZipMemberReader`` (zlib, bounded by the member's
    /// compressed size), so the stream's missing end is an error naming the member.
    @Test(.timeLimit(.minutes(1)))
    func zipMemberWithoutEndOfStream() throws {
        let url = TestPaths.fixture("hostile/fuzz/zip-1.zip")
        let container = try SourceContainer(path: url.path)
        var refusals: [String] = []
        for entry in container.entries {
            do {
                _ = try container.read(entry)
            } catch let error as ImportError {
                refusals.append(error.description)
            }
        }
        #expect(!refusals.isEmpty)
        #expect(refusals.allSatisfy { message in container.entries.contains { message.contains($0) } })

        let (importer, _) = try ImporterRegistry.standard.detect(container)
        do {
            let result = try importer.importSource(container, options: ImportOptions())
            #expect(!result.issues.isEmpty)
        } catch let error as ImportError {
            #expect(container.entries.contains { error.description.contains($0) })
        }
    }

    /// Fuzz finding mail-1 (10-minute campaign, 5 Dec 2026): an address list whose encoded word
    /// goes on after its `?=` (`=?ISO-8859-1?Q?Ana_Ru=EDz?=o: …`) sent the tokenizer back to the
    /// word's end for ever, so `warmpath` hung on such a mailbox. The word is now kept whole only
    /// when it ends past the delimiter.
    @Test(.timeLimit(.minutes(1)))
    func encodedWordThatGoesOnAfterItsEnd() throws {
        for raw in ["=?ISO-8859-1?Q?Ana_Ru=EDz?=o: ana@example.com", "=?UTF-8?Q?Mei?=@x.org, b@y.org"] {
            let r = MailAddressList.parse(Array(raw.utf8))
            #expect(r.addresses.count + r.invalid.count > 0, "\(raw)")
        }
        let bytes = try [UInt8](Data(contentsOf: TestPaths.fixture("hostile/fuzz/mail-1.mbox")))
        let scan = MboxScanner.scan(bytes: bytes, entry: "mail-1.mbox", label: "mail")
        #expect(scan.lines > 0)
        #expect(scan.messages.count + scan.issues.count > 0)
    }
}
