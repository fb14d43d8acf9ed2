import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// The Targets section: one card per target row (the target as typed, the people it matched,
/// the next step, the paths drawn hop by hop and in a stated order), then the rows that matched
/// nobody and the suggested merges.
enum HTMLTargets {
    typealias Model = HTMLReportModel

    /// Paths drawn per target person ...
    static let pathLimit = 5
    /// ... of which the first this many are open, the rest behind "more alternatives".
    static let pathsOpen = 2
    /// Over this many target people, only the best path of each is open.
    static let manyTargets = 8
    /// People of one company row shown with their paths; the rest are listed in a table.
    static let peopleShown = 3
    /// Rows of the "more people" table and of the merges card.
    static let rowLimit = 50

    static func section(_ h: inout HTML, _ m: Model) {
        HTMLReport.openSection(
            &h, 1,
            lead: "Whom to contact for each target, and through whom. The next step comes first; the paths below it "
                + "are the alternatives, most likely first.")
        legend(&h, m.legend)
        if m.targets.isEmpty && m.unmatchedTargets.isEmpty {
            h.element("p", [.class("empty")], text: "No targets given, or no warm path found to any of them.")
        }
        var i = 0
        var card = 0
        var shownIn: [String: Int] = [:]
        while i < m.targets.count {
            var j = i + 1
            while j < m.targets.count && m.targets[j].typed == m.targets[i].typed
                && m.targets[j].rule == m.targets[i].rule
            {
                j += 1
            }
            targetCard(&h, Array(m.targets[i..<j]), m, index: card, shownIn: &shownIn)
            card += 1
            i = j
        }
        if !m.unmatchedTargets.isEmpty { unmatched(&h, m.unmatchedTargets) }
        if !m.mergeSuggestions.isEmpty { merges(&h, m.mergeSuggestions) }
        h.raw("</section>")
    }

    /// How to read the section's numbers, with the bands from the config.
    static func legend(_ h: inout HTML, _ l: Model.Legend) {
        h.raw("<div class=\"keys card\"><h3>How to read the numbers</h3><dl>")
        h.element("dt", text: "Reach")
        h.element(
            "dd",
            text: "The chance that at least one of the independent paths to the person works. "
                + bandText(l.reach, percent: true) + ".")
        h.element("dt", text: "A link’s %")
        h.element(
            "dd",
            text: "The chance that this person passes the introduction on: for the first link your contact’s "
                + "readiness to refer you, for a known tie its strength, for a dashed link (inferred from a shared "
                + "employer or school, no tie known) at most " + HTMLReport.percent(l.inferredCap) + ".")
        h.element("dt", text: "A path’s %")
        h.element(
            "dd",
            text: "Its links’ chances multiplied, times " + HTMLReport.percent(l.attrition)
                + " for every hop after the first. The weakest link is drawn in orange.")
        h.element("dt", text: "Strength")
        h.element("dd", text: "How strong a tie is, 0–1. " + bandText(l.strength, percent: false) + ".")
        h.raw("</dl></div>")
    }

    /// "likely ≥ 50%, possible 20–50%, long shot < 20%".
    static func bandText(_ b: Model.Band, percent: Bool) -> String {
        func f(_ v: Double) -> String { percent ? HTMLReport.percent(v) : FastFixed.format(v, 2) }
        return b.highName + " ≥ " + f(b.high) + ", " + b.mediumName + " " + f(b.medium) + "–" + f(b.high) + ", "
            + b.lowName + " < " + f(b.medium)
    }

    /// One target row: its people, the next step for each, and their paths.
    /// - Parameter shownIn: the card number (from 0) of each person already shown with their
    ///   paths; such a person gets one line pointing there instead of their paths again.
    static func targetCard(
        _ h: inout HTML, _ people: [Model.TargetPaths], _ m: Model, index: Int, shownIn: inout [String: Int]
    ) {
        guard let first = people.first else { return }
        h.open("article", [.class("target card"), .id("target-" + String(index + 1))])
        h.raw("<header class=\"th\"><h3>")
        h.text(first.typed.isEmpty ? first.target.name : first.typed)
        h.raw("</h3>")
        let kind: String =
            first.isCompany
            ? "company · " + (people.count == 1 ? "1 person" : Format.grouped(people.count) + " people")
                + " known to work there"
            : first.rule.isEmpty ? "" : "matched by " + first.rule
        if !kind.isEmpty { h.element("span", [.class("tag")], text: kind) }
        h.raw("</header>")
        if first.isCompany && people.count > 1 {
            let direct = people.filter { $0.directStrength != nil }
            h.raw("<p class=\"summary\">")
            if direct.isEmpty {
                h.text("You know nobody at " + first.typed + " directly; the best introductions come first.")
            } else {
                h.text(
                    "You know " + (direct.count == 1 ? "1 person" : Format.grouped(direct.count) + " people") + " at "
                        + first.typed + " directly: "
                        + direct.prefix(3).map(\.target.name).joined(separator: ", ") + (direct.count > 3 ? ", …" : "")
                        + ".")
            }
            h.raw("</p>")
        }
        let fresh = people.filter { shownIn[$0.target.id] == nil }
        let perCard = m.targets.count > manyTargets ? peopleShown - 1 : peopleShown
        for t in fresh.prefix(perCard) {
            person(&h, t, m)
            shownIn[t.target.id] = index
        }
        let earlier = people.filter { shownIn[$0.target.id].map { $0 != index } ?? false }
        if !earlier.isEmpty {
            h.raw("<p class=\"summary\">Also ")
            for (k, t) in earlier.enumerated() {
                if k > 0 { h.raw(", ") }
                HTMLReport.personButton(&h, t.target)
                h.raw(" (")
                h.text(t.paths.isEmpty ? "no warm path" : "reach " + HTMLReport.percent(t.reach))
                h.raw(", ")
                h.element("a", [Attribute("href", "#target-" + String((shownIn[t.target.id] ?? 0) + 1))], text: "above")
                h.raw(")")
            }
            h.raw(".</p>")
        }
        if fresh.count > perCard {
            let rest = fresh.dropFirst(perCard)
            h.raw("<details><summary>")
            h.text(
                Format.grouped(rest.count) + " more " + (rest.count == 1 ? "person" : "people") + " at " + first.typed)
            h.raw("</summary>")
            HTMLReport.table(
                &h, header: [("Person", false), ("Title", false), ("Reach", true), ("Next step", false)],
                rows: rest.prefix(rowLimit)
            ) { h, t in
                HTMLReport.personCell(&h, t.target)
                HTMLReport.cell(&h, t.position)
                HTMLReport.numberCell(&h, t.paths.isEmpty ? "—" : HTMLReport.percent(t.reach))
                HTMLReport.cell(&h, stepText(t, m))
            }
            HTMLReport.more(&h, rest.count - rowLimit)
            h.raw("</details>")
        }
        h.raw("</article>")
    }

    /// The next step for one target person, in words.
    /// Contacting the target directly when you know them, unless an introduction is likelier to
    /// work (then the introduction, and that you know them too).
    static func stepText(_ t: Model.TargetPaths, _ m: Model) -> String {
        let strength = t.directStrength.map {
            t.directEvidence
                ? "strength " + FastFixed.format($0, 2) + ", " + m.legend.strength.name($0)
                : "no interaction evidence yet"
        }
        if let best = t.paths.first, best.nodes.count > 2 {
            let intro = best.nodes[1]
            return "Ask " + intro.name + (intro.isTeammate ? " (your teammate)" : "") + " to introduce you: "
                + pathWords(best) + " (" + HTMLReport.percent(best.probability) + ")."
                + (strength.map { " You also know " + t.target.name + " directly (" + $0 + "), a less likely route." }
                    ?? "")
        }
        if let strength {
            return "Contact " + t.target.name + " directly: you know them (" + strength + ")."
        }
        if let best = t.paths.first {
            return "Contact " + t.target.name + " directly (" + HTMLReport.percent(best.probability) + ")."
        }
        if let mate = t.knownBy.first {
            return "No warm path found; " + mate.teammate + " knows them: ask " + mate.teammate + "."
        }
        return "No warm path found within the hop limit."
    }

    /// "You → Casey Morgan → Blake Rivera → Pat Singh".
    static func pathWords(_ p: Model.WarmPath) -> String {
        p.nodes.map { $0.isOwner ? "You" : $0.name }.joined(separator: " → ")
    }

    /// One matched person: who they are, the numbers, the next step, what teammates know, and
    /// the paths.
    static func person(_ h: inout HTML, _ t: Model.TargetPaths, _ m: Model) {
        h.raw("<div class=\"tp\"><p class=\"who\">")
        HTMLReport.personButton(&h, t.target)
        let role = [t.position, t.company].filter { !$0.isEmpty }.joined(separator: " at ")
        if !role.isEmpty {
            h.raw(" <span class=\"sub\">")
            h.text(role)
            h.raw("</span>")
        }
        h.raw("</p><p class=\"facts\">")
        if t.paths.isEmpty {
            h.raw("No warm path")
        } else {
            h.raw("Reach <b>")
            h.text(HTMLReport.percent(t.reach))
            h.raw("</b> ")
            h.element("span", [.class("band")], text: m.legend.reach.name(t.reach))
        }
        var known: [String] = []
        if t.directStrength != nil { known.append("you") }
        known += t.knownBy.map(\.teammate)
        if !known.isEmpty {
            h.raw(" · Known by ")
            h.text(known.joined(separator: ", "))
        }
        h.raw("</p>")
        h.raw("<p class=\"next\"><b>Next step:</b> ")
        h.text(stepText(t, m))
        h.raw("</p>")
        let twins = m.mergeSuggestions.compactMap { r in
            r.a.id == t.target.id ? r.b : r.b.id == t.target.id ? r.a : nil
        }
        if !twins.isEmpty {
            h.raw("<p class=\"summary\">Possibly the same person as ")
            for (k, o) in twins.prefix(3).enumerated() {
                if k > 0 { h.raw(", ") }
                HTMLReport.personButton(&h, o)
            }
            h.raw(" (see ")
            h.element("a", [Attribute("href", "#merge-suggestions")], text: "possible duplicates")
            h.raw("); their evidence is not combined until merged.</p>")
        }
        if !t.knownBy.isEmpty {
            h.raw("<ul class=\"teamev\">")
            for e in t.knownBy {
                h.raw("<li><b>")
                h.text(e.teammate)
                h.raw("</b> ")
                h.text(
                    "(your teammate"
                        + (e.strength.map {
                            ", tie strength " + FastFixed.format($0, 2) + " " + m.legend.strength.name($0)
                        } ?? "") + "): " + e.note)
                if !e.evidence.isEmpty {
                    h.raw(" <span class=\"ev\">")
                    h.text(e.evidence.joined(separator: ", "))
                    h.raw("</span>")
                }
                h.raw("</li>")
            }
            h.raw("</ul>")
        }
        if !t.paths.isEmpty {
            let best = t.paths[0]
            let shown = Array(t.paths.prefix(pathLimit))
            func list(_ range: Range<Int>) {
                h.open("ol", [.class("alts"), Attribute("start", String(range.lowerBound + 1))])
                for k in range {
                    let p = shown[k]
                    h.raw("<li class=\"alt\"><p class=\"why\"><span class=\"p\">")
                    h.text(HTMLReport.percent(p.probability))
                    h.raw("</span> ")
                    h.text(reason(p, rank: k, best: best, m))
                    h.raw("</p>")
                    drawing(&h, p)
                    h.raw("</li>")
                }
                h.raw("</ol>")
            }
            // With many targets only the best path of each stays open.
            let open = m.targets.count > manyTargets ? 1 : pathsOpen
            func order() {
                h.element(
                    "p", [.class("order")],
                    text: "In order of their chance, most likely first; each alternative goes through a different "
                        + "first introducer where one exists.")
            }
            list(0..<min(shown.count, open))
            if shown.count > open {
                h.raw("<details class=\"alts-more\"><summary>")
                let n = shown.count - open
                h.text(n == 1 ? "1 more alternative" : String(n) + " more alternatives")
                h.raw("</summary>")
                list(open..<shown.count)
                order()
                h.raw("</details>")
            } else if shown.count > 1 {
                order()
            }
            HTMLReport.more(&h, t.paths.count - pathLimit)
        }
        h.raw("</div>")
    }

    /// Why a path ranks where it does: its route and its weakest link, and for an alternative
    /// what makes it less likely than the first.
    static func reason(_ p: Model.WarmPath, rank: Int, best: Model.WarmPath, _ m: Model) -> String {
        let hops = p.edges.count
        var s =
            (hops == 1 ? "Direct" : "Through " + p.nodes[1].name) + " · " + String(hops)
            + (hops == 1 ? " hop" : " hops")
        if let w = weakest(p), hops > 1 {
            s += " · weakest link " + linkWords(p, w)
        }
        guard rank > 0 else { return s }
        var why: [String] = []
        let extra = hops - best.edges.count
        if extra > 0 { why.append(extra == 1 ? "one more hop" : String(extra) + " more hops") }
        if let w = weakest(p), let bw = weakest(best), p.edges[w].probability < best.edges[bw].probability {
            why.append("a weaker link")
        }
        if why.isEmpty { why.append("its links together are less likely") }
        return s + " · less likely than #1: " + why.joined(separator: " and ")
    }

    /// The index of the weakest edge (the model's, else the least probable).
    static func weakest(_ p: Model.WarmPath) -> Int? {
        if let w = p.weakestLink, w < p.edges.count { return w }
        guard !p.edges.isEmpty else { return nil }
        return p.edges.indices.min { p.edges[$0].probability < p.edges[$1].probability }
    }

    /// "Amara Nwosu → Samuel Okafor 30% (inferred: both at Greyhaven Health)".
    static func linkWords(_ p: Model.WarmPath, _ i: Int) -> String {
        guard i + 1 < p.nodes.count else { return "" }
        let e = p.edges[i]
        var s =
            (p.nodes[i].isOwner ? "You" : p.nodes[i].name) + " → " + p.nodes[i + 1].name + " "
            + HTMLReport.percent(e.probability)
        if e.inferred { s += e.via.isEmpty ? " (inferred)" : " (inferred: both at " + e.via + ")" }
        return s
    }

    /// A path drawn hop by hop: people as dots with their names, one segment per hop with its
    /// chance above it (and `via` the shared employer or school of an inferred hop). Laid out in
    /// a row, or in a column when the card is narrower than 640 px (CSS container query).
    static func drawing(_ h: inout HTML, _ p: Model.WarmPath) {
        let n = p.nodes.count
        guard n >= 2, p.edges.count == n - 1 else { return }
        let label = "Path " + pathWords(p) + ", " + HTMLReport.percent(p.probability)
        // Columns: a half before the first dot, then per hop two halves and a dot, then a half:
        // a name spans its dot and the halves beside it, a segment the two halves between dots.
        h.open(
            "ol",
            [
                .class("wp"), Attribute("aria-label", label), Attribute("data-hops", String(n - 1)),
                Attribute(
                    "style",
                    "grid-template-columns:repeat(" + String(n) + ",minmax(20px,1fr) 22px minmax(20px,1fr));max-width:"
                        + String(n * 200) + "px"),
            ])
        // One hop has no weakest link to point out.
        let weak = n > 2 ? weakest(p) : nil
        for i in 0..<n {
            if i > 0 {
                let e = p.edges[i - 1]
                var cls = "ws"
                if e.inferred { cls += " inferred" }
                if weak == i - 1 { cls += " weak" }
                h.open(
                    "li", [.class(cls), Attribute("style", "grid-column:" + String(3 * i) + "/" + String(3 * i + 2))])
                h.raw("<span class=\"wl\"><b>")
                h.text(HTMLReport.percent(e.probability))
                h.raw("</b>")
                if weak == i - 1 { h.raw(" <span class=\"wk\">weakest</span>") }
                if e.inferred {
                    h.raw("<span class=\"via\">")
                    h.text(e.via.isEmpty ? "inferred" : "via " + e.via)
                    h.raw("</span>")
                }
                h.raw("</span><span class=\"wline\"></span></li>")
            }
            let node = p.nodes[i]
            var cls = "wn"
            if node.isOwner { cls += " owner" } else if i == n - 1 { cls += " target" }
            if node.isTeammate { cls += " mate" }
            h.open(
                "li", [.class(cls), Attribute("style", "grid-column:" + String(3 * i + 1) + "/" + String(3 * i + 4))])
            h.raw("<span class=\"wd\"></span><span class=\"wt\">")
            if node.isOwner {
                h.text("You")
            } else {
                HTMLReport.personButton(&h, Model.PersonRef(id: node.id, name: node.name))
                if node.isTeammate { h.raw("<span class=\"via\">teammate</span>") }
            }
            h.raw("</span></li>")
        }
        h.close("ol")
    }

    /// Opens a card below the targets (`<article class="target card KIND" id=ID>`) with its
    /// heading and lead sentence; the caller closes the article.
    static func openNoteCard(_ h: inout HTML, kind: StaticString, id: StaticString, title: String, lead: String) {
        h.raw("<article class=\"target card ")
        h.raw(kind)
        h.raw("\" id=\"")
        h.raw(id)
        h.raw("\"><header class=\"th\"><h3>")
        h.text(title)
        h.raw("</h3></header>")
        h.element("p", [.class("lead")], text: lead)
    }

    /// Target rows that matched nobody.
    static func unmatched(_ h: inout HTML, _ rows: [Model.UnmatchedTarget]) {
        openNoteCard(
            &h, kind: "unmatched", id: "targets-unmatched",
            title: "Targets that matched nobody (" + Format.grouped(rows.count) + ")",
            lead: "Nobody in your or your teammates’ exports matches these rows. Check the spelling, add the company, "
                + "or give a profile URL.")
        HTMLReport.table(&h, header: [("Target as typed", false), ("Line", true), ("Why", false)], rows: rows) {
            h, u in
            HTMLReport.cell(&h, u.typed)
            HTMLReport.numberCell(&h, u.line > 0 ? String(u.line) : "--to")
            HTMLReport.cell(&h, u.reason)
        }
        h.raw("</article>")
    }

    /// Suggested merges: two entries that are probably one person.
    static func merges(_ h: inout HTML, _ rows: [Model.MergeSuggestionRow]) {
        openNoteCard(
            &h, kind: "merges", id: "merge-suggestions",
            title: "Possible duplicates (" + Format.grouped(rows.count) + ")",
            lead: "These pairs look like one person but were not merged, so their evidence is counted apart. To merge "
                + "a pair, copy its merge line into a CSV file and run again with --merge-rules FILE (a split line keeps "
                + "them apart). Every pair is in merges.csv.")
        h.raw("<ul class=\"pairs\">")
        for r in rows.prefix(rowLimit) {
            h.raw("<li><p>")
            HTMLReport.personButton(&h, r.a)
            h.raw(" and ")
            HTMLReport.personButton(&h, r.b)
            h.raw(" <span class=\"band\">")
            h.text(FastFixed.format(r.score, 1) + " bits")
            h.raw("</span></p><p class=\"ev\">")
            h.text(r.evidence)
            h.raw("</p><code>")
            h.text("merge," + r.a.id + "," + r.b.id)
            h.raw("</code></li>")
        }
        h.raw("</ul>")
        HTMLReport.more(&h, rows.count - rowLimit)
        h.raw("</article>")
    }
}
