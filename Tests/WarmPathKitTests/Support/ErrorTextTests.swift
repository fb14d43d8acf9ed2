import Foundation
import Testing
@testable import WarmPathSupport

/// The one translation of system errors into plain words.
@Suite struct ErrorTextTests {
    @Test func foundationErrorsBecomePlainWords() {
        #expect(ErrorText.reason(CocoaError(.fileReadNoSuchFile)) == "no such file or folder")
        #expect(ErrorText.reason(CocoaError(.fileWriteNoPermission)) == "permission denied")
        #expect(ErrorText.reason(CocoaError(.fileWriteVolumeReadOnly)) == "read-only file system")
        #expect(ErrorText.reason(POSIXError(.EACCES)) == "permission denied")
        #expect(ErrorText.reason(POSIXError(.EISDIR)) == "is a folder, not a file")
        #expect(ErrorText.reason(POSIXError(.EROFS)) == "read-only file system")
        let wrapped = NSError(
            domain: NSCocoaErrorDomain, code: 512,
            userInfo: [
                NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC)),
                NSFilePathErrorKey: "/x/y",
            ])
        #expect(ErrorText.message(wrapped) == "/x/y: no space left on the device")
        #expect(
            ErrorText.message(CocoaError(.fileReadNoSuchFile), path: "/a/b.csv") == "/a/b.csv: no such file or folder")
    }

    @Test func aFileInThePathIsNamed() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wp-nf-\(UUID().uuidString)")
        try Data().write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let path = file.appendingPathComponent("sub/x.csv").path
        #expect(ErrorText.notAFolderAncestor(of: path) == file.path)
        #expect(ErrorText.reason(POSIXError(.ENOTDIR), path: path) == "not a folder: \(file.path)")
        #expect(ErrorText.notAFolderAncestor(of: "/tmp/wp-no-such-folder/x") == nil)
    }

    enum LibraryError: Error { case missingEndOfCentralDirectoryRecord }

    @Test func enumCaseNamesNeverReachTheUser() {
        #expect(
            ErrorText.reason(LibraryError.missingEndOfCentralDirectoryRecord, fallback: "damaged archive")
                == "damaged archive")
        #expect(!ErrorText.message(LibraryError.missingEndOfCentralDirectoryRecord).contains("missingEnd"))
        #expect(ErrorText.exitStatus(LibraryError.missingEndOfCentralDirectoryRecord) == .nothingUsable)
    }

    @Test func ourErrorsKeepTheirMessageAndStatus() {
        let e = WriteError(path: "r/people.csv", reason: "permission denied")
        #expect(ErrorText.message(e) == "cannot write r/people.csv: permission denied")
        #expect(ErrorText.exitStatus(e) == .nothingUsable)
    }

    @Test func editDistanceSuggestions() {
        #expect(EditDistance.distance("reprot", "report") == 2)
        #expect(EditDistance.distance("", "abc") == 3)
        #expect(EditDistance.distance("kitten", "sitting") == 3)
        #expect(EditDistance.closest(to: "reprot", among: ["report", "paths", "explain"]) == "report")
        #expect(EditDistance.closest(to: "expot", among: ["explain", "export"]) == "export")
        #expect(EditDistance.closest(to: "zzzzzzzz", among: ["report"]) == nil)
    }

    @Test func parserMessagesOnOneLine() {
        #expect(
            ErrorText.oneLine("2:1: error: parser: while parsing a flow sequence\ndid not find expected ']':\na: [1\n^")
                == "2:1: error: parser: while parsing a flow sequence; did not find expected ']'")
        #expect(ErrorText.oneLine("plain") == "plain")
    }
}
