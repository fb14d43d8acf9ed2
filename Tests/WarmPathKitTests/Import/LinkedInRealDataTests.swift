import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// Real-shaped LinkedIn samples in `../shared/data/exports/linkedin/` (shown as skipped when absent).
@Suite struct LinkedInRealDataTests {
    static func folder(_ name: String) throws -> URL { try #require(TestPaths.shared("exports/linkedin/\(name)")) }

    @Test(.requiresSharedData("exports/linkedin/silkyrich-linkedin-export-viewer"))
    func silkyrichImportsEveryConnection() throws {
        let dir = try Self.folder("silkyrich-linkedin-export-viewer")
        // Independent count: non-blank data lines after the header (this file has no multi-line cells).
        let text = try String(contentsOf: dir.appendingPathComponent("Connections.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        let header = try #require(lines.firstIndex { $0.hasPrefix("First Name,Last Name") })
        let nonBlank = lines[(header + 1)...].filter { !$0.isEmpty && !$0.hasPrefix(",,,,,,") }.count

        let r = try LinkedInTestData.importFolder(dir)
        let connections = r.interactions.filter { $0.kind == .connection }
        #expect(connections.count == 2000)
        #expect(connections.count == nonBlank)
        #expect(Set(connections.flatMap(\.recipients)).count == 2000)
        let summary = try #require(r.files.first { $0.file == "Connections.csv" })
        #expect(summary.rows == 2000 && summary.people == 2000 && summary.skippedTotal == 0)
        // The generator dates everything in the 1830s–1850s (SOURCES.md): outside the plausible
        // years, so each date is an issue and its record is kept without it; nothing else is wrong.
        let warnings = r.issues.filter { $0.severity >= .warning }
        #expect(!warnings.isEmpty)
        #expect(
            warnings.allSatisfy { $0.message.hasPrefix("date out of range (year 18") && $0.line > 0 },
            "\(warnings.prefix(3))")
        #expect(connections.allSatisfy { $0.time == nil })
        // Owner: Profile.csv name, URL found in messages.
        let owner = try #require(r.owner)
        #expect(r.people[Int(owner)].displayName == "Ada Byron-Lovelace")
        #expect(r.people[Int(owner)].profileURLs == ["https://www.linkedin.com/in/fake-ada-byron-lovelace"])
        // Every message row becomes an interaction; group threads split by URL.
        let msgs = r.interactions.filter { $0.kind == .message }
        #expect(msgs.count == 868)
        let group = msgs.filter { $0.thread == "conv-000014" }
        #expect(!group.isEmpty && group.allSatisfy { $0.isGroup })
        #expect(msgs.filter { $0.thread == "conv-000014" }.first?.recipients.count == 4)
        #expect(msgs.filter { $0.flags.contains(.draft) }.count == 2)
        #expect(r.files.first { $0.file == "guide_messages.csv" }?.rows == 0)
        #expect(r.ownerSkills.count == 60)
    }

    @Test(.requiresSharedData("exports/linkedin/kawsay"))
    func kawsayBadRowIsReportedAndGoodRowsKept() throws {
        let dir = try Self.folder("kawsay")
        let r = try LinkedInTestData.importFolder(dir)
        let bad = r.issues.filter { $0.file == "messages.csv" && $0.severity == .warning }
        #expect(bad.map(\.line) == [5])
        let msgs = r.interactions.filter { $0.kind == .message }
        #expect(msgs.map(\.provenance.line) == [2, 3])
        #expect(msgs.last?.text == "Sounds great!\nTuesday at 3pm works.")
        // BOM + preamble Connections.csv.
        let conns = r.interactions.filter { $0.kind == .connection }
        #expect(conns.count == 2)
        #expect(r.people.contains { $0.displayName == "José García" && $0.company == "Acme, Inc." })
        #expect(r.files.first { $0.file == "messages.csv" }?.skipped == ["malformed rows": 1])
    }

    /// Every CSV under the LinkedIn samples opens and reads to the end; every folder imports.
    @Test(.requiresSharedData("exports/linkedin"))
    func everyFileReads() throws {
        let base = try #require(LinkedInTestData.sharedExports)
        let folders = try FileManager.default.contentsOfDirectory(at: base, includingPropertiesForKeys: nil)
            .filter { $0.hasDirectoryPath }.sorted { $0.path < $1.path }
        #expect(!folders.isEmpty)
        var files = 0
        for folder in folders {
            let csvs = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
                .filter { $0.pathExtension.lowercased() == "csv" }
            for csv in csvs {
                files += 1
                // Connections.csv has a "Notes:" preamble: found by its columns, as the importer does
                // (taken as the header, the one-cell note would make every row too long).
                let required = csv.lastPathComponent == "Connections.csv" ? LinkedInColumns.connectionsRequired : []
                let table = try CSVTable.open(
                    Data(contentsOf: csv), requiredColumns: required, file: csv.lastPathComponent)
                var reader = table.records()
                while reader.next() != nil {}
                #expect(reader.issues.isEmpty, "\(csv.lastPathComponent): \(reader.issues)")
                #expect(table.encoding == .utf8 || table.encoding == .utf8BOM)
            }
            let container = try SourceContainer(path: folder.path)
            #expect(LinkedInImporter().detect(container)?.kind == .linkedin)
            let r = try LinkedInImporter().importSource(container, options: ImportOptions())
            #expect(r.issues.filter { $0.severity == .error }.isEmpty, "\(folder.lastPathComponent)")
            #expect(!r.interactions.isEmpty)
        }
        #expect(files >= 17)
    }
}
