import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// The ranked action list (`actions.csv`, the page's "This week"): which actions there are,
/// their reasons and due days, and the ranking.
@Suite struct ActionTests {
    static let now = SnapFixture.asOf("2024-03-20")

    /// Olivia's week: replies owed 4, 40 and 120 days ago, a follow-up, a target she knows who
    /// wrote yesterday, a target she reaches only through her teammate Ian (whose export says he
    /// knows Tim well), and a close tie gone quiet.
    static func week() -> SnapFixture {
        var f = SnapFixture()
        for (name, company, position) in [
            ("Ana Ruiz", "Acme", "Engineer"), ("Bo Chen", "", ""), ("Cy Park", "", ""), ("Dee Lund", "", ""),
            ("Tara Diaz", "Globex", "CFO"), ("Ian Moss", "Initech", "Partner"), ("Tim Berg", "Globex", "VP Sales"),
            ("Rex Stone", "", ""),
        ] {
            f.add(name, company: company, position: position)
            if name != "Tim Berg" { f.connect(name, on: "2022-01-05") }
        }
        f.message(from: "Ana Ruiz", to: nil, on: "2024-03-16", text: "Could you look at my draft before Friday?")
        f.message(from: "Bo Chen", to: nil, on: "2024-02-09", text: "Are you coming to the meetup in April?")
        f.message(from: "Cy Park", to: nil, on: "2023-11-21", text: "Can we talk about the pilot next month?")
        f.message(from: nil, to: "Dee Lund", on: "2024-03-08", text: "Would you send me the deck from Tuesday?")
        f.message(from: nil, to: "Tara Diaz", on: "2024-02-01", text: "Congratulations on the new role at Globex")
        f.message(from: "Tara Diaz", to: nil, on: "2024-03-19", text: "Budget approved, let us talk next steps")
        // Olivia knows Ian well; Olivia and Tim never met.
        for (k, day) in ["2023-10-02", "2023-11-06", "2023-12-04", "2024-01-08", "2024-02-05", "2024-03-04"]
            .enumerated()
        {
            f.message(from: "Ian Moss", to: nil, on: day, text: "Catching up on item \(k) of the plan")
            f.message(from: nil, to: "Ian Moss", on: day, text: "Happy to help with item \(k) again", hour: 3)
        }
        // Rex: a close tie, weekly until last autumn.
        for day in ["2023-08-01", "2023-08-08", "2023-08-15", "2023-08-22", "2023-08-29", "2023-09-05"] {
            f.message(from: nil, to: "Rex Stone", on: day, text: "Running again on Saturday morning?")
            f.message(from: "Rex Stone", to: nil, on: day, text: "Yes, see you at the bridge at eight", hour: 1)
        }
        return f
    }

    /// Ian's own export (a teammate's): he and Tim write each other every month.
    static func teammate() -> SourceImport {
        func person(_ name: String, _ owner: Bool = false, company: String = "", position: String = "") -> PersonRecord
        {
            PersonRecord(
                displayName: name, company: company, position: position,
                profileURLs: ["https://www.linkedin.com/in/" + SnapFixture.slug(name)], isOwner: owner,
                provenance: Provenance(source: "linkedin#2", file: "Connections.csv", line: 2))
        }
        var interactions: [Interaction] = []
        var line = 1
        func add(_ kind: InteractionKind, _ day: String, _ from: Int32, _ to: Int32, _ text: String?) {
            line += 1
            interactions.append(
                Interaction(
                    kind: kind, time: SnapFixture.time(day), actor: from, recipients: [to],
                    thread: text == nil ? nil : "ian-tim",
                    text: text, provenance: Provenance(source: "linkedin#2", file: "messages.csv", line: line)))
        }
        add(.connection, "2021-05-01", 0, 1, nil)
        for (k, day) in ["2023-10-02", "2023-11-06", "2023-12-04", "2024-01-08", "2024-02-05", "2024-03-04"]
            .enumerated()
        {
            add(.message, day, 0, 1, "Notes from our call number \(k)")
            add(.message, day, 1, 0, "Thanks, agreed on point \(k)")
        }
        return SourceImport(
            kind: .linkedin, path: "ian", label: "linkedin#2",
            people: [
                person("Ian Moss", true, company: "Initech", position: "Partner"),
                person("Tim Berg", company: "Globex", position: "VP Sales"),
            ],
            interactions: interactions, owner: 0)
    }

    static func input(
        _ f: SnapFixture, targets: [TargetSpec] = [TargetSpec(company: "Globex")], config: ScoringConfig = .default
    ) -> ActionInput {
        let net = IdentityResolver.resolve(imports: [f.source, Self.teammate()]).network
        let owner = net.snapOwner
        let scored = Scorer.scoreWithConversations(network: net, owner: owner, asOf: now, config: config)
        let alerts = Alerts.compute(
            network: net, owner: owner, asOf: now, scores: scored.book, config: AlertConfig(scoring: config),
            conversations: scored.conversations)
        let paths = PathAnalysis.run(
            network: net, owner: owner, asOf: now, scores: scored.book, targets: TargetList.match(targets, in: net))
        return ActionInput(
            network: net, owner: owner, asOf: now, scores: scored.book, alerts: alerts, paths: paths,
            conversations: scored.conversations)
    }

    static func action(_ actions: [Action], _ name: String) -> Action? { actions.first { $0.name == name } }

    /// A direct target known only by the connection: no precise-looking strength in the reason.
    @Test func aTargetKnownOnlyByTheConnectionHasNoStrengthNumber() throws {
        var f = Self.week()
        f.add("Zed Quiet", company: "Umbrella", position: "COO")
        f.connect("Zed Quiet", on: "2021-06-01")
        let actions = ActionList.compute(Self.input(f, targets: [TargetSpec(company: "Umbrella")]))
        let zed = try #require(Self.action(actions, "Zed Quiet"))
        #expect(zed.kind == .contactTarget)
        #expect(
            zed.reason.hasPrefix(
                "Contact Zed Quiet (COO at Umbrella) directly: you are connected (no interaction evidence yet, path "))
        // Someone with an exchange keeps the number.
        let ana = try #require(Self.action(actions, "Ana Ruiz"))
        #expect(ana.reason.contains("; tie strength 0."))
    }

    @Test func everyKindWithItsReasonAndDueDay() throws {
        let actions = ActionList.compute(Self.input(Self.week()))
        let ana = try #require(Self.action(actions, "Ana Ruiz"))
        #expect(ana.kind == .reply)
        #expect(ana.reason.hasPrefix("Reply to Ana Ruiz (Engineer at Acme): they wrote on 2024-03-16 (4 days ago)"))
        #expect(ana.due == "2024-03-19")  // owed 3 days after the message
        #expect(ana.pinned)
        let bo = try #require(Self.action(actions, "Bo Chen"))
        #expect(bo.kind == .reply && !bo.pinned)  // 40 days old: listed, but may sit behind the expander
        // 120 days old: past the 90-day horizon, no action (it stays an alert).
        #expect(Self.action(actions, "Cy Park") == nil)
        let dee = try #require(Self.action(actions, "Dee Lund"))
        #expect(dee.kind == .followUp)
        #expect(dee.due == "2024-03-15")
        #expect(dee.reason.contains("you wrote on 2024-03-08 (12 days ago) and have had no reply"))
        let tara = try #require(Self.action(actions, "Tara Diaz"))
        #expect(tara.kind == .contactTarget)
        #expect(tara.via == "directly" && tara.viaID == nil && tara.isTarget)
        #expect(tara.reason.hasPrefix("Contact Tara Diaz (CFO at Globex) directly: you are connected"))
        #expect(tara.reason.contains("they wrote to you on 2024-03-19 (1 day ago)"))
        #expect(tara.due == "2024-03-22")  // answer before it becomes an owed reply
        let tim = try #require(Self.action(actions, "Tim Berg"))
        #expect(tim.kind == .askIntro)
        #expect(tim.via == "Ian Moss")
        #expect(tim.viaID == Self.input(Self.week()).network.people.first { $0.name == "Ian Moss" }?.id)
        #expect(
            tim.reason.hasPrefix(
                "Ask Ian Moss (your teammate; you last wrote each other 16 days ago) to introduce you to Tim Berg (VP Sales at Globex)"
            ))
        #expect(tim.reason.contains("path You → Ian Moss → Tim Berg, "))
        #expect(tim.reason.contains("; weakest hop "))
        // Tara is at the same target company and Olivia knows her: the ask says so.
        #expect(tim.reason.contains("you know Tara Diaz at Globex directly"))
        let rex = try #require(Self.action(actions, "Rex Stone"))
        #expect(rex.kind == .revive)
        #expect(rex.reason.hasPrefix("Get back in touch with Rex Stone: last contact on 2023-09-05"))
        #expect(rex.due == "2024-03-20")
        // No raw readiness cost anywhere.
        #expect(actions.allSatisfy { !$0.reason.contains("−0.") && !$0.reason.contains("readiness") })
    }

    @Test func rankingWeighsValueAgainstUrgency() {
        let actions = ActionList.compute(Self.input(Self.week()))
        #expect(actions == actions.sorted(by: Action.ranksBefore))
        let order = actions.map(\.name)
        // A fresh message from a target and a reply owed for four days come first; the reply owed
        // for 40 days sinks below this week's introduction.
        #expect(Set(order.prefix(2)) == ["Tara Diaz", "Ana Ruiz"])
        #expect(order.firstIndex(of: "Tim Berg")! < order.firstIndex(of: "Bo Chen")!)
        #expect(order.firstIndex(of: "Ana Ruiz")! < order.firstIndex(of: "Bo Chen")!)
        // At most one action per person.
        #expect(Set(actions.map(\.personID)).count == actions.count)
    }

    @Test func theHorizonIsConfigurable() {
        var config = ScoringConfig.default
        config.owedReplyHorizonDays = 30
        let actions = ActionList.compute(
            Self.input(Self.week(), config: config), config: ActionConfig(scoring: config))
        #expect(Self.action(actions, "Bo Chen") == nil)
        #expect(Self.action(actions, "Ana Ruiz")?.kind == .reply)
        config.owedReplyHorizonDays = 365
        let all = ActionList.compute(Self.input(Self.week(), config: config), config: ActionConfig(scoring: config))
        #expect(Self.action(all, "Cy Park")?.kind == .reply)
    }

    @Test func equalPrioritiesAreRankedByKindThenID() {
        let a = Action(kind: .reply, personID: PersonID(rawValue: "p2"), name: "B", reason: "", due: "", priority: 0.5)
        let b = Action(kind: .reply, personID: PersonID(rawValue: "p1"), name: "A", reason: "", due: "", priority: 0.5)
        let c = Action(kind: .revive, personID: PersonID(rawValue: "p0"), name: "C", reason: "", due: "", priority: 0.5)
        let d = Action(kind: .revive, personID: PersonID(rawValue: "p9"), name: "D", reason: "", due: "", priority: 0.6)
        #expect([a, b, c, d].sorted(by: Action.ranksBefore).map(\.name) == ["D", "A", "B", "C"])
    }

    @Test func shuffledInputGivesTheSameList() throws {
        // The same week with its records in another order ranks identically.
        let f = Self.week()
        var half = f
        half.interactions = Array(f.interactions.reversed())
        let a = ActionList.compute(Self.input(f))
        let b = ActionList.compute(Self.input(half))
        #expect(a == b)
    }

    /// The bundled example: the two targets Noor knows directly and who wrote recently (Samuel
    /// Okafor, Priya Raman) are in the top ten, with "contact directly".
    @Test func theExamplesDirectTargetsAreInTheTopTen() throws {
        let root = TestPaths.repoRoot()
        let out = try ReportPipeline.run(
            RunConfiguration(
                sources: ExampleReportTests.sources.map { root.appendingPathComponent($0).path },
                targetsFile: root.appendingPathComponent(ExampleReportTests.targets).path))
        let csv = try #require(out.files.first { $0.name == "actions.csv" })
        #expect(csv.hasBOM)
        let rows = csv.text.csvRows
        #expect(rows.first == "rank,kind,name,person_id,via,reason,due")
        let top = rows.dropFirst().prefix(10)
        for name in ["Samuel Okafor", "Priya Raman, MBA"] {
            let row = try #require(top.first { $0.contains(name) }, "\(name) not in the top ten")
            // With the Takeout's mail, Samuel's unanswered e-mail and the follow-up owed to Priya
            // come first: the target's row is then that reply or follow-up.
            #expect(row.contains(",contact_target,") || row.contains(",reply,") || row.contains(",follow_up,"))
            #expect(row.contains("directly: you are connected") || row.contains("one of your targets"))
        }
        let html = try #require(out.files.first { $0.name == "index.html" }).text
        #expect(html.contains("Samuel Okafor (CFO at Greyhaven Health)"))
        #expect(!html.contains("No introductions to ask for this week"))
    }
}
