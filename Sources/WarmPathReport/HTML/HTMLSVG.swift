import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// Inline SVG pictures of the HTML report: charts and the network cloud (warm paths are drawn in
/// HTML by ``HTMLTargets/drawing(_:_:)``, the reach picture by ``HTMLNetwork``).
///
/// Every builder returns an ``HTML`` fragment; text from the model goes through
/// ``HTML/text(_:)`` like everywhere else, numbers through ``FastFixed``.
enum HTMLSVG {
    typealias Model = HTMLReportModel

    // MARK: Charts

    /// A vertical bar chart with axes, tick labels and axis titles.
    /// - Parameters:
    ///   - values: bar heights.
    ///   - xTicks: (position in [0, 1] along the x axis, label).
    static func bars(
        id: String, title: String, values: [Double], xTicks: [(Double, String)], xTitle: String, yTitle: String
    ) -> HTML {
        let w = 640.0
        let h = 300.0
        let left = 56.0
        let right = 16.0
        let top = 14.0
        let bottom = 52.0
        let pw = w - left - right
        let ph = h - top - bottom
        let maxV = niceCeiling(values.max() ?? 0)
        var s = HTML()
        openSVG(&s, id: id, title: title, width: w, height: h)
        yAxis(&s, maxV: maxV, left: left, top: top, pw: pw, ph: ph)
        let n = max(values.count, 1)
        let bw = pw / Double(n)
        for (i, v) in values.enumerated() where v > 0 {
            let bh = maxV > 0 ? ph * v / maxV : 0
            s.void(
                "rect",
                [
                    .class("bk"), .num("x", left + Double(i) * bw + 1), .num("y", top + ph - bh),
                    .num("width", max(bw - 2, 0.5)), .num("height", bh),
                ])
        }
        for (pos, label) in xTicks {
            let x = left + pos * pw
            s.void(
                "line", [.class("tick"), .num("x1", x), .num("x2", x), .num("y1", top + ph), .num("y2", top + ph + 4)])
            s.element(
                "text", [.class("tl"), .num("x", x), .num("y", top + ph + 17), Attribute("text-anchor", "middle")],
                text: label)
        }
        axisTitles(&s, xTitle: xTitle, yTitle: yTitle, left: left, top: top, pw: pw, ph: ph, h: h)
        s.close("svg")
        return s
    }

    /// Two lines (inbound, outbound) per month.
    static func monthLines(id: String, title: String, months: [Model.MonthCount]) -> HTML {
        let w = 640.0
        let h = 300.0
        let left = 56.0
        let right = 16.0
        let top = 30.0
        let bottom = 52.0
        let pw = w - left - right
        let ph = h - top - bottom
        let maxV = niceCeiling(Double(months.reduce(0) { max($0, $1.inbound, $1.outbound) }))
        var s = HTML()
        openSVG(&s, id: id, title: title, width: w, height: h)
        yAxis(&s, maxV: maxV, left: left, top: top, pw: pw, ph: ph)
        let n = months.count
        func x(_ i: Int) -> Double { n <= 1 ? left + pw / 2 : left + pw * Double(i) / Double(n - 1) }
        func y(_ v: Int) -> Double { maxV > 0 ? top + ph - ph * Double(v) / maxV : top + ph }
        for (cls, value) in [("in", \Model.MonthCount.inbound), ("out", \Model.MonthCount.outbound)] {
            var d = ""
            for (i, m) in months.enumerated() {
                d += (i == 0 ? "M" : "L") + FastFixed.format(x(i), 1) + " " + FastFixed.format(y(m[keyPath: value]), 1)
            }
            if n == 1 { d += "h0.1" }
            s.void("path", [.class("ln " + cls), Attribute("d", d)])
        }
        // Tick labels: about 8 evenly spaced months, always the first and the last.
        let step = max(1, Int((Double(n) / 8).rounded(.up)))
        var shown = Array(stride(from: 0, to: n, by: step))
        if let last = shown.last, last != n - 1 {
            if n - 1 - last < step { shown.removeLast() }
            shown.append(n - 1)
        }
        for i in shown {
            s.void(
                "line",
                [.class("tick"), .num("x1", x(i)), .num("x2", x(i)), .num("y1", top + ph), .num("y2", top + ph + 4)])
            s.element(
                "text", [.class("tl"), .num("x", x(i)), .num("y", top + ph + 17), Attribute("text-anchor", "middle")],
                text: months[i].month)
        }
        // Legend.
        s.void("rect", [.class("key in"), .num("x", left + 8), .num("y", 9), .num("width", 14), .num("height", 4)])
        s.element("text", [.class("tl"), .num("x", left + 28), .num("y", 15)], text: "received")
        s.void("rect", [.class("key out"), .num("x", left + 104), .num("y", 9), .num("width", 14), .num("height", 4)])
        s.element("text", [.class("tl"), .num("x", left + 124), .num("y", 15)], text: "sent")
        axisTitles(&s, xTitle: "month", yTitle: "messages", left: left, top: top, pw: pw, ph: ph, h: h)
        s.close("svg")
        return s
    }

    /// Horizontal bars with the value written at the end of each bar.
    static func horizontalBars(id: String, title: String, items: [(String, Double)], xTitle: String) -> HTML {
        let w = 640.0
        let left = 130.0
        let right = 60.0
        let top = 10.0
        let row = 34.0
        let h = top + row * Double(max(items.count, 1)) + 44
        let pw = w - left - right
        let maxV = niceCeiling(items.reduce(0.0) { max($0, $1.1.isFinite ? $1.1 : 0) }, integer: false)
        var s = HTML()
        openSVG(&s, id: id, title: title, width: w, height: h)
        let ph = row * Double(items.count)
        for k in 0...4 {
            let x = left + pw * Double(k) / 4
            s.void("line", [.class("grid"), .num("x1", x), .num("x2", x), .num("y1", top), .num("y2", top + ph)])
            s.element(
                "text", [.class("tl"), .num("x", x), .num("y", top + ph + 16), Attribute("text-anchor", "middle")],
                text: tickLabel(maxV * Double(k) / 4))
        }
        for (i, (label, v)) in items.enumerated() {
            let y = top + Double(i) * row
            let value = v.isFinite ? max(v, 0) : 0
            let bw = maxV > 0 ? pw * value / maxV : 0
            s.element(
                "text",
                [.class("tl"), .num("x", left - 8), .num("y", y + row / 2 + 4), Attribute("text-anchor", "end")],
                text: label)
            s.void(
                "rect", [.class("bk"), .num("x", left), .num("y", y + 7), .num("width", bw), .num("height", row - 14)])
            s.element(
                "text", [.class("tl"), .num("x", left + bw + 6), .num("y", y + row / 2 + 4)],
                text: FastFixed.format(value, 2))
        }
        s.element(
            "text", [.class("at"), .num("x", left + pw / 2), .num("y", h - 6), Attribute("text-anchor", "middle")],
            text: xTitle)
        s.close("svg")
        return s
    }

    // MARK: Network

    /// The network picture: rings for strength, edges in two bundles, circles coloured by group.
    static func network(_ v: Model.NetworkView) -> HTML {
        let size = 1_000.0
        var s = HTML()
        s.open(
            "svg",
            [
                .class("net"), .id("net"), Attribute("viewBox", "0 0 1000 1000"), Attribute("width", "1000"),
                Attribute("height", "1000"), Attribute("role", "img"),
                Attribute("aria-label", "Network: the owner in the centre, closer people have stronger ties"),
            ])
        for (k, label) in [(1, "strong"), (2, ""), (3, "weak")] {
            let radius = (0.07 + 0.41 * pow(Double(k) / 3, 0.8)) * size
            s.void("circle", [.class("ring"), .num("cx", 500), .num("cy", 500), .num("r", radius)])
            if !label.isEmpty {
                s.element(
                    "text",
                    [.class("tl"), .num("x", 500), .num("y", 500 - radius - 4), Attribute("text-anchor", "middle")],
                    text: label)
            }
        }
        var strong = ""
        var faint = ""
        for e in v.edges {
            guard Int(e.a) < v.nodes.count, Int(e.b) < v.nodes.count else { continue }
            let a = v.nodes[Int(e.a)]
            let b = v.nodes[Int(e.b)]
            let seg =
                "M" + FastFixed.format(a.x * size, 0) + " " + FastFixed.format(a.y * size, 0) + "L"
                + FastFixed.format(b.x * size, 0) + " " + FastFixed.format(b.y * size, 0)
            if e.strength >= 0.5 { strong += seg } else { faint += seg }
        }
        if !faint.isEmpty { s.void("path", [.class("e faint"), Attribute("d", faint)]) }
        if !strong.isEmpty { s.void("path", [.class("e strong"), Attribute("d", strong)]) }
        for node in v.nodes {
            let cls = node.isOwner ? "n owner" : "n " + groupClass(node.group)
            s.element(
                "circle",
                [
                    .class(cls), .num("cx", node.x * size), .num("cy", node.y * size), .num("r", node.size),
                    Attribute("data-pid", node.id),
                ]
            ) { $0.element("title", text: node.name) }
        }
        s.close("svg")
        return s
    }

    /// CSS class of a group colour.
    static func groupClass(_ g: PersonGroup?) -> String {
        switch g {
        case .needNow?: "g1"
        case .needLater?: "g2"
        case .evangelist?: "g3"
        case nil: "g0"
        }
    }

    // MARK: Helpers

    static func openSVG(_ s: inout HTML, id: String, title: String, width: Double, height: Double) {
        s.open(
            "svg",
            [
                .class("chart"),
                Attribute("viewBox", "0 0 " + FastFixed.format(width, 0) + " " + FastFixed.format(height, 0)),
                Attribute("width", FastFixed.format(width, 0)), Attribute("height", FastFixed.format(height, 0)),
                Attribute("role", "img"), Attribute("aria-labelledby", id + "-t"),
            ])
        s.element("title", [.id(id + "-t")], text: title)
    }

    static func yAxis(_ s: inout HTML, maxV: Double, left: Double, top: Double, pw: Double, ph: Double) {
        for k in 0...4 {
            let y = top + ph - ph * Double(k) / 4
            s.void(
                "line",
                [
                    .class(k == 0 ? "axis" : "grid"), .num("x1", left), .num("x2", left + pw), .num("y1", y),
                    .num("y2", y),
                ])
            s.element(
                "text", [.class("tl"), .num("x", left - 6), .num("y", y + 4), Attribute("text-anchor", "end")],
                text: tickLabel(maxV * Double(k) / 4))
        }
        s.void("line", [.class("axis"), .num("x1", left), .num("x2", left), .num("y1", top), .num("y2", top + ph)])
    }

    static func axisTitles(
        _ s: inout HTML, xTitle: String, yTitle: String, left: Double, top: Double, pw: Double, ph: Double, h: Double
    ) {
        s.element(
            "text", [.class("at"), .num("x", left + pw / 2), .num("y", h - 8), Attribute("text-anchor", "middle")],
            text: xTitle)
        let cy = top + ph / 2
        s.element(
            "text",
            [
                .class("at"), .num("x", 14), .num("y", cy), Attribute("text-anchor", "middle"),
                Attribute("transform", "rotate(-90 14 " + FastFixed.format(cy, 1) + ")"),
            ], text: yTitle)
    }

    /// A round axis maximum at or above `v` that splits into 4 round ticks: 4 × (1, 2, 3, 4, 5, 6
    /// or 8 × 10^k); at least 4 for counts (`integer`), 1 for scores in (0.5, 1]; 4 for empty data.
    static func niceCeiling(_ v: Double, integer: Bool = true) -> Double {
        guard v.isFinite, v > 0 else { return 4 }
        if integer && v <= 4 { return 4 }
        if !integer && v > 0.5 && v <= 1 { return 1 }
        let step = v / 4
        var base = 1.0
        while base * 10 <= step { base *= 10 }
        while base > step { base /= 10 }
        for m in [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0] where m * base >= step { return 4 * m * base }
        return 40 * base
    }

    static func tickLabel(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return Format.grouped(Int(v)) }
        return abs(v) < 1 ? FastFixed.format(v, 2) : FastFixed.format(v, 1)
    }

    /// `name` cut to `limit` characters with an ellipsis.
    static func short(_ name: String, _ limit: Int) -> String {
        name.count <= limit ? name : String(name.prefix(limit - 1)) + "…"
    }
}
