import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// The self-contained HTML report: one `index.html` with inline CSS, inline SVG and a small
/// vanilla script, that opens offline in any browser and fetches nothing (a
/// Content-Security-Policy forbids it).
///
/// Sections, in order: This week, Targets and warm paths, People, The three groups, Endorsements
/// and skills, Network, Charts, Data quality. The people table is rendered by the script from a
/// JSON block (see ``HTMLDataBlock``) with paging, sorting on every column and filtering, so tens
/// of thousands of people stay smooth; clicking a name anywhere opens that person's evidence
/// ledger. Every value from the model is escaped where it enters (see ``HTML``); the output is a
/// pure function of the model (byte-identical for the same model).
///
/// ```
/// let file = HTMLReport.render(model)
/// file.name == "index.html"
/// ```
public enum HTMLReport {
    /// Section ids in page order (the `id` of each `<section>`).
    public static let sectionIDs = [
        "this-week", "targets", "people", "groups", "skills", "network", "charts", "data-quality",
    ]
    /// Section headings in page order.
    public static let sectionTitles = [
        "This week", "Targets and warm paths", "People", "The three groups", "Endorsements and skills", "Network",
        "Charts",
        "Data quality",
    ]

    /// Rows listed per "This week" list and per group before "and N more".
    static let listLimit = 25
    /// Endorsement rows listed (the rest is in the CSV files).
    static let endorsementLimit = 300

    typealias Model = HTMLReportModel

    /// Renders `index.html`.
    /// - Complexity: O(size of the model); the network picture is drawn from the model's
    ///   already laid-out nodes.
    /// The parts of the page that depend only on the model's people and targets (the people
    /// data block and the targets section), made ahead so they can be built beside other work.
    public struct Prerendered: Sendable {
        public var dataBlock: [UInt8]
        public var targets: HTML
    }

    /// ``Prerendered`` parts of `model`'s page; ``render(_:prerendered:)`` with them gives the
    /// same page as without.
    public static func prerender(_ model: HTMLReportModel) -> Prerendered {
        var t = HTML()
        targets(&t, model)
        return Prerendered(dataBlock: HTMLDataBlock.json(model.people), targets: t)
    }

    /// - Parameter prerendered: parts made ahead by ``prerender(_:)`` from a model with the same
    ///   people and targets.
    public static func render(_ model: HTMLReportModel, prerendered: Prerendered? = nil) -> ReportFile {
        var h = HTML("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        h.raw("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
        h.open(
            "meta",
            [Attribute("http-equiv", "Content-Security-Policy"), Attribute("content", HTMLAssets.csp.description)])
        h.raw("<meta name=\"generator\" content=\"warmpath\"><meta name=\"color-scheme\" content=\"light dark\">")
        h.element("title", text: model.title.isEmpty ? "warmpath report" : model.title)
        h.raw("<script>")
        h.raw(HTMLAssets.errorHook)
        h.raw("</script><style>")
        h.raw(HTMLAssets.css)
        h.raw(ThisWeekSection.css)
        h.raw("</style></head><body>")
        header(&h, model)
        h.raw("<nav class=\"toc\" aria-label=\"Sections\">")
        for (id, title) in zip(sectionIDs, sectionTitles) {
            h.element("a", [Attribute("href", "#" + id)], text: title)
        }
        h.raw("</nav><main>")
        ThisWeekSection.render(&h, model)
        if let prerendered { h.append(prerendered.targets) } else { targets(&h, model) }
        people(&h, model)
        groups(&h, model)
        skills(&h, model)
        network(&h, model)
        charts(&h, model)
        dataQuality(&h, model)
        h.raw("</main>")
        ledgerDialog(&h, model.legend)
        h.raw("<script type=\"application/json\" id=\"wp-data\">")
        var bytes = Array(h.markup.utf8)
        bytes += prerendered?.dataBlock ?? HTMLDataBlock.json(model.people)
        var tail = HTML("</script><script>")
        tail.raw(HTMLAssets.script)
        tail.raw("</script></body></html>\n")
        bytes += tail.markup.utf8
        return ReportFile(name: "index.html", contents: Data(bytes))
    }

    // MARK: Sections

    static func header(_ h: inout HTML, _ m: Model) {
        h.raw("<header class=\"top\">")
        h.element("h1", text: m.title.isEmpty ? "warmpath report" : m.title)
        h.element("p", [.class("meta")]) { p in
            if !m.ownerName.isEmpty {
                p.raw("From the point of view of <strong>")
                p.text(m.ownerName)
                p.raw("</strong> · ")
            }
            p.raw("as of ")
            p.element("time", [Attribute("datetime", ReportDate.day(m.asOf))], text: ReportDate.day(m.asOf))
        }
        if !m.sources.isEmpty {
            h.element("p", [.class("meta")]) { p in
                p.raw("Generated from ")
                for (i, s) in m.sources.enumerated() {
                    if i > 0 { p.raw(", ") }
                    p.element("code", text: s)
                }
            }
        }
        if !m.counts.isEmpty {
            h.raw("<ul class=\"counts\">")
            for c in m.counts {
                h.raw("<li><b>")
                h.grouped(c.value)
                h.raw("</b><span>")
                h.text(c.label)
                h.raw("</span></li>")
            }
            h.raw("</ul>")
        }
        h.raw("</header>")
    }

    static func openSection(_ h: inout HTML, _ index: Int, lead: String) {
        h.open("section", [.id(sectionIDs[index]), Attribute("aria-labelledby", sectionIDs[index] + "-h")])
        h.element("h2", [.id(sectionIDs[index] + "-h")], text: sectionTitles[index])
        if !lead.isEmpty { h.element("p", [.class("lead")], text: lead) }
    }

    static func table<C: Collection>(
        _ h: inout HTML, header: [(String, Bool)], rows: C, _ row: (inout HTML, C.Element) -> Void
    ) {
        h.raw("<table><thead><tr>")
        for (title, numeric) in header {
            h.element(
                "th", numeric ? [.class("n"), Attribute("scope", "col")] : [Attribute("scope", "col")], text: title)
        }
        h.raw("</tr></thead><tbody>")
        for r in rows {
            h.raw("<tr>")
            row(&h, r)
            h.raw("</tr>")
        }
        h.raw("</tbody></table>")
    }

    static func more(_ h: inout HTML, _ n: Int) {
        guard n > 0 else { return }
        h.raw("<p class=\"more\">and ")
        h.grouped(n)
        h.raw(" more</p>")
    }

    static func cell(_ h: inout HTML, _ text: String) { h.element("td", text: text) }
    static func numberCell(_ h: inout HTML, _ text: String) { h.element("td", [.class("n")], text: text) }

    static func personCell(_ h: inout HTML, _ p: Model.PersonRef) {
        h.raw("<td>")
        personButton(&h, p)
        h.raw("</td>")
    }

    /// A name that opens the person's ledger.
    static func personButton(_ h: inout HTML, _ p: Model.PersonRef) {
        h.element(
            "button", [Attribute("type", "button"), .class("pl"), Attribute("data-pid", p.id)],
            text: p.name.isEmpty ? p.id : p.name)
    }

    /// A probability in whole percent; a chance above 0 but under 0.5% is "<1%", never "0%".
    static func percent(_ p: Double) -> String {
        let v = p.isFinite ? p : 0
        if v > 0 && v < 0.005 { return "<1%" }
        return FastFixed.format(v * 100, 0) + "%"
    }

    /// The Targets section (``HTMLTargets``).
    static func targets(_ h: inout HTML, _ m: Model) { HTMLTargets.section(&h, m) }

    /// The Network section (``HTMLNetwork``).
    static func network(_ h: inout HTML, _ m: Model) { HTMLNetwork.section(&h, m) }

    /// People table columns: (key used by the script, heading, numeric, width in px).
    static let peopleColumns: [(String, String, Bool, Int)] = [
        ("name", "Name", false, 146), ("company", "Company", false, 118), ("position", "Position", false, 124),
        ("strength", "Strength", false, 104), ("readiness", "Readiness", false, 104),
        ("credibility", "Cred.", true, 58),
        ("reliability", "Rel.", true, 52), ("intimacy", "Int.", true, 52), ("self", "Self-or.", true, 66),
        ("proximity", "Prox.", true, 58), ("degree", "Hops", true, 52), ("group", "Group", false, 96),
        ("known", "Known by", false, 150), ("last", "Last contact", false, 108), ("in", "In", true, 46),
        ("out", "Out", true, 50),
    ]

    static func people(_ h: inout HTML, _ m: Model) {
        openSection(
            &h, 2,
            lead: "Everyone in the merged network. Sort by any column, filter by name, company or group, "
                + "and click a name to see the evidence behind the scores.")
        h.raw("<div class=\"controls\">")
        h.raw(
            "<input type=\"search\" id=\"q\" placeholder=\"Filter by name, company, position\" aria-label=\"Filter people\" autocomplete=\"off\">"
        )
        h.raw("<select id=\"grp\" aria-label=\"Group\"><option value=\"all\">All groups</option>")
        for g in [PersonGroup.needNow, .needLater, .evangelist] {
            h.element("option", [Attribute("value", g.rawValue)], text: g.label)
        }
        h.raw("<option value=\"none\">No group</option></select>")
        h.raw(
            "<select id=\"pg-size\" aria-label=\"Rows per page\"><option value=\"50\">50 rows</option><option value=\"100\">100 rows</option><option value=\"500\">500 rows</option></select>"
        )
        // Room for the first page of rows before the script fills them (no jump when it does).
        h.raw("</div>")
        h.open(
            "div",
            [
                .class("tablewrap"),
                Attribute("style", "min-height:calc(var(--row) * " + String(min(m.people.count, 50)) + " + 40px)"),
            ])
        h.raw("<table id=\"ppl\" aria-label=\"People\"><colgroup>")
        for c in peopleColumns {
            h.void("col", [Attribute("style", "width:" + String(c.3) + "px")], selfClosing: false)
        }
        h.raw("</colgroup><thead><tr>")
        for c in peopleColumns {
            var attrs = [Attribute("data-k", c.0), Attribute("scope", "col")]
            if c.2 { attrs.append(.class("n")) }
            if let t = HTMLLegend.columnTitles[c.0] { attrs.append(Attribute("title", t)) }
            h.open("th", attrs)
            h.element("button", [Attribute("type", "button")], text: c.1)
            h.close("th")
        }
        h.raw("</tr></thead><tbody></tbody></table>")
        h.raw(
            "<noscript><p class=\"empty\">The people table needs JavaScript; the same data is in people.csv.</p></noscript></div>"
        )
        h.raw(
            "<div class=\"pager\"><button type=\"button\" id=\"pg-prev\">Previous</button><button type=\"button\" id=\"pg-next\">Next</button>"
        )
        h.element(
            "span", [.id("pg-info"), Attribute("aria-live", "polite")], text: m.people.isEmpty ? "No people." : "")
        h.raw("</div>")
        HTMLLegend.peopleColumns(&h, m.legend)
        h.raw("</section>")
    }

    static func groups(_ h: inout HTML, _ m: Model) {
        openSection(
            &h, 3,
            lead:
                "Need now: targets with a fresh signal. Need later: good fit, keep warm. Evangelists: people who vouch "
                + "for you and reach many others.")
        h.raw("<div class=\"grid\">")
        // People without shared evidence show "—", not 0.00.
        let unscored = Set(m.people.lazy.filter { !$0.scored }.map(\.id))
        for kind in [PersonGroup.needNow, .needLater, .evangelist] {
            let g = m.groups.first { $0.kind == kind } ?? Model.Group(kind: kind, count: 0, top: [])
            h.raw("<div class=\"card\"><h3>")
            h.open("span", [.class("dot " + HTMLSVG.groupClass(kind)), Attribute("aria-hidden", "true")])
            h.raw("</span>")
            h.text(kind.label)
            h.raw(" <span class=\"tag\">")
            h.grouped(g.count)
            h.raw("</span></h3>")
            if g.top.isEmpty {
                h.element("p", [.class("empty")], text: "Nobody in this group yet.")
            } else {
                table(
                    &h, header: [("Person", false), ("Strength", true), ("Readiness", true), ("Why", false)],
                    rows: g.top.prefix(listLimit)
                ) { h, r in
                    personCell(&h, r.person)
                    let known = !unscored.contains(r.person.id)
                    numberCell(&h, known ? FastFixed.format(r.strength, 2) : "—")
                    numberCell(&h, known ? FastFixed.format(r.readiness, 2) : "—")
                    cell(&h, r.reason)
                }
                more(&h, g.count - min(g.top.count, listLimit))
            }
            h.raw("</div>")
        }
        h.raw("</div></section>")
    }

    static func skills(_ h: inout HTML, _ m: Model) {
        openSection(
            &h, 4,
            lead:
                "Each skill's strength combines its endorsers (noisy-OR). Connected vouching (endorsers with a real tie) "
                + "counts for more than blind ratings.")
        if m.skills.isEmpty {
            h.element("p", [.class("empty")], text: "No endorsements or recommendations in the sources.")
        } else {
            h.raw("<div class=\"card\">")
            h.raw(
                "<div class=\"legend\"><span><span class=\"dot g3\"></span>connected endorsers</span><span><span class=\"dot g0\"></span>blind endorsers</span></div>"
            )
            table(
                &h,
                header: [
                    ("Skill", false), ("Strength", false), ("Endorsers", true), ("Top endorser", false),
                    ("Connected vs blind", false),
                ],
                rows: m.skills
            ) { h, s in
                cell(&h, s.skill)
                h.raw("<td>")
                bar(&h, s.strength)
                h.number(s.strength, 2)
                h.raw("</td>")
                numberCell(&h, Format.grouped(s.endorsers))
                if let t = s.topEndorser { personCell(&h, t) } else { cell(&h, "") }
                h.raw("<td>")
                let total = max(s.blind + s.connected, 1)
                h.open(
                    "div",
                    [
                        .class("split"), Attribute("role", "img"),
                        Attribute("aria-label", String(s.connected) + " connected, " + String(s.blind) + " blind"),
                    ])
                h.void(
                    "span",
                    [
                        .class("c"),
                        Attribute(
                            "style", "width:" + FastFixed.format(100 * Double(s.connected) / Double(total), 1) + "%"),
                    ], selfClosing: false)
                h.raw("</span>")
                h.void(
                    "span",
                    [
                        .class("b"),
                        Attribute("style", "width:" + FastFixed.format(100 * Double(s.blind) / Double(total), 1) + "%"),
                    ], selfClosing: false)
                h.raw("</span></div><span class=\"num\">")
                h.integer(s.connected)
                h.raw(" connected · ")
                h.integer(s.blind)
                h.raw(" blind</span></td>")
            }
            h.raw("</div>")
        }
        if !m.endorsements.isEmpty {
            h.raw("<details><summary>")
            h.grouped(m.endorsements.count)
            h.raw(" endorsements and recommendations</summary><div class=\"card\">")
            table(
                &h,
                header: [
                    ("Endorser", false), ("For", false), ("Skill", false), ("Kind", false), ("Date", false),
                    ("Weight", true), ("Tie", true), ("Penalty", true),
                ],
                rows: m.endorsements.prefix(endorsementLimit)
            ) { h, e in
                personCell(&h, e.endorser)
                personCell(&h, e.endorsee)
                cell(&h, e.skill)
                cell(&h, e.kind)
                cell(&h, ReportDate.day(e.time))
                numberCell(&h, FastFixed.format(e.strength, 2))
                numberCell(&h, FastFixed.format(e.tie, 2))
                numberCell(&h, FastFixed.format(e.penalty, 2))
            }
            more(&h, m.endorsements.count - endorsementLimit)
            h.raw("</div></details>")
        }
        h.raw("</section>")
    }

    static func bar(_ h: inout HTML, _ v: Double) {
        let w = FastFixed.format(min(max(v.isFinite ? v : 0, 0), 1) * 100, 1)
        h.void("span", [.class("bar"), Attribute("style", "--w:" + w + "%")], selfClosing: false)
        h.raw("</span>")
    }

    static func charts(_ h: inout HTML, _ m: Model) {
        let c = m.charts
        openSection(&h, 6, lead: "")
        h.raw("<div class=\"grid wide\">")
        h.raw("<figure class=\"card\">")
        let hist = c.strengthHistogram
        if hist.isEmpty || hist.allSatisfy({ $0 == 0 }) {
            h.element("p", [.class("empty")], text: "No strength scores to chart.")
        } else {
            let ticks = [0.0, 0.25, 0.5, 0.75, 1.0].map { ($0, FastFixed.format($0, 2)) }
            h.append(
                HTMLSVG.bars(
                    id: "c-strength", title: "Tie strength distribution", values: hist.map(Double.init), xTicks: ticks,
                    xTitle: "tie strength", yTitle: "people"))
        }
        h.element(
            "figcaption", text: "How many people fall in each band of tie strength; most networks are mostly weak ties."
        )
        h.raw("</figure><figure class=\"card\">")
        if c.messagesPerMonth.isEmpty {
            h.element("p", [.class("empty")], text: "No dated messages to chart.")
        } else {
            h.append(HTMLSVG.monthLines(id: "c-months", title: "Messages per month", months: c.messagesPerMonth))
        }
        h.element("figcaption", text: "Messages you received and sent each month.")
        h.raw("</figure><figure class=\"card\">")
        if c.readinessParts.isEmpty {
            h.element("p", [.class("empty")], text: "No readiness scores to chart.")
        } else {
            h.append(
                HTMLSVG.horizontalBars(
                    id: "c-parts", title: "Average readiness parts",
                    items: c.readinessParts.map { ($0.part, $0.average) }, xTitle: "average score"))
        }
        h.element(
            "figcaption",
            text: "Average of each part of referral readiness over everyone; self-orientation lowers readiness.")
        h.raw("</figure></div></section>")
    }

    static func dataQuality(_ h: inout HTML, _ m: Model) {
        let q = m.dataQuality
        openSection(
            &h, 7,
            lead: "What was read from each file and what was skipped. Every skipped row is listed in import-issues.csv."
        )
        h.raw("<div class=\"card\">")
        if q.files.isEmpty {
            h.element("p", [.class("empty")], text: "No files were read.")
        } else {
            table(
                &h, header: [("Source", false), ("File", false), ("Rows", true), ("Skipped", true), ("Issues", true)],
                rows: q.files
            ) { h, f in
                cell(&h, f.source)
                cell(&h, f.file)
                numberCell(&h, Format.grouped(f.rows))
                numberCell(&h, Format.grouped(f.skipped))
                numberCell(&h, Format.grouped(f.issues))
            }
        }
        h.raw("</div>")
        h.raw("<div class=\"card\" style=\"margin-top:16px\">")
        if q.issues.isEmpty {
            h.element("h3", text: "Issues")
            h.element("p", [.class("empty")], text: "No import issues: every row was read.")
        } else {
            h.raw("<h3>First ")
            h.grouped(q.issues.count)
            h.raw(" of ")
            h.grouped(max(q.totalIssues, q.issues.count))
            h.raw(" issues</h3>")
            table(
                &h,
                header: [("Source", false), ("File", false), ("Line", true), ("Severity", false), ("Message", false)],
                rows: q.issues
            ) { h, i in
                cell(&h, i.source)
                cell(&h, i.file)
                numberCell(&h, i.line > 0 ? String(i.line) : "")
                let sev: String =
                    switch i.severity {
                    case "error": "sev-error"
                    case "warning": "sev-warning"
                    default: ""
                    }
                h.element("td", [.class(sev)], text: i.severity)
                cell(&h, i.message)
            }
        }
        h.raw("</div></section>")
    }

    static func ledgerDialog(_ h: inout HTML, _ l: Model.Legend) {
        // The bands the dialog names scores with: strength strong / medium, readiness high / medium.
        h.raw("<dialog id=\"ledger\" aria-labelledby=\"l-name\" data-bands=\"")
        for v in [
            l.strength.high, l.strength.medium, l.readiness.high, l.readiness.medium, l.reach.high, l.reach.medium,
        ] {
            h.number(v, 3)
            h.raw(" ")
        }
        h.raw("\">")
        h.raw(
            """
            <div class="dlg"><header><div><h2 id="l-name"></h2>\
            <p class="sub" id="l-sub"></p></div><button type="button" class="close" id="l-close">Close</button></header>\
            <code id="l-url"></code><p class="sub" id="l-src"></p><div class="scores" id="l-scores"></div>\
            <div id="l-body"></div></div></dialog>
            """)
    }
}
