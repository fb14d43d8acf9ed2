import Foundation
import Testing

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite struct HTMLReportTests {
    typealias M = HTMLReportModel

    /// The text between the JSON data block's opening tag and its `</script>`.
    static func dataBlock(_ html: String) -> String? {
        let open = "<script type=\"application/json\" id=\"wp-data\">"
        guard let a = html.range(of: open), let b = html.range(of: "</script>", range: a.upperBound..<html.endIndex)
        else { return nil }
        return String(html[a.upperBound..<b.lowerBound])
    }

    /// The output with our own literal script and style removed, so that every remaining `<`
    /// must start one of our tags.
    static func withoutAssets(_ html: String) -> String {
        html.replacingOccurrences(of: HTMLAssets.script.description, with: "")
            .replacingOccurrences(of: HTMLAssets.errorHook.description, with: "")
            .replacingOccurrences(of: HTMLAssets.css.description, with: "")
    }

    @Test func fileNameAndDeterminism() {
        let model = HTMLTestModel.hostileModel()
        let a = HTMLReport.render(model)
        let b = HTMLReport.render(model)
        #expect(a.name == "index.html")
        #expect(a.contents == b.contents)
        #expect(a.text.hasPrefix("<!doctype html>"))
    }

    @Test func prerenderedPartsGiveTheSamePage() {
        for model in [HTMLTestModel.hostileModel(), HTMLTestModel.generated(count: 300)] {
            #expect(
                HTMLReport.render(model, prerendered: HTMLReport.prerender(model)).contents
                    == HTMLReport.render(model).contents)
        }
    }

    @Test func sectionsInOrder() throws {
        let html = HTMLReport.render(HTMLTestModel.hostileModel()).text
        var last = html.startIndex
        for (id, title) in zip(HTMLReport.sectionIDs, HTMLReport.sectionTitles) {
            let r = try #require(html.range(of: "<section id=\"\(id)\""), "section \(id) missing")
            #expect(r.lowerBound > last, "section \(id) out of order")
            last = r.lowerBound
            #expect(html.contains(">\(title)</h2>"))
        }
        #expect(HTMLReport.sectionIDs.count == 8)
    }

    @Test func everyPersonExactlyOnceInDataBlock() throws {
        let model = HTMLTestModel.hostileModel(extra: 40)
        let html = HTMLReport.render(model).text
        let block = try #require(Self.dataBlock(html))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(block.utf8)) as? [String: Any])
        #expect(json["v"] as? Int == 2)
        let rows = try #require(json["p"] as? [[Any]])
        let strings = try #require(json["s"] as? [String])
        #expect(rows.count == model.people.count)
        let ids = rows.compactMap { $0.first as? String }
        #expect(ids == model.people.map(\.id))
        #expect(Set(ids).count == ids.count)
        for p in model.people {
            #expect(block.components(separatedBy: "\"" + p.id + "\"").count == 2, "\(p.id) not exactly once")
        }
        // Hostile values round-trip exactly through the escaping.
        for (row, p) in zip(rows, model.people) {
            #expect(row[1] as? String == p.name)
            #expect(row[2] as? String == p.company)
            #expect(row[4] as? String == p.profileURL)
            if p.scored {
                #expect(row[6] as? Int == Int((p.strength * 1000).rounded()))
            } else {
                #expect(row[6] is NSNull)
            }
            #expect(row[12] as? Int == Int((p.proximity * 1000).rounded()))
            #expect((row[19] as? Int).map { strings[$0] } == p.knownBy.joined(separator: ", "))
            #expect(row[14] as? String == p.group?.rawValue ?? "")
            let ledger = try #require(row[18] as? [[Any]])
            #expect(ledger.count == p.ledger.count)
            if let l = ledger.last, let note = l[3] as? Int {
                #expect(strings[note] == p.ledger.last!.note)
            }
        }
    }

    @Test func dataBlockCannotCloseTheScript() throws {
        let html = HTMLReport.render(HTMLTestModel.hostileModel()).text
        let block = try #require(Self.dataBlock(html))
        #expect(!block.contains("<"))
        #expect(!block.contains(">"))
        #expect(!block.contains("\u{2028}"))
        #expect(block.contains("\\u003c/script\\u003e"))
        #expect(block.contains("\\u2028"))
    }

    @Test func noUnescapedInputAnywhere() {
        let html = HTMLReport.render(HTMLTestModel.hostileModel()).text
        for h in HTMLTestModel.hostile where h.contains("<") || h.contains("\"") {
            #expect(!html.contains(h), "raw input found: \(h)")
        }
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>lead"))
        #expect(!html.contains("alert(1)</script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("Tom &amp;amp; Jerry"))
        #expect(html.contains("&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"))
        // Every `<` outside our literal script and style starts one of our own tags.
        let allowed: Set<String> = [
            "!doctype", "html", "head", "meta", "title", "script", "style", "body", "header", "h1", "h2", "h3", "p",
            "strong",
            "time", "code", "ul", "li", "b", "span", "nav", "a", "main", "section", "div", "table", "thead", "tbody",
            "tr", "th",
            "td", "button", "article", "svg", "line", "text", "circle", "rect", "path", "input", "select", "option",
            "colgroup",
            "col", "noscript", "details", "summary", "figure", "figcaption", "dialog", "ol", "dl", "dt", "dd", "tspan",
        ]
        let rest = Self.withoutAssets(html)
        var tags = Set<String>()
        var i = rest.startIndex
        while let lt = rest[i...].firstIndex(of: "<") {
            var j = rest.index(after: lt)
            if j < rest.endIndex, rest[j] == "/" { j = rest.index(after: j) }
            let name = rest[j...].prefix { $0.isLetter || $0.isNumber || $0 == "!" }
            tags.insert(name.lowercased())
            i = rest.index(after: lt)
        }
        #expect(tags.subtracting(allowed).isEmpty, "unexpected tags: \(tags.subtracting(allowed).sorted())")
    }

    @Test func noRemoteResources() throws {
        let html = Self.withoutAssets(HTMLReport.render(HTMLTestModel.hostileModel()).text)
        let resource = try Regex("<(script|link|img|iframe|source|video|audio|embed|object)\\b[^>]*>").ignoresCase()
        for m in html.matches(of: resource) {
            let tag = String(html[m.range])
            #expect(!tag.lowercased().contains("src="), "resource tag with src: \(tag)")
            #expect(!tag.lowercased().contains("href="), "resource tag with href: \(tag)")
        }
        #expect(!html.contains("<link"))
        #expect(!html.contains("<img"))
        // Every link is an in-page anchor.
        let href = try Regex("href=\"([^\"]*)\"")
        for m in html.matches(of: href) {
            let value = String(html[m.range])
            #expect(value.hasPrefix("href=\"#"), "non-local link: \(value)")
        }
        #expect(html.contains("Content-Security-Policy"))
        #expect(html.contains("default-src &#39;none&#39;"))
    }

    @Test func emptyModelShowsEmptyStates() {
        let html = HTMLReport.render(HTMLReportModel()).text
        for id in HTMLReport.sectionIDs { #expect(html.contains("<section id=\"\(id)\"")) }
        #expect(html.contains("Nothing to do this week: no reply owed, no follow-up due, no introduction to ask for."))
        #expect(html.contains("Run the report every week with --store FILE to see what changed"))
        #expect(!html.contains("id=\"wp-actions\""))
        #expect(html.contains("No targets given"))
        #expect(html.contains("No network to draw."))
        #expect(html.contains("No import issues"))
        #expect(html.contains("{\"v\":2,\"p\":[],\"s\":[]}"))
    }

    @Test func networkSaysWhenCut() {
        var model = HTMLReportModel()
        let people = (0..<30).map { HTMLTestModel.person($0, name: "P\($0)", strength: Double($0) / 30) }
        model.network = NetworkLayout.view(people: people, edges: [], ownerID: "me", ownerName: "Me", limit: 10)
        let html = HTMLReport.render(model).text
        #expect(html.contains("Showing the 10 strongest of 30 people."))
        #expect(html.contains("<details class=\"cloud\"><summary>The whole network: 30 people</summary>"))
        #expect(html.components(separatedBy: "<circle class=\"n ").count == 12)
    }

    @Test func escaping() {
        #expect(HTML.escaped("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(HTML.escaped("plain ünïcode") == "plain ünïcode")
        var h = HTML()
        h.element("p", [.class("a\"b"), .flag("hidden")], text: "<x>")
        #expect(h.markup == "<p class=\"a&quot;b\" hidden>&lt;x&gt;</p>")
        var s = HTML()
        s.void("circle", [.num("r", 2.345, 1)])
        #expect(s.markup == "<circle r=\"2.3\"/>")
    }

    @Test(arguments: [0.0, 0.5, 1.0, -0.25, 0.125, 2.675, 123.456, -0.0004, 1e6 + 0.5, 0.995])
    func fastFixedMatchesFormatFixed(value: Double) {
        for d in 0...3 {
            #expect(FastFixed.format(value, d) == Format.fixed(value, d), "\(value) with \(d) decimals")
        }
    }

    @Test func jsonStringEscaping() {
        func enc(_ s: String) -> String {
            var out: [UInt8] = []
            HTMLDataBlock.string(s, into: &out)
            return String(decoding: out, as: UTF8.self)
        }
        #expect(enc("a\"b\\c") == "\"a\\\"b\\\\c\"")
        #expect(enc("</script><!--") == "\"\\u003c/script\\u003e\\u003c!--\"")
        #expect(enc("x\u{2028}y\u{2029}z") == "\"x\\u2028y\\u2029z\"")
        // Other control characters become U+FFFD, as in the page's text (ControlCharacterTests).
        #expect(enc("tab\tnl\ncr\r\u{1}") == "\"tab\\tnl\\ncr\\u000d\u{FFFD}\"")
        #expect(enc("é€😀 \u{2026}") == "\"é€😀 \u{2026}\"")
        #expect(enc("&") == "\"\\u0026\"")
    }

    @Test func chartsFromPeople() {
        let people = [0.0, 0.04, 0.5, 0.99, 1.0, .nan].enumerated().map {
            HTMLTestModel.person($0.offset, name: "x", strength: $0.element)
        }
        let c = M.Charts.from(people: people, bins: 10)
        #expect(c.strengthHistogram == [3, 0, 0, 0, 0, 1, 0, 0, 0, 2])
        #expect(c.readinessParts.map(\.part) == ["credibility", "reliability", "intimacy", "self-orientation"])
        #expect(abs(c.readinessParts[0].average - 0.5) < 1e-12)
    }

    @Test func dataQualityFromImports() {
        var imp = SourceImport(kind: .linkedin, path: "x.zip", label: "linkedin")
        imp.files = [FileSummary(file: "Connections.csv", rows: 10, skipped: ["blank rows": 2])]
        imp.issues = [
            ImportIssue(source: "linkedin", file: "messages.csv", line: 9, severity: .warning, message: "bad date"),
            ImportIssue(
                source: "linkedin", file: "Connections.csv", line: 4, severity: .error, message: "<b>", location: "$.a"),
        ]
        let q = M.DataQuality.from(imports: [imp], limit: 1)
        #expect(q.totalIssues == 2)
        #expect(q.files.map(\.file) == ["Connections.csv", "messages.csv"])
        #expect(q.files.map(\.issues) == [1, 1])
        #expect(q.files[0].skipped == 2)
        #expect(q.issues.count == 1)
        #expect(q.issues[0].message == "<b> (at $.a)")
    }
}

@Suite struct HTMLNetworkLayoutTests {
    @Test func deterministicBoundedAndCut() {
        let model = HTMLTestModel.generated(count: 3_000)
        let a = NetworkLayout.view(people: model.people, edges: model.network.edges, ownerID: "p-owner", ownerName: "O")
        let b = NetworkLayout.view(people: model.people, edges: model.network.edges, ownerID: "p-owner", ownerName: "O")
        #expect(a == b)
        #expect(model.network.nodes.count == 2_001)
        #expect(model.network.totalPeople == 3_000)
        let v = model.network
        #expect(v.nodes[0].isOwner && v.nodes[0].x == 0.5 && v.nodes[0].y == 0.5)
        for n in v.nodes {
            #expect((0...1).contains(n.x) && (0...1).contains(n.y))
        }
        for e in v.edges {
            #expect(e.a >= 0 && Int(e.b) < v.nodes.count && e.a < e.b)
        }
        // The 2,000 strongest were kept.
        let kept = Set(v.nodes.map(\.id))
        let sorted = model.people.sorted { ($0.strength, $1.id) > ($1.strength, $0.id) }
        #expect(sorted.prefix(2_000).allSatisfy { kept.contains($0.id) })
        #expect(!kept.contains(sorted[2_500].id))
    }

    @Test func strongerTiesSitCloser() {
        let model = HTMLTestModel.generated(count: 1_500, seed: 7)
        let strength = Dictionary(uniqueKeysWithValues: model.people.map { ($0.id, $0.strength) })
        let people = model.network.nodes.filter { !$0.isOwner }.map { n in
            (strength[n.id]!, ((n.x - 0.5) * (n.x - 0.5) + (n.y - 0.5) * (n.y - 0.5)).squareRoot())
        }.sorted { $0.0 > $1.0 }
        let tenth = people.count / 10
        let strong = people.prefix(tenth).map(\.1).reduce(0, +) / Double(tenth)
        let weak = people.suffix(tenth).map(\.1).reduce(0, +) / Double(tenth)
        #expect(strong < weak * 0.6, "strong ties at \(strong), weak at \(weak)")
    }

    @Test func overlapsAreReduced() {
        // 300 equally strong people start on one small ring, far too crowded; relaxation spreads them.
        let people = (0..<300).map { HTMLTestModel.person($0, name: "P", strength: 1) }
        let v = NetworkLayout.view(people: people, edges: [], ownerID: nil, ownerName: "")
        #expect(v.nodes.count == 300)
        var overlapping = 0
        for i in v.nodes.indices {
            for j in v.nodes.indices where j > i {
                let d =
                    ((v.nodes[i].x - v.nodes[j].x) * (v.nodes[i].x - v.nodes[j].x) + (v.nodes[i].y - v.nodes[j].y)
                        * (v.nodes[i].y - v.nodes[j].y))
                    .squareRoot()
                if d < (v.nodes[i].size + v.nodes[j].size) / 1_000 * 0.5 { overlapping += 1 }
            }
        }
        #expect(overlapping < 15, "\(overlapping) pairs still overlap by more than half")
    }
}

@Suite struct HTMLReportModelBuilderTests {
    static func network() -> Network {
        let prov = Provenance(source: "linkedin", file: "messages.csv", line: 2)
        let people = ["Owner", "Ann <b>", "Bo"].enumerated().map { i, n in
            Person(id: PersonID(rawValue: "p\(i)"), name: n, company: "Acme", sources: ["linkedin"], isOwner: i == 0)
        }
        func msg(_ from: Int32, _ to: Int32, _ t: Double, _ flags: InteractionFlags = []) -> Event {
            Event(
                Interaction(kind: .message, time: t, actor: from, recipients: [to], flags: flags, provenance: prov),
                actor: from, recipients: [to])
        }
        let jan = Double(ReportDate.days(year: 2024, month: 1, day: 10)) * 86_400
        let mar = Double(ReportDate.days(year: 2024, month: 3, day: 5)) * 86_400
        let events = [msg(1, 0, jan), msg(0, 1, jan + 60), msg(0, 2, mar), msg(0, 2, mar, .draft), msg(1, 2, mar)]
        var src = SourceImport(kind: .linkedin, path: "linkedin.zip", label: "linkedin")
        src.files = [FileSummary(file: "messages.csv", rows: 6, skipped: ["blank rows": 1])]
        let issue = ImportIssue(
            source: "linkedin", file: "messages.csv", line: 5, severity: .warning, message: "blank row")
        return Network(
            people: people, events: events, sourceOwners: [0], sources: [SourceSummary(src)], issues: [issue])
    }

    @Test func buildsFromNetworkAndScores() throws {
        let net = Self.network()
        let stats = ContactStats.compute(net, owner: 0)
        let prov = Provenance(source: "linkedin", file: "Endorsement_Received_Info.csv", line: 3)
        let book = ScoreBook(
            owner: 0, asOf: 0,
            people: [
                PersonScore(),
                PersonScore(
                    strength: 0.8, readiness: 0.6,
                    ledger: [
                        LedgerEntry(
                            score: .strength, term: "activity", contribution: 1.5, note: "two messages",
                            evidence: [prov])
                    ]),
                PersonScore(strength: 0.2),
            ],
            pairs: [PairStrength(a: 1, b: 2, strength: 0.4)],
            endorsements: [
                EndorsementScore(
                    endorser: 1, endorsee: 0, skill: "Swift", kind: "endorsement", time: nil, strength: 0.3, tie: 0.8,
                    penalty: 0, provenance: prov),
                EndorsementScore(
                    endorser: 2, endorsee: 0, skill: "Swift", kind: "endorsement", time: nil, strength: 0.05, tie: 0.1,
                    penalty: 0, provenance: prov),
            ],
            skills: [SkillScore(endorsee: 0, skill: "Swift", strength: 0.33, endorsers: 2, topEndorsers: [1, 2])])
        let m = HTMLReportModel.build(network: net, owner: 0, asOf: 0, stats: stats, scores: book)
        #expect(m.ownerName == "Owner")
        #expect(m.people.map(\.id) == ["p1", "p2"])
        #expect(m.people[0].strength == 0.8)
        #expect(m.people[0].messagesIn == 1 && m.people[0].messagesOut == 1)
        #expect(
            m.people[0].ledger == [
                HTMLReportModel.LedgerLine(
                    score: "strength", term: "activity", contribution: 1.5, note: "two messages",
                    evidence: ["Endorsement_Received_Info.csv #3"])
            ])
        #expect(m.messagesPerMonthSummary == ["2024-01 1/1", "2024-02 0/0", "2024-03 0/1"])
        #expect(
            m.skills == [
                HTMLReportModel.SkillRow(
                    skill: "Swift", strength: 0.33, endorsers: 2,
                    topEndorser: HTMLReportModel.PersonRef(id: "p1", name: "Ann <b>"), blind: 1, connected: 1)
            ])
        #expect(m.endorsements.map(\.endorser.id) == ["p1", "p2"])
        #expect(m.network.nodes.count == 3 && m.network.nodes[0].isOwner)
        #expect(m.network.edges.count == 1)
        #expect(
            m.dataQuality.files == [
                HTMLReportModel.FileRow(source: "linkedin", file: "messages.csv", rows: 6, skipped: 1, issues: 1)
            ])
        #expect(m.dataQuality.totalIssues == 1)
        #expect(m.counts.first == HTMLReportModel.Count("people", 2))
        let html = HTMLReport.render(m).text
        #expect(html.contains("Ann &lt;b&gt;"))
    }

    @Test func withoutScoresUsesSharedEvents() {
        let net = Self.network()
        let m = HTMLReportModel.build(network: net, owner: 0, asOf: 0, stats: ContactStats.compute(net, owner: 0))
        #expect(m.people.allSatisfy { $0.strength == 0 && $0.ledger.isEmpty })
        #expect(m.network.edges.count == 1)  // Ann – Bo; edges to the owner are not drawn
        #expect(m.skills.isEmpty)
    }
}

extension HTMLReportModel {
    /// `yyyy-MM in/out` per month, for compact expectations.
    var messagesPerMonthSummary: [String] {
        charts.messagesPerMonth.map { "\($0.month) \($0.inbound)/\($0.outbound)" }
    }
}
