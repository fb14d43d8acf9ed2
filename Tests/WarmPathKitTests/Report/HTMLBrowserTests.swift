import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// Runs the rendered report in headless Chromium: no script errors, the hostile values stay
/// text, sorting / filtering / the ledger dialog work (driven by the page's `#test-…` hash
/// hooks), and a screenshot is written. Skipped (and shown so) when no Chromium is installed.
@Suite(.serialized, .enabled(if: Chromium.find() != nil, "needs chromium, chromium-browser or google-chrome on PATH"))
struct HTMLBrowserTests {
    typealias M = HTMLReportModel

    static let model = HTMLTestModel.hostileModel(extra: 300)

    /// Writes the report into a fresh temporary folder and returns the file URL.
    static func write(_ model: M) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("warmpath-html-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = HTMLReport.render(model)
        let url = dir.appendingPathComponent(file.name)
        try file.contents.write(to: url)
        return url
    }

    static func browser() throws -> Chromium { try #require(Chromium.find()) }

    static func with(_ url: URL, hash: String) -> URL {
        URL(string: url.absoluteString + "#" + hash)!
    }

    /// People in the order the page sorts them by a numeric column (descending, ties by id).
    static func byStrength(_ people: [M.PersonRow]) -> [M.PersonRow] {
        people.sorted {
            let a = HTMLDataBlock.milli($0.strength)
            let b = HTMLDataBlock.milli($1.strength)
            return a != b ? a > b : $0.id < $1.id
        }
    }

    @Test func loadsWithoutErrorsAndKeepsHostileTextInert() throws {
        let chrome = try Self.browser()
        let url = try Self.write(Self.model)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let run = try chrome.dumpDOM(url)
        let attrs = htmlElementAttributes(run.stdout)
        #expect(attrs["data-ready"] == "1", "page script did not finish; stderr: \(run.stderr.suffix(600))")
        #expect(attrs["data-errors"] == nil, "script errors: \(attrs["data-errors"] ?? "")")
        #expect(attrs["data-rows"] == "50")
        #expect(attrs["data-matched"] == String(Self.model.people.count))
        #expect(attrs["data-first"] == Self.byStrength(Self.model.people).first?.name)
        #expect(attrs["data-sort"] == "strength desc")
        // The DOM holds the hostile values as text only.
        #expect(!run.stdout.contains("<img"))
        #expect(!run.stdout.contains("<b>lead"))
        #expect(run.stdout.components(separatedBy: "<tr>").count > 50)
    }

    @Test func filterAndSortByHash() throws {
        let chrome = try Self.browser()
        let url = try Self.write(Self.model)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let filtered = Self.byStrength(
            Self.model.people.filter {
                ($0.name + "\u{1}" + $0.company + "\u{1}" + $0.position + "\u{1}" + $0.id).lowercased().contains(
                    "olsen")
            })
        #expect(filtered.count > 0 && filtered.count < Self.model.people.count)

        let f = htmlElementAttributes(
            try chrome.dumpDOM(Self.with(url, hash: "test-sort=strength&test-filter=olsen")).stdout)
        #expect(f["data-errors"] == nil)
        #expect(f["data-matched"] == String(filtered.count))
        #expect(f["data-rows"] == String(min(50, filtered.count)))
        #expect(f["data-first"] == filtered.first?.name)

        let byName = Self.model.people.sorted {
            let a = $0.name.lowercased()
            let b = $1.name.lowercased()
            return a != b ? a < b : $0.id < $1.id
        }
        let n = htmlElementAttributes(try chrome.dumpDOM(Self.with(url, hash: "test-sort=name&test-dir=asc")).stdout)
        #expect(n["data-errors"] == nil)
        #expect(n["data-sort"] == "name asc")
        #expect(n["data-first"] == byName.first?.name)
        #expect(n["data-first"] != f["data-first"])

        let g = htmlElementAttributes(
            try chrome.dumpDOM(Self.with(url, hash: "test-group=evangelist&test-sort=readiness&test-dir=asc")).stdout)
        #expect(g["data-matched"] == String(Self.model.people.filter { $0.group == .evangelist }.count))
        #expect(g["data-sort"] == "readiness asc")
    }

    @Test func ledgerDialogShowsEvidence() throws {
        let chrome = try Self.browser()
        let url = try Self.write(Self.model)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let person = Self.model.people[2]  // "Ann </script><script>alert(3)</script>"
        let run = try chrome.dumpDOM(Self.with(url, hash: "test-open=" + person.id))
        let attrs = htmlElementAttributes(run.stdout)
        #expect(attrs["data-errors"] == nil)
        #expect(attrs["data-open"] == person.id)
        #expect(run.stdout.contains("<dialog id=\"ledger\" aria-labelledby=\"l-name\" data-bands="))
        #expect(run.stdout.contains(" open=\"\"><div class=\"dlg\">"))
        #expect(
            run.stdout.contains(
                "<h2 id=\"l-name\">" + HTML.escaped(person.name).replacingOccurrences(of: "&#39;", with: "'") + "</h2>")
        )
        #expect(run.stdout.contains("three 1:1 messages &lt;in&gt; the last 30 days"))
        #expect(run.stdout.contains("messages.csv #12"))
        #expect(run.stdout.contains(">+1.25<"))
        #expect(run.stdout.contains(">\u{2212}0.50<"))
        #expect(run.stdout.contains("Terms in log-odds: they add up to s"))
        #expect(run.stdout.contains("What your teammates’ exports show"))
        #expect(run.stdout.contains("three 1:1 messages &lt;in&gt; the last 30 days"))
        #expect(run.stdout.contains("<td class=\"c\">0.94</td>"))

        // A person without shared evidence: scores "—", not 0.00.
        let unscored = Self.model.people[3]
        let u = try chrome.dumpDOM(Self.with(url, hash: "test-open=" + unscored.id))
        #expect(htmlElementAttributes(u.stdout)["data-errors"] == nil)
        #expect(u.stdout.contains("<div><b>\u{2014}</b><span>Strength</span></div>"))
        #expect(!u.stdout.contains("<b>0.00</b><span>Strength"))
    }

    /// A person with a distrust edge (graph weight ≤ 0) wears a red "distrust" tag in the
    /// people table and in the ledger dialog; no one else does.
    @Test func distrustIsARedFlagOnThePerson() throws {
        let chrome = try Self.browser()
        var model = HTMLTestModel.hostileModel(extra: 20)
        let flagged = model.people[5]
        model.people[5].ledger.append(
            M.LedgerLine(
                score: "strength", term: "distrust", contribution: -2.5,
                note: "a graph file gives distrust (weight -1)", evidence: ["trust.csv #3"]))
        let url = try Self.write(model)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let all = try chrome.dumpDOM(url)
        #expect(htmlElementAttributes(all.stdout)["data-errors"] == nil)
        #expect(all.stdout.components(separatedBy: "<span class=\"tag distrust\"").count == 2, "one flag in the table")
        let open = try chrome.dumpDOM(Self.with(url, hash: "test-open=" + flagged.id))
        #expect(open.stdout.contains("<h2 id=\"l-name\">"))
        let title = open.stdout.components(separatedBy: "<h2 id=\"l-name\">").last?.components(separatedBy: "</h2>")
            .first
        #expect(title?.contains("<span class=\"tag distrust\"") == true, "\(title ?? "")")
        let other = try chrome.dumpDOM(Self.with(url, hash: "test-open=" + model.people[2].id))
        let otherTitle = other.stdout.components(separatedBy: "<h2 id=\"l-name\">").last?.components(
            separatedBy: "</h2>"
        )
        .first
        #expect(otherTitle?.contains("distrust") == false)
    }

    /// A model whose targets use every hop kind, with long names, over 600 generated people.
    static func layoutModel() -> M {
        var model = HTMLTestModel.generated(count: 600)
        var targets: [M.TargetPaths] = []
        for (i, p) in HTMLTargetsTests.everyKind.enumerated() {
            var long = p
            long.nodes = p.nodes.map {
                var n = $0
                if !n.isOwner { n.name = n.name + " Bartholomew-Featherstonehaugh" }
                return n
            }
            targets.append(
                M.TargetPaths(
                    target: M.PersonRef(id: p.nodes.last!.id + String(i), name: p.nodes.last!.name),
                    reach: p.probability,
                    paths: [long, p], typed: "Target \(i) of Northwind Logistics International", rule: "name 14.0 bits",
                    position: "VP Sales", company: "Northwind"))
        }
        model.targets = targets
        return model
    }

    static var layoutHops: Int { layoutModel().targets.reduce(0) { $0 + $1.paths.reduce(0) { $0 + $1.edges.count } } }

    /// Every path has a drawn segment per hop whose line joins its two dots and whose label sits
    /// on it (above it in a row, beside it in a column), labels are at least 12 px, and the page
    /// does not scroll sideways: at 1440 px (row layout) and 500 px (column layout), for the
    /// hostile model and for one with every hop kind.
    @Test(arguments: [1440, 500]) func pathsAreDrawnHopByHopWithoutSidewaysScroll(width: Int) throws {
        let chrome = try Self.browser()
        for model in [Self.layoutModel(), Self.model] {
            let url = try Self.write(model)
            defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
            let hops = model.targets.reduce(0) { $0 + $1.paths.reduce(0) { $0 + $1.edges.count } }
            let run = try chrome.dumpDOM(Self.with(url, hash: "test-layout"), width: width)
            let a = htmlElementAttributes(run.stdout)
            #expect(a["data-ready"] == "1", "stderr: \(run.stderr.suffix(400))")
            #expect(a["data-errors"] == nil, "script errors: \(a["data-errors"] ?? "")")
            #expect(a["data-viewport"] == String(width))
            #expect(a["data-segments"] == String(hops))
            #expect(a["data-path-errors"] == "", "\(a["data-path-errors"] ?? "")")
            #expect(a["data-path-layout"] == (width >= 700 ? "row" : "column"))
            #expect(Double(a["data-min-label-px"] ?? "0")! >= 12)
            #expect(a["data-overflow"] == "0", "sideways scroll: \(a["data-overflow-at"] ?? "")")
            if model.targets.count > 2 {
                #expect(Double(a["data-map-label-px"] ?? "0")! >= 12)
            }
        }
    }

    /// A phone's 390 px viewport (inside an iframe, as headless windows stay wider): paths in a
    /// column, labels at least 12 px, the network picture's narrow drawing, no sideways scroll.
    @Test func phoneWidthHasNoSidewaysScroll() throws {
        let chrome = try Self.browser()
        var model = Self.layoutModel()
        let hostile = HTMLTestModel.hostileModel()
        model.actions = hostile.actions
        model.unmatchedTargets = hostile.unmatchedTargets
        model.mergeSuggestions = hostile.mergeSuggestions
        model.skills = hostile.skills
        model.endorsements = hostile.endorsements
        model.dataQuality = hostile.dataQuality
        let url = try Self.write(model)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let (a, run) = try chrome.narrowFrame(url, hash: "test-layout", width: 390)
        #expect(a["data-ready"] == "1", "stderr: \(run.stderr.suffix(400))")
        #expect(a["data-errors"] == nil)
        #expect(a["data-viewport"] == "390")
        #expect(a["data-segments"] == String(Self.layoutHops))
        #expect(a["data-path-errors"] == "", "\(a["data-path-errors"] ?? "")")
        #expect(a["data-path-layout"] == "column")
        #expect(Double(a["data-min-label-px"] ?? "0")! >= 12)
        #expect(Double(a["data-map-label-px"] ?? "0")! >= 12)
        #expect(a["data-overflow"] == "0", "sideways scroll: \(a["data-overflow-at"] ?? "")")
    }

    @Test func screenshot() throws {
        let chrome = try Self.browser()
        var model = HTMLTestModel.generated(count: 2_500)
        let hostile = HTMLTestModel.hostileModel()
        model.actions = hostile.actions
        model.targets = hostile.targets
        model.groups = hostile.groups
        model.skills = hostile.skills
        model.endorsements = hostile.endorsements
        model.charts.messagesPerMonth = (0..<24).map {
            M.MonthCount(
                month: "20\(22 + $0 / 12)-" + ($0 % 12 + 1 < 10 ? "0" : "") + String($0 % 12 + 1),
                inbound: 10 + ($0 * 7) % 13, outbound: 6 + ($0 * 5) % 11)
        }
        model.dataQuality = hostile.dataQuality
        let url = try Self.write(model)
        defer { try? FileManager.default.removeItem(at: url.deletingLastPathComponent()) }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("warmpath-html-screenshot")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let png = dir.appendingPathComponent("index.png")
        try? FileManager.default.removeItem(at: png)
        let run = try chrome.screenshot(url, to: png)
        let size = (try? FileManager.default.attributesOfItem(atPath: png.path)[.size] as? Int) ?? 0
        #expect(size > 20_000, "screenshot missing or blank (\(size) bytes); stderr: \(run.stderr.suffix(600))")
        print("HTMLBrowserTests: screenshot \(png.path) (\(size) bytes), report \(url.path)")
    }
}
