import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// `actions.csv` and the page's "This week" section.
@Suite struct ThisWeekSectionTests {
    typealias M = HTMLReportModel

    /// The markup of the "This week" section alone.
    static func section(_ model: M) -> String {
        let html = HTMLReport.render(model).text
        guard let start = html.range(of: "<section id=\"this-week\""),
            let end = html.range(of: "</section>", range: start.upperBound..<html.endIndex)
        else { return "" }
        return String(html[start.lowerBound..<end.upperBound])
    }

    @Test func topTenAndPinnedRowsAreShownTheRestExpands() throws {
        let model = HTMLTestModel.hostileModel()
        let s = Self.section(model)
        let details = try #require(s.range(of: "<details class=\"wk-more\" id=\"wp-actions-more\">"))
        let shown = String(s[..<details.lowerBound])
        let rest = String(s[details.lowerBound...])
        func ranks(_ text: String) -> [Int] {
            text.matches(of: /data-rank="(\d+)"/).map { Int($0.1)! }
        }
        // Ranks 1–10 and the pinned recent owed reply (13) in view; 11, 12 and 14 behind the expander.
        #expect(ranks(shown) == Array(1...10) + [13])
        #expect(ranks(rest) == [11, 12, 14])
        #expect(rest.contains("<summary>3 more actions</summary>"))
        // No dead "and N more" text, no readiness cost.
        #expect(!s.contains("class=\"more\""))
        #expect(!s.contains("−0."))
        // Kinds in plain words; the introducer of an ask opens their ledger.
        for k in ActionKind.allCases { #expect(s.contains(">" + k.label + "</span>"), "\(k)") }
        let ask = try #require(model.actions.items.first { $0.kind == .askIntro })
        #expect(
            s.contains("<span class=\"wk-via\">via <button type=\"button\" class=\"pl\" data-pid=\"\(ask.via!.id)\">"))
        #expect(s.contains("<time datetime=\"2024-03-10\">2024-03-10</time>"))
    }

    @Test func changesShowPlainWordsNotRawKeys() {
        let s = Self.section(HTMLTestModel.hostileModel())
        #expect(s.contains("What changed since <time datetime=\"2024-02-28\">2024-02-28</time>"))
        #expect(s.contains(">Closer tie</span>"))
        #expect(s.contains(">New reply owed</span>"))
        #expect(!s.contains(">strength_up<") && !s.contains(">new_owed_reply<"))
    }

    @Test func manyChangesSitBehindAnExpander() {
        var model = M()
        model.actions.tracksChanges = true
        model.actions.changesSince = "2024-03-01"
        model.actions.changes = (0..<25).map {
            M.Change(kind: .newConnection, person: M.PersonRef(id: "p\($0)", name: "P \($0)"), detail: "new connection")
        }
        let s = Self.section(model)
        #expect(s.contains("<summary>15 more changes</summary>"))
        #expect(s.components(separatedBy: ">New connection</span>").count - 1 == 25)
    }

    @Test func emptyStatesSayWhatToDo() {
        var model = M()
        #expect(Self.section(model).contains("Run the report every week with --store FILE"))
        model.actions.tracksChanges = true
        #expect(Self.section(model).contains("This is the first snapshot in the store"))
        model.actions.changesSince = "2024-03-01"
        #expect(Self.section(model).contains("Nothing changed since the last snapshot."))
        #expect(!Self.section(model).contains("<details"))
    }

    @Test func actionsCSVHasTheColumnsRanksAndExcelEncoding() {
        let actions = [
            Action(
                kind: .askIntro, personID: PersonID(rawValue: "p2"), name: "Taylor Kim",
                viaID: PersonID(rawValue: "p9"),
                via: "Blake Rivera", reason: "Ask Blake Rivera to introduce you to Taylor Kim, VP Sales at Globex",
                due: "2024-03-20", priority: 0.4),
            Action(
                kind: .reply, personID: PersonID(rawValue: "p1"), name: "=cmd()", reason: "Reply to =cmd()",
                due: "2024-03-05", priority: 0.3, pinned: true),
        ]
        let file = ActionsReport.csv(actions)
        #expect(file.name == "actions.csv")
        #expect(file.contents.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
        #expect(
            file.text
                == "rank,kind,name,person_id,via,reason,due\r\n"
                + "1,ask_intro,Taylor Kim,p2,Blake Rivera,\"Ask Blake Rivera to introduce you to Taylor Kim, VP Sales at Globex\",2024-03-20\r\n"
                + "2,reply,'=cmd(),p1,,Reply to =cmd(),2024-03-05\r\n")
        #expect(ActionsReport.csv([]).text == "rank,kind,name,person_id,via,reason,due\r\n")
    }
}
