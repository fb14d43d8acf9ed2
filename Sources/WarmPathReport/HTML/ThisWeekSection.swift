import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

// The page's "This week" section: the ranked action list (``ActionList``, the rows of
// `actions.csv`) and what changed since the last snapshot. Its view model, the step that fills
// it and its markup and style live here, apart from the rest of the page.

extension HTMLReportModel {
    /// The "This week" section: the ranked actions and the changes since the last snapshot.
    public struct Actions: Sendable, Hashable {
        /// Ranked, rank 1 first.
        public var items: [ActionRow]
        /// Changes since the snapshot of ``changesSince``, in `changes.csv` order.
        public var changes: [Change]
        /// The as-of day of the snapshot compared with; nil when there was none.
        public var changesSince: String?
        /// Whether the run kept snapshots (`--store`); without, the page says how to see changes.
        public var tracksChanges: Bool

        public init(
            items: [ActionRow] = [], changes: [Change] = [], changesSince: String? = nil, tracksChanges: Bool = false
        ) {
            self.items = items
            self.changes = changes
            self.changesSince = changesSince
            self.tracksChanges = tracksChanges
        }
    }

    /// One action of the list (one row of `actions.csv`).
    public struct ActionRow: Sendable, Hashable {
        /// 1 = do first.
        public var rank: Int
        public var kind: ActionKind
        /// Whom to answer or contact; the target for an introduction.
        public var person: PersonRef
        /// The introducer to ask, for `ask_intro`.
        public var via: PersonRef?
        /// Why, and the next step, in plain words.
        public var reason: String
        /// `yyyy-MM-dd`.
        public var due: String
        /// Never hidden behind the expander (a recent owed reply).
        public var pinned: Bool
        public var isTarget: Bool

        public init(
            rank: Int, kind: ActionKind, person: PersonRef, via: PersonRef? = nil, reason: String, due: String,
            pinned: Bool = false, isTarget: Bool = false
        ) {
            self.rank = rank
            self.kind = kind
            self.person = person
            self.via = via
            self.reason = reason
            self.due = due
            self.pinned = pinned
            self.isTarget = isTarget
        }
    }

    /// A change since the last weekly snapshot.
    public struct Change: Sendable, Hashable {
        /// Shown by its ``ChangeKind/label`` ("New connection", "Job change", …).
        public var kind: ChangeKind
        public var person: PersonRef
        /// Values already formatted by the caller (empty when not applicable).
        public var before: String
        public var after: String
        /// The change in words.
        public var detail: String

        public init(kind: ChangeKind, person: PersonRef, before: String = "", after: String = "", detail: String = "") {
            self.kind = kind
            self.person = person
            self.before = before
            self.after = after
            self.detail = detail
        }
    }

    /// Adds this week's actions (ranked, as ``ActionList/compute(_:config:)`` returns them) and
    /// the changes since the snapshot of `since` (nil: none to compare with).
    ///
    /// ```
    /// model.addWeekly(actions: actions, changes: weekly.changes, since: weekly.baseline, tracksChanges: true)
    /// ```
    public mutating func addWeekly(
        actions list: [Action], changes: [WarmPathAnalysis.Change], since: String?, tracksChanges: Bool
    ) {
        actions.items = list.enumerated().map { k, a in
            ActionRow(
                rank: k + 1, kind: a.kind, person: PersonRef(id: a.personID.rawValue, name: a.name),
                via: a.viaID.map { PersonRef(id: $0.rawValue, name: a.via) }, reason: a.reason, due: a.due,
                pinned: a.pinned, isTarget: a.isTarget)
        }
        actions.changes = changes.map {
            Change(
                kind: $0.kind, person: PersonRef(id: $0.personID.rawValue, name: $0.name), before: $0.before,
                after: $0.after, detail: $0.detail)
        }
        actions.changesSince = since
        actions.tracksChanges = tracksChanges
    }
}

/// Markup and style of the "This week" section.
///
/// The first ``shown`` actions, and every pinned one (an owed reply of the last 30 days), are
/// listed; the rest sit in a `<details>` expander with their ranks. Changes likewise: the first
/// ``shown``, the rest behind an expander. Names open the person's ledger like everywhere else.
enum ThisWeekSection {
    /// Actions and changes listed before the expander.
    static let shown = 10

    static func render(_ h: inout HTML, _ m: HTMLReportModel) {
        let a = m.actions
        HTMLReport.openSection(
            &h, 0,
            lead: a.items.isEmpty
                ? "Nothing to do this week: no reply owed, no follow-up due, no introduction to ask for."
                : "What to do this week, most useful first: replies you owe, follow-ups that are due, targets to "
                    + "contact, introductions to ask for and strong ties going quiet. A reply owed from the last 30 days "
                    + "(marked on the left) always stays in view. The same list is in actions.csv.")
        let visible = a.items.enumerated().filter { $0.offset < shown || $0.element.pinned }.map(\.element)
        let hidden = a.items.enumerated().filter { !($0.offset < shown || $0.element.pinned) }.map(\.element)
        if !visible.isEmpty {
            list(&h, visible, id: "wp-actions")
        }
        if !hidden.isEmpty {
            h.raw("<details class=\"wk-more\" id=\"wp-actions-more\"><summary>")
            h.grouped(hidden.count)
            h.raw(hidden.count == 1 ? " more action" : " more actions")
            h.raw("</summary>")
            list(&h, hidden, id: "wp-actions-rest")
            h.raw("</details>")
        }
        changes(&h, a)
        h.raw("</section>")
    }

    /// One `<ol>` of actions, each with its rank, kind, person, introducer, due day and reason.
    static func list(_ h: inout HTML, _ rows: [HTMLReportModel.ActionRow], id: String) {
        h.open("ol", [.class("wk-acts"), .id(id)])
        for r in rows {
            h.open(
                "li",
                [
                    .class("wk-act k-" + r.kind.rawValue + (r.pinned ? " pinned" : "")),
                    Attribute("data-kind", r.kind.rawValue), Attribute("data-rank", String(r.rank)),
                ])
            h.element("span", [.class("wk-rank"), Attribute("aria-label", "rank " + String(r.rank))]) {
                $0.integer(r.rank)
            }
            h.raw("<div class=\"wk-body\"><div class=\"wk-head\">")
            h.element("span", [.class("wk-kind")], text: r.kind.label)
            HTMLReport.personButton(&h, r.person)
            if r.isTarget { h.raw("<span class=\"tag\">target</span>") }
            if let via = r.via {
                h.raw("<span class=\"wk-via\">via ")
                HTMLReport.personButton(&h, via)
                h.raw("</span>")
            }
            if !r.due.isEmpty {
                h.raw("<span class=\"wk-due\">due ")
                h.element("time", [Attribute("datetime", r.due)], text: r.due)
                h.raw("</span>")
            }
            h.raw("</div>")
            h.element("p", [.class("wk-why")], text: r.reason)
            h.raw("</div></li>")
        }
        h.raw("</ol>")
    }

    static func changes(_ h: inout HTML, _ a: HTMLReportModel.Actions) {
        h.raw("<div class=\"card wk-changes\">")
        if let since = a.changesSince {
            h.raw("<h3>What changed since ")
            h.element("time", [Attribute("datetime", since)], text: since)
            h.raw("</h3>")
        } else {
            h.element("h3", text: "What changed")
        }
        if a.changes.isEmpty {
            let empty =
                !a.tracksChanges
                ? "Run the report every week with --store FILE to see what changed since the last run."
                : a.changesSince == nil
                    ? "This is the first snapshot in the store: next week's report lists what changed."
                    : "Nothing changed since the last snapshot."
            h.element("p", [.class("empty")], text: empty)
        } else {
            changeList(&h, a.changes.prefix(shown))
            if a.changes.count > shown {
                h.raw("<details class=\"wk-more\"><summary>")
                h.grouped(a.changes.count - shown)
                h.raw(a.changes.count - shown == 1 ? " more change" : " more changes")
                h.raw("</summary>")
                changeList(&h, a.changes.dropFirst(shown))
                h.raw("</details>")
            }
        }
        h.raw("</div>")
    }

    static func changeList(_ h: inout HTML, _ rows: ArraySlice<HTMLReportModel.Change>) {
        h.raw("<ul class=\"wk-chg\">")
        for c in rows {
            h.open("li", [Attribute("data-kind", c.kind.rawValue)])
            h.element("span", [.class("wk-kind")], text: c.kind.label)
            HTMLReport.personButton(&h, c.person)
            if !c.detail.isEmpty { h.element("span", [.class("wk-detail")], text: c.detail) }
            h.close("li")
        }
        h.raw("</ul>")
    }

    /// The section's style, added to the page's stylesheet. Lists that wrap, so the section
    /// never scrolls sideways on a phone.
    static let css: StaticString = #"""
        .wk-acts{list-style:none;margin:0 0 12px;padding:0;display:flex;flex-direction:column;gap:6px}
        .wk-act{display:flex;gap:10px;align-items:flex-start;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:8px 12px;min-width:0}
        .wk-act.pinned{border-left:4px solid var(--warn)}
        .wk-rank{flex:0 0 auto;min-width:28px;font-weight:700;font-size:18px;color:var(--muted);font-variant-numeric:tabular-nums;text-align:right}
        .wk-body{flex:1 1 auto;min-width:0}
        .wk-head{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:baseline}
        .wk-kind{font-size:12px;font-weight:600;text-transform:uppercase;letter-spacing:.04em;color:var(--accent);white-space:nowrap}
        .k-reply .wk-kind,.k-follow_up .wk-kind{color:var(--warn)}.k-revive .wk-kind{color:var(--g3)}
        .wk-via,.wk-due{color:var(--muted);font-size:14px;white-space:nowrap}
        .wk-why{margin:2px 0 0;overflow-wrap:anywhere}
        @media (max-width:480px){.wk-act{padding:8px 10px;gap:8px}.wk-rank{min-width:20px;font-size:16px}}
        details.wk-more{margin:0 0 14px}details.wk-more>summary{cursor:pointer;color:var(--accent);margin:0 0 8px}
        .wk-changes{margin:8px 0 16px}
        .wk-chg{list-style:none;margin:0;padding:0}
        .wk-chg li{display:flex;flex-wrap:wrap;gap:2px 10px;align-items:baseline;padding:6px 0;border-bottom:1px solid var(--line);min-width:0}
        .wk-chg li:last-child{border-bottom:0}
        .wk-detail{color:var(--muted);overflow-wrap:anywhere;min-width:0}
        """#
}
