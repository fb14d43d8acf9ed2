import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// The stderr notes of a run: each case renders the line users have always seen, and callers
/// choose notes by case.
@Suite struct RunNoteTests {
    @Test func everyCaseRendersItsLine() {
        let issue = ImportIssue(
            source: "merge-rules", file: "rules.csv", line: 4, severity: .warning, message: "unknown action 'bogus'")
        let cases: [(RunNote, String)] = [
            (
                .sourceRejected(reason: "/x/missing.zip: no such file or folder"),
                "error: /x/missing.zip: no such file or folder"
            ),
            (
                .fileRead(
                    FileSummary(
                        file: "Connections.csv", rows: 31, people: 30, interactions: 30, skipped: ["blank rows": 1])),
                "Connections.csv: 31 rows, 30 people, 30 interactions, 1 blank rows skipped"
            ),
            (
                .sourceCount(source: "linkedin", name: "LinkedIn Member messages", count: 1_204),
                "linkedin: 1,204 LinkedIn Member messages"
            ),
            (.issuesWritten(8), "8 import issue(s) written to import-issues.csv"),
            (.mergesSuggested(12_000), "12,000 suggested merge(s) written to merges.csv"),
            (
                .targetUnmatched(TargetSpec(name: "Zoe Quinn", company: "Nowhere Industries", line: 6)),
                "target line 6 'Zoe Quinn (Nowhere Industries)' matches nobody in the sources"
            ),
            (.targetUnmatched(TargetSpec(name: "Acme")), "target 'Acme' matches nobody in the sources"),
            (.fileWarning(issue), "rules.csv:4: warning: unknown action 'bogus'"),
            (
                .alerts([KindCount(kind: .owedReply, count: 4), KindCount(kind: .noRelationship, count: 1_019)]),
                "alerts: 1,023 (4 owed_reply, 1019 no_relationship)"
            ),
            (.changes(since: "2024-03-01", []), "changes since 2024-03-01: 0"),
            (
                .changes(
                    since: "2024-03-01",
                    [KindCount(kind: .newConnection, count: 2), KindCount(kind: .leftGroup, count: 1)]),
                "changes since 2024-03-01: 3 (2 new_connection, 1 left_group)"
            ),
            (
                .noEarlierSnapshot(before: "2024-03-08"),
                "no earlier snapshot before 2024-03-08: changes.csv lists nothing this time"
            ),
        ]
        for (note, line) in cases {
            #expect(note.line == line)
            #expect(note.isError == line.hasPrefix("error:"))
        }
    }

    @Test func kindsAreCountedInReportOrder() {
        let counts = KindCount.of([AlertKind.noRelationship, .dormant, .owedReply, .dormant])
        #expect(
            counts == [
                KindCount(kind: .owedReply, count: 1), KindCount(kind: .dormant, count: 2),
                KindCount(kind: .noRelationship, count: 1),
            ])
        #expect(KindCount<ChangeKind>.of([]).isEmpty)
    }

    /// The example run's notes, in order of kind, are the README's lines.
    @Test func exampleRunNotes() throws {
        let output = try ExampleReportTests().run(sources: ExampleReportTests.sources)
        let notes = output.loaded.notes
        #expect(!notes.contains { $0.isError })
        #expect(notes.contains(.issuesWritten(12)))
        #expect(notes.contains(.mergesSuggested(2)))
        #expect(
            notes.map(\.line).contains("target line 6 'Zoe Quinn (Nowhere Industries)' matches nobody in the sources"))
        #expect(
            notes.last?.line
                == "alerts: 31 (6 owed_reply, 6 awaiting_reply, 2 broadcast_only, 17 no_relationship)")
        #expect(
            notes.map(\.line).contains(
                "Takeout/Mail/All mail Including Spam and Trash.mbox: 28 rows, 9 people, 16 interactions, "
                    + "1 messages whose From is not an address skipped, 1 messages without a Date skipped"))
        #expect(notes.map(\.line).contains("mail: 3 mail-merge messages (one text to many, one at a time)"))
        // The draft saved on 2024-03-20 is not an interaction: the default as-of is 2024-03-19.
        #expect(notes.map(\.line).contains("as-of 2024-03-19: 1 event(s) dated later ignored"))
        let files = notes.compactMap { if case .fileRead(let f) = $0 { f } else { nil } }
        #expect(files.first?.summaryLine == "Profile.csv: 1 rows, 1 people")
    }
}
