import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// The Network section: a labelled picture of you → the people to ask → your targets (at most
/// ``maxTargets`` targets and ``maxIntroducers`` introducers), then the whole network cloud
/// behind a `<details>`.
///
/// The picture is drawn twice, wide and narrow, and CSS shows the one that fits (the narrow one
/// under 640 px), so its labels keep their size on a phone instead of being scaled down.
enum HTMLNetwork {
    typealias Model = HTMLReportModel

    static let maxTargets = 18
    static let maxIntroducers = 14
    /// Paths drawn per target (the best and the best alternative).
    static let linksPerTarget = 2

    /// The picture's content, before layout.
    struct Picture: Equatable {
        struct Target: Equatable {
            var id: String
            var name: String
            var reach: Double
        }
        struct Introducer: Equatable {
            var id: String
            var name: String
            var isTeammate: Bool
            /// Readiness: the chance of the first hop.
            var firstHop: Double
        }
        /// A line of the picture: from you (`introducer` nil) or an introducer to a target.
        struct Link: Equatable {
            var introducer: Int?
            var target: Int
            /// The path's probability.
            var probability: Double
            /// Hops after the introducer (more than 1: the line stands for more people).
            var hopsAfter: Int
        }
        var targets: [Target] = []
        var introducers: [Introducer] = []
        var links: [Link] = []
        /// Target people with a path that were left out (over ``maxTargets``).
        var targetsLeftOut = 0
    }

    /// Picks the targets (best reach first), their best paths (up to two each), and the
    /// introducers that serve them best; introducers are ordered by the mean row of their
    /// targets so that lines cross little.
    static func picture(_ m: Model) -> Picture {
        func better(_ a: Model.TargetPaths, _ b: Model.TargetPaths) -> Bool {
            a.reach != b.reach ? a.reach > b.reach : a.target.id < b.target.id
        }
        // The best-reached person of every target row first (so each row of the targets file is
        // in the picture), then the other people by reach.
        var rowBest: [Model.TargetPaths] = []
        var i = 0
        while i < m.targets.count {
            var j = i + 1
            while j < m.targets.count && m.targets[j].typed == m.targets[i].typed
                && m.targets[j].rule == m.targets[i].rule
            {
                j += 1
            }
            if let b = m.targets[i..<j].filter({ !$0.paths.isEmpty }).min(by: better) { rowBest.append(b) }
            i = j
        }
        var seen = Set<String>()
        var ranked: [Model.TargetPaths] = []
        for t in rowBest.sorted(by: better) + m.targets.filter({ !$0.paths.isEmpty }).sorted(by: better)
        where seen.insert(t.target.id).inserted {
            ranked.append(t)
        }
        var pic = Picture()
        pic.targetsLeftOut = max(0, ranked.count - maxTargets)
        let chosen = Array(ranked.prefix(maxTargets)).sorted(by: better)
        pic.targets = chosen.map { Picture.Target(id: $0.target.id, name: $0.target.name, reach: $0.reach) }
        // Introducer value: the sum over targets of the best path through them.
        var value: [String: Double] = [:]
        var node: [String: Model.PathNode] = [:]
        var firstHop: [String: Double] = [:]
        for t in chosen {
            var seen = Set<String>()
            for p in t.paths.prefix(linksPerTarget) where p.nodes.count > 2 {
                let i = p.nodes[1]
                guard seen.insert(i.id).inserted else { continue }
                value[i.id, default: 0] += p.probability
                node[i.id] = i
                firstHop[i.id] = max(firstHop[i.id] ?? 0, p.edges.first?.probability ?? 0)
            }
        }
        let keep = value.keys.sorted { value[$0]! != value[$1]! ? value[$0]! > value[$1]! : $0 < $1 }
            .prefix(maxIntroducers)
        // Mean target row per introducer, for the order.
        var rows: [String: [Int]] = [:]
        let kept = Set(keep)
        for (ti, t) in chosen.enumerated() {
            for p in t.paths.prefix(linksPerTarget) where p.nodes.count > 2 && kept.contains(p.nodes[1].id) {
                rows[p.nodes[1].id, default: []].append(ti)
            }
        }
        func mean(_ id: String) -> Double {
            let r = rows[id] ?? [0]
            return Double(r.reduce(0, +)) / Double(max(r.count, 1))
        }
        let ordered = keep.sorted { mean($0) != mean($1) ? mean($0) < mean($1) : $0 < $1 }
        var index: [String: Int] = [:]
        for (k, id) in ordered.enumerated() {
            index[id] = k
            let n = node[id]!
            pic.introducers.append(
                Picture.Introducer(id: id, name: n.name, isTeammate: n.isTeammate, firstHop: firstHop[id] ?? 0))
        }
        for (ti, t) in chosen.enumerated() {
            var seen = Set<Int>()
            var direct = false
            for p in t.paths.prefix(linksPerTarget) {
                if p.nodes.count == 2 {
                    if !direct {
                        pic.links.append(
                            Picture.Link(introducer: nil, target: ti, probability: p.probability, hopsAfter: 1))
                    }
                    direct = true
                } else if let k = index[p.nodes[1].id], seen.insert(k).inserted {
                    pic.links.append(
                        Picture.Link(
                            introducer: k, target: ti, probability: p.probability, hopsAfter: p.edges.count - 1))
                }
            }
        }
        return pic
    }

    static func section(_ h: inout HTML, _ m: Model) {
        let pic = picture(m)
        HTMLReport.openSection(
            &h, 5,
            lead: "Who gets you to your targets: you on the left, the people to ask in the middle, your targets on the "
                + "right with their reach. Thicker lines are likelier paths; a dashed line goes on through more people."
        )
        if pic.targets.isEmpty {
            h.element("p", [.class("empty")], text: "No target with a warm path to draw.")
        } else {
            h.raw(
                "<div class=\"legend\"><span><span class=\"dot owner\"></span>you</span><span><span class=\"dot intro\"></span>people to ask</span><span><span class=\"dot mate\"></span>teammates</span><span><span class=\"dot tgt\"></span>targets</span></div>"
            )
            h.raw("<div class=\"netwrap reach\">")
            h.append(svg(pic, wide: true))
            h.append(svg(pic, wide: false))
            h.raw("</div>")
            if pic.targetsLeftOut > 0 {
                h.element(
                    "p", [.class("more")],
                    text: "and " + Format.grouped(pic.targetsLeftOut) + " more targets with a path (see Targets).")
            }
        }
        cloud(&h, m.network)
        h.raw("</section>")
    }

    /// The picture as SVG: `wide` for 640 px and more (960 units), else narrow (360 units, names
    /// shortened), both drawn at about their own size so text stays 12–13 px.
    static func svg(_ pic: Picture, wide: Bool) -> HTML {
        let w = wide ? 960.0 : 360.0
        let xYou = wide ? 44.0 : 14.0
        let xIntro = wide ? 390.0 : 112.0
        let xTarget = wide ? 650.0 : 204.0
        let row = wide ? 38.0 : 42.0
        let top = 34.0
        let rows = max(pic.targets.count, pic.introducers.count, 1)
        let height = top + row * Double(rows) + 10
        func y(_ i: Int, of n: Int) -> Double { top + row * (Double(i) + 0.5) * Double(rows) / Double(max(n, 1)) }
        let yYou = top + row * Double(rows) / 2
        var s = HTML()
        s.open(
            "svg",
            [
                .class(wide ? "reachmap wide" : "reachmap narrow"),
                Attribute("viewBox", "0 0 " + FastFixed.format(w, 0) + " " + FastFixed.format(height, 0)),
                Attribute("width", FastFixed.format(w, 0)), Attribute("height", FastFixed.format(height, 0)),
                Attribute("role", "img"),
                Attribute(
                    "aria-label",
                    "You, " + String(pic.introducers.count) + " people to ask and " + String(pic.targets.count)
                        + " targets"),
            ])
        s.element(
            "text", [.class("col"), .num("x", xIntro), .num("y", 14), Attribute("text-anchor", "middle")],
            text: "ask")
        s.element(
            "text",
            [.class("col"), .num("x", xTarget), .num("y", 14), Attribute("text-anchor", wide ? "start" : "middle")],
            text: "targets · reach")
        func curve(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> String {
            let mx = (x1 + x2) / 2
            return "M" + FastFixed.format(x1, 1) + " " + FastFixed.format(y1, 1) + "C" + FastFixed.format(mx, 1) + " "
                + FastFixed.format(y1, 1) + " " + FastFixed.format(mx, 1) + " " + FastFixed.format(y2, 1) + " "
                + FastFixed.format(x2, 1) + " " + FastFixed.format(y2, 1)
        }
        func width(_ p: Double) -> Double { 1.2 + 4 * min(max(p.isFinite ? p : 0, 0), 1) }
        // You → introducer.
        for (k, i) in pic.introducers.enumerated() {
            s.element(
                "path",
                [
                    .class("rl" + (i.isTeammate ? " mate" : "")),
                    Attribute("d", curve(xYou, yYou, xIntro, y(k, of: pic.introducers.count))),
                    .num("stroke-width", width(i.firstHop)),
                ]
            ) { $0.element("title", text: "You → " + i.name + ": " + HTMLReport.percent(i.firstHop)) }
        }
        // Introducer (or you) → target.
        for l in pic.links {
            let t = pic.targets[l.target]
            let (x1, y1, from) =
                l.introducer.map { (xIntro, y($0, of: pic.introducers.count), pic.introducers[$0].name) }
                ?? (xYou, yYou, "You")
            s.element(
                "path",
                [
                    .class(l.introducer == nil ? "rl direct" : l.hopsAfter > 1 ? "rl more" : "rl"),
                    Attribute("d", curve(x1, y1, xTarget, y(l.target, of: pic.targets.count))),
                    .num("stroke-width", width(l.probability)),
                ]
            ) {
                $0.element(
                    "title",
                    text: from + " → " + t.name
                        + (l.hopsAfter > 1 ? " (through " + String(l.hopsAfter - 1) + " more)" : "")
                        + ": path " + HTMLReport.percent(l.probability))
            }
        }
        // Nodes and labels.
        s.void("circle", [.class("nd owner"), .num("cx", xYou), .num("cy", yYou), .num("r", 9)])
        s.element(
            "text",
            [.class("lb"), .num("x", xYou), .num("y", yYou + 26), Attribute("text-anchor", wide ? "middle" : "start")],
            text: "You")
        for (k, i) in pic.introducers.enumerated() {
            let cy = y(k, of: pic.introducers.count)
            s.element(
                "circle",
                [
                    .class(i.isTeammate ? "nd mate" : "nd intro"), .num("cx", xIntro), .num("cy", cy), .num("r", 7),
                    Attribute("data-pid", i.id),
                ]
            ) { $0.element("title", text: i.name) }
            s.element(
                "text", [.class("lb"), .num("x", xIntro), .num("y", cy - 11), Attribute("text-anchor", "middle")],
                text: HTMLSVG.short(i.name, wide ? 30 : 15))
        }
        for (k, t) in pic.targets.enumerated() {
            let cy = y(k, of: pic.targets.count)
            s.element(
                "circle",
                [.class("nd tgt"), .num("cx", xTarget), .num("cy", cy), .num("r", 7), Attribute("data-pid", t.id)]
            ) { $0.element("title", text: t.name) }
            s.element("text", [.class("lb"), .num("x", xTarget + 12), .num("y", cy + 4)]) {
                $0.text(HTMLSVG.short(t.name, wide ? 32 : 12) + " ")
                $0.element("tspan", [.class("pc")], text: HTMLReport.percent(t.reach))
            }
        }
        s.close("svg")
        return s
    }

    /// The whole network, folded away.
    static func cloud(_ h: inout HTML, _ v: Model.NetworkView) {
        guard !v.nodes.isEmpty else {
            h.element("p", [.class("empty")], text: "No network to draw.")
            return
        }
        let shown = v.nodes.filter { !$0.isOwner }.count
        h.raw("<details class=\"cloud\"><summary>")
        h.text("The whole network: " + Format.grouped(v.totalPeople) + (v.totalPeople == 1 ? " person" : " people"))
        h.raw("</summary>")
        var lead =
            "You are in the centre; the closer a person, the stronger the tie. Colour shows the group, size the referral proximity."
        if v.totalPeople > shown {
            lead +=
                " Showing the " + Format.grouped(shown) + " strongest of " + Format.grouped(v.totalPeople) + " people."
        }
        h.element("p", [.class("lead")], text: lead)
        h.raw("<div class=\"legend\"><span><span class=\"dot owner\"></span>you</span>")
        for g: PersonGroup? in [.needNow, .needLater, .evangelist, nil] {
            h.raw("<span>")
            h.open("span", [.class("dot " + HTMLSVG.groupClass(g))])
            h.raw("</span>")
            h.text(g.map { $0.label.lowercased() } ?? "others")
            h.raw("</span>")
        }
        h.raw("</div><div class=\"netwrap\">")
        h.append(HTMLSVG.network(v))
        h.raw("</div></details>")
    }
}
