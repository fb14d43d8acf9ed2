import Foundation
import Testing
@testable import WarmPathImport
@testable import WarmPathModel
@testable import WarmPathPipeline

/// A run that needs an owner says so before it reads a source that can never name one (a graph
/// file or an address book), instead of after reading a million edges.
@Suite struct OwnerCheckTests {
    static let edges = TestPaths.fixture("graphs/edgelist/gephi-edges.csv").path
    static let contacts = TestPaths.fixture("contacts/google.csv").path
    static let linkedin = TestPaths.fixture("linkedin").path

    @Test func ownerlessSourcesAreRefusedBeforeReading() throws {
        var seen: [SourceKind] = []
        #expect(throws: PipelineError.noOwner) {
            _ = try SourceLoader().load(
                [Self.edges, Self.contacts],
                beforeReading: { kinds in
                    seen = kinds
                    throw PipelineError.noOwner
                })
        }
        #expect(Set(seen) == [.edgelist, .googleContacts])
        #expect(throws: PipelineError.noOwner) {
            try ReportPipeline.load(RunConfiguration(sources: [Self.edges, Self.contacts]), ownerNeeded: true)
        }
    }

    @Test func noCheckWithOwnerOrWhenNotNeededOrWithAnArchive() throws {
        // export needs no owner: the graph is read
        let plain = try ReportPipeline.load(RunConfiguration(sources: [Self.edges]))
        #expect(plain.owner == nil && !plain.network.people.isEmpty)
        // --owner given: the graph is read and the owner found in it
        let owned = try ReportPipeline.load(
            RunConfiguration(sources: [Self.edges], owner: plain.network.people[0].id.rawValue), ownerNeeded: true)
        #expect(owned.owner != nil)
        // an archive can name the owner: read
        let mixed = try ReportPipeline.load(RunConfiguration(sources: [Self.edges, Self.linkedin]), ownerNeeded: true)
        #expect(mixed.owner != nil)
    }

    @Test func kindsThatNameAnOwner() {
        #expect(SourceKind.allCases.filter(\.canNameOwner) == [.linkedin, .facebook, .twitter, .calendar, .mail])
    }
}
