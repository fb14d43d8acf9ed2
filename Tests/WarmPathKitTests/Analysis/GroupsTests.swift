import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite("GroupsTests")
struct GroupsTests {
    static let asOfDay = 20_000.0

    /// Owner Ana; targets Tina (messaged 10 days ago), Omar (60 days ago), Jana (job change);
    /// Ravi recommended Ana and reaches two targets; Nils reaches them too but never advocated;
    /// Ravi introduced Ana to Sofia in a group thread.
    static func scenario() -> (Network, Int32, ScoreBook) {
        var s = WPSource("linkedin")
        let ana = s.person("Ana Ruiz", url: "https://www.linkedin.com/in/ana", owner: true)
        let tina = s.person("Tina Target", url: "https://www.linkedin.com/in/tina")
        let omar = s.person("Omar Old", url: "https://www.linkedin.com/in/omar")
        let jana = s.person("Jana Jobs", url: "https://www.linkedin.com/in/jana")
        let ravi = s.person("Ravi Menon", url: "https://www.linkedin.com/in/ravi")
        s.person("Nils Quiet", url: "https://www.linkedin.com/in/nils")
        let sofia = s.person("Sofia Chen", url: "https://www.linkedin.com/in/sofia")
        s.person("Carl Buyer", url: "https://www.linkedin.com/in/carl", position: "VP Procurement")
        s.event(.message, tina, [ana], day: asOfDay - 10)
        s.event(.message, omar, [ana], day: asOfDay - 60)
        s.event(.affiliation, jana, [], day: asOfDay - 5, detail: "Northwind Labs")
        s.event(.recommendation, ravi, [ana], day: asOfDay - 300)
        s.event(.message, ravi, [ana, sofia], day: asOfDay - 100, thread: "intro-1")
        s.event(.message, sofia, [ana, ravi], day: asOfDay - 99, thread: "intro-1")
        let n = NetworkBuilder().build([s.sourceImport])
        let o = n.wpIndex("Ana Ruiz")!
        var book = wpBook(
            n, owner: o, readiness: ["Ravi Menon": 0.8, "Nils Quiet": 0.8, "Tina Target": 0.3, "Sofia Chen": 0.4],
            pairs: [
                ("Ravi Menon", "Tina Target", 0.7), ("Ravi Menon", "Omar Old", 0.7), ("Nils Quiet", "Tina Target", 0.7),
                ("Nils Quiet", "Omar Old", 0.7),
            ])
        book.asOf = asOfDay * 86_400
        return (n, o, book)
    }

    static func groups(_ config: GroupConfig = .default) -> (Network, [GroupAssignment]) {
        let (n, o, book) = scenario()
        let targets = TargetList.match(
            [TargetSpec(name: "Tina Target"), TargetSpec(name: "Omar Old"), TargetSpec(name: "Jana Jobs")], in: n)
        let a = PathAnalysis.run(
            network: n, owner: o, asOf: asOfDay * 86_400, scores: book, targets: targets, groupConfig: config)
        return (n, a.groups)
    }

    @Test func targetsWithFreshSignalsNeedNowOthersLater() {
        let (n, g) = Self.groups()
        func group(_ name: String) -> GroupAssignment { g[Int(n.wpIndex(name)!)] }
        #expect(group("Tina Target").group == .needNow)
        #expect(group("Tina Target").reason.contains("inbound message"))
        #expect(group("Jana Jobs").group == .needNow)
        #expect(group("Jana Jobs").reason.contains("job change: started at Northwind Labs"))
        #expect(group("Omar Old").group == .needLater)
        #expect(group("Ana Ruiz").group == nil)
    }

    @Test func evangelistsNeedReadinessReachAndAdvocacy() {
        let (n, g) = Self.groups()
        let ravi = g[Int(n.wpIndex("Ravi Menon")!)]
        #expect(ravi.group == .evangelist)
        #expect(ravi.reason.contains("reaches 2 target(s)"))
        #expect(ravi.reason.contains("recommendation given to you"))
        // Same readiness and reach, no advocacy.
        #expect(g[Int(n.wpIndex("Nils Quiet")!)].group == nil)
        // Low readiness, no advocacy.
        #expect(g[Int(n.wpIndex("Sofia Chen")!)].group == nil)
        var strict = GroupConfig.default
        strict.evangelistMinTargets = 3
        let (n2, g2) = Self.groups(strict)
        #expect(g2[Int(n2.wpIndex("Ravi Menon")!)].group == nil)
    }

    @Test func introducerIsTheThirdPartyWhoFirstPutOwnerAndContactInOneThread() {
        let (n, o, _) = Self.scenario()
        let intros = Groups.introductions(network: n, owner: o)
        #expect(
            intros.map { [n.people[Int($0.introducer)].name, n.people[Int($0.introduced)].name] } == [
                ["Ravi Menon", "Sofia Chen"]
            ])
        // If Ana already knew Sofia before the thread, it is not an introduction.
        var s = WPSource("linkedin")
        let ana = s.person("Ana Ruiz", url: "https://www.linkedin.com/in/ana", owner: true)
        let ravi = s.person("Ravi Menon", url: "https://www.linkedin.com/in/ravi")
        let sofia = s.person("Sofia Chen", url: "https://www.linkedin.com/in/sofia")
        s.event(.message, sofia, [ana], day: 10)
        s.event(.message, ravi, [ana, sofia], day: 20, thread: "t")
        let n2 = NetworkBuilder().build([s.sourceImport])
        #expect(Groups.introductions(network: n2, owner: n2.wpIndex("Ana Ruiz")!).isEmpty)
    }

    @Test func icpMatchesAreNeedLater() {
        var c = GroupConfig.default
        c.icpTitleKeywords = ["procurement"]
        let (n, g) = Self.groups(c)
        #expect(g[Int(n.wpIndex("Carl Buyer")!)].group == .needLater)
        #expect(g[Int(n.wpIndex("Carl Buyer")!)].reason == "ICP match")
        let (n0, g0) = Self.groups()
        #expect(g0[Int(n0.wpIndex("Carl Buyer")!)].group == nil)
    }
}
