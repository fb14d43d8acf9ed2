import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// Legends that explain the page's numbers where they appear: the people table's columns
/// (with the bands from the config), and the scale of each.
enum HTMLLegend {
    typealias Model = HTMLReportModel

    /// Short explanations shown as the people table's column tooltips.
    static let columnTitles: [String: String] = [
        "strength": "Tie strength, 0–1", "readiness": "Readiness to refer you, 0–1",
        "credibility": "Credibility, 0–1", "reliability": "Reliability, 0–1", "intimacy": "Intimacy, 0–1",
        "self": "Self-orientation, 0–1 (lowers readiness)",
        "proximity": "Referral proximity, 0 to the number of targets",
        "degree": "Hops from you over known ties", "known": "You and the teammates who know the person",
        "in": "Messages received from the person", "out": "Messages sent to the person",
    ]

    /// The people table's legend: every column, its scale, and the bands.
    static func peopleColumns(_ h: inout HTML, _ l: Model.Legend) {
        h.raw("<div class=\"keys card\" id=\"people-legend\"><h3>What the columns mean</h3><dl>")
        func item(_ term: String, _ text: String) {
            h.element("dt", text: term)
            h.element("dd", text: text)
        }
        item(
            "Strength",
            "How strong your tie is, 0–1, from how much, how recently, how privately and how reciprocally you "
                + "interact. " + HTMLTargets.bandText(l.strength, percent: false) + ".")
        item(
            "Readiness",
            "How ready the person is to refer you, 0–1: (Cred. + Rel. + Int.) ÷ 3, divided by (1 + Self-or.). "
                + HTMLTargets.bandText(l.readiness, percent: false) + ".")
        item(
            "Cred.",
            "Credibility, 0–1: how much they have vouched for you (recommendations, endorsements, invitations).")
        item("Rel.", "Reliability, 0–1: how reliably you both answer, promptly and steadily.")
        item("Int.", "Intimacy, 0–1: how private and personal your conversations are.")
        item(
            "Self-or.",
            "Self-orientation, 0–1: how much your side of the tie is broadcast, one-way pitching or swaps; "
                + "higher lowers readiness.")
        let t = l.targetPeople
        item(
            "Prox.",
            "Referral proximity: readiness × the chance they reach a target, added over your "
                + (t == 1 ? "1 target person" : Format.grouped(t) + " target people") + ", so it runs from 0 to "
                + Format.grouped(t) + (t > 1 ? " (not capped at 1)" : "") + ".")
        item("Hops", "Steps from you over known ties (1 = you know them); – when they cannot be reached that way.")
        item("Known by", "You (when you share evidence) and the teammates whose exports show a tie.")
        item("In / Out", "1:1 and group messages they sent you / you sent them.")
        item("—", "Not scored: you share no evidence with this person (people.csv leaves these cells blank).")
        h.raw("</dl></div>")
    }
}
