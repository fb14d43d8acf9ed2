import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// Reports of the scoring layer: `evidence.csv`, `endorsements.csv`, `skills.csv`, the extra
/// `people.csv` columns, and the terminal text of `warmpath explain`.
///
/// ```
/// let book = Scorer.score(network: n, owner: me, asOf: t)
/// files.append(PeopleReport.csv(n, stats: stats, extra: ScoreReports.peopleColumns(book)))
/// files += [ScoreReports.evidenceCSV(book, network: n), ScoreReports.endorsementsCSV(book, network: n),
///           ScoreReports.skillsCSV(book, network: n)]
/// ```
public enum ScoreReports {
    /// `person_id,name,score,term,contribution,evidence`: one row per ledger entry of every scored
    /// person, in person-id order then ledger order. `evidence` is the note plus the rows behind it.
    public static func evidenceCSV(_ book: ScoreBook, network: Network) -> ReportFile {
        var w = CSVWriter(header: ["person_id", "name", "score", "term", "contribution", "evidence"])
        for (i, p) in book.people.enumerated() where p.scored {
            let person = network.people[i]
            for k in p.ledger.indices {
                w.cell(person.id.rawValue)
                w.cell(person.name)
                w.cell(p.ledger[k].score.rawValue)
                w.cell(p.ledger[k].term)
                w.cell(Format.fixed(p.ledger[k].contribution, 4))
                w.cell(evidenceText(p.ledger[k]))
                w.endRow()
            }
        }
        return w.file(named: "evidence.csv")
    }

    /// "note (messages.csv #12; messages.csv #14)".
    public static func evidenceText(_ e: LedgerEntry) -> String {
        guard !e.evidence.isEmpty else { return e.note }
        return e.note + " (" + e.evidence.map(\.short).joined(separator: "; ") + ")"
    }

    /// `endorser_id,endorser_name,endorsee_id,endorsee_name,skill,kind,date,strength,tie,penalty`.
    public static func endorsementsCSV(_ book: ScoreBook, network: Network) -> ReportFile {
        var w = CSVWriter(header: [
            "endorser_id", "endorser_name", "endorsee_id", "endorsee_name", "skill", "kind", "date", "strength", "tie",
            "penalty",
        ])
        for e in book.endorsements {
            let a = network.people[Int(e.endorser)]
            let b = network.people[Int(e.endorsee)]
            w.row([
                a.id.rawValue, a.name, b.id.rawValue, b.name, e.skill, e.kind, ReportDate.day(e.time),
                Format.fixed(e.strength, 4), Format.fixed(e.tie, 4), Format.fixed(e.penalty, 4),
            ])
        }
        return w.file(named: "endorsements.csv")
    }

    /// `skill,strength,endorsers,top_endorser` for one endorsee (default: the book's owner),
    /// strongest skill first.
    public static func skillsCSV(_ book: ScoreBook, network: Network, endorsee: Int32? = nil) -> ReportFile {
        let who = endorsee ?? book.owner
        var w = CSVWriter(header: ["skill", "strength", "endorsers", "top_endorser"])
        for s in book.skills where s.endorsee == who {
            w.row([
                s.skill, Format.fixed(s.strength, 4), String(s.endorsers),
                s.topEndorsers.first.map { network.people[Int($0)].name } ?? "",
            ])
        }
        return w.file(named: "skills.csv")
    }

    /// Extra `people.csv` columns
    /// `strength,readiness,credibility,reliability,intimacy,self_orientation,evidence,distrust`
    /// (empty for the owner and for people without shared evidence). `evidence` counts the
    /// distinct rows behind the scores (a 1 is a bare connection: the strength is then a prior,
    /// not a measurement); `distrust` is `yes` when a graph file gives distrust (weight ≤ 0).
    public static func peopleColumns(_ book: ScoreBook) -> [PeopleColumn] {
        let people = book.people
        func col(_ name: String, _ f: @escaping (PersonScore) -> Double) -> PeopleColumn {
            PeopleColumn(name) { i in i < people.count && people[i].scored ? Format.fixed(f(people[i]), 4) : "" }
        }
        return [
            col("strength") { $0.strength }, col("readiness") { $0.readiness }, col("credibility") { $0.credibility },
            col("reliability") { $0.reliability }, col("intimacy") { $0.intimacy },
            col("self_orientation") { $0.selfOrientation },
            PeopleColumn("evidence") { i in
                i < people.count && people[i].scored ? String(people[i].evidenceCount) : ""
            },
            PeopleColumn("distrust") { i in
                i < people.count && people[i].scored ? (people[i].distrust ? "yes" : "no") : ""
            },
        ]
    }

    /// One person's ledger as terminal text (`warmpath explain`).
    public static func explain(_ book: ScoreBook, network: Network, person i: Int32) -> String {
        let p = book.people[Int(i)]
        let who = network.people[Int(i)]
        let me = network.people[Int(book.owner)].name
        var out = "\(who.name) (\(who.id.rawValue)) as seen by \(me), as of \(ReportDate.day(book.asOf))\n"
        guard p.scored else {
            return out + "  no shared evidence with \(me): not scored\n"
        }
        if p.distrust {
            out += "  red flag: a graph file gives distrust between you and \(who.name); never an introduction hop\n"
        }
        if !p.hasInteractionEvidence {
            out +=
                "  no interaction evidence: the strength below is a prior from \(p.evidenceCount) row(s), not a measurement\n"
        }
        func section(_ name: ScoreName, _ title: String) {
            let entries = p.entries(name)
            out += "\n\(title)\n"
            if entries.isEmpty { out += "  (no evidence)\n" }
            let width = max(8, entries.map(\.term.count).max() ?? 8)
            for e in entries {
                let sign = e.contribution >= 0 ? "+" : ""
                let num = sign + Format.fixed(e.contribution, 4)
                out +=
                    "  " + String(repeating: " ", count: max(0, 8 - num.count)) + num + "  " + e.term
                    + String(repeating: " ", count: width - e.term.count) + "  " + evidenceText(e) + "\n"
            }
            out += "  " + String(repeating: " ", count: 8) + "= " + Format.fixed(p.target(name), 4) + "\n"
        }
        section(.strength, "strength \(Format.fixed(p.strength, 4)) = sigmoid(sum of log-odds terms)")
        section(.readiness, "readiness \(Format.fixed(p.readiness, 4)) = (C + R + I) / (3 · (1 + κS))")
        section(.credibility, "credibility \(Format.fixed(p.credibility, 4)) (vouching by \(who.name))")
        section(.reliability, "reliability \(Format.fixed(p.reliability, 4))")
        section(.intimacy, "intimacy \(Format.fixed(p.intimacy, 4))")
        section(.selfOrientation, "self-orientation \(Format.fixed(p.selfOrientation, 4)) (yours toward \(who.name))")
        let given = book.endorsements.filter { $0.endorser == i && $0.endorsee == book.owner }
        if !given.isEmpty {
            out += "\nendorsements and recommendations from \(who.name)\n"
            for e in given {
                out +=
                    "  \(Format.fixed(e.strength, 4))  \(e.kind) \(e.skill) \(ReportDate.day(e.time)) tie \(Format.fixed(e.tie, 2))"
                    + (e.penaltyReasons.isEmpty
                        ? "" : " penalty \(Format.fixed(e.penalty, 2)) (\(e.penaltyReasons.label))")
                    + " (\(e.provenance.short))\n"
            }
        }
        return out
    }
}
