import Foundation

@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

/// Seeded SplitMix64 for generated report models (deterministic across platforms).
struct HTMLTestRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }
}

/// Report models for the HTML tests: hostile values everywhere, and generated networks.
enum HTMLTestModel {
    typealias M = HTMLReportModel

    /// Strings that would run script, break out of attributes or of the JSON block if any
    /// escaping were missing.
    static let hostile = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(2)>",
        "Ann </script><script>alert(3)</script>",
        "Tom &amp; Jerry",
        "O'Brien <!-- comment",
        "line\u{2028}separator",
        "</style><style>body{display:none}</style>",
        "javascript:alert(4)",
    ]

    /// A person row with some ledger lines.
    static func person(_ i: Int, name: String, company: String = "Acme", strength: Double, group: PersonGroup? = nil)
        -> M.PersonRow
    {
        M.PersonRow(
            id: "p" + String(format: "%016x", i + 1), name: name, company: company, position: "Engineer <b>lead</b>",
            profileURL: "https://www.linkedin.com/in/user-\(i)?a=1&b=\"2\"", sources: ["linkedin", "facebook"],
            strength: strength, readiness: strength * 0.8, credibility: 0.5, reliability: 0.6, intimacy: 0.4,
            selfOrientation: 0.2, proximity: strength / 2, degree: i % 3 + 1, group: group,
            lastInteraction: 1_709_827_500 - Double(i) * 86_400, messagesIn: i % 7, messagesOut: i % 5,
            ledger: [
                M.LedgerLine(
                    score: "strength", term: "activity", contribution: 1.25,
                    note: "three 1:1 messages <in> the last 30 days",
                    evidence: ["messages.csv #12", "messages.csv #\(i + 20)"]),
                M.LedgerLine(score: "strength", term: "recency", contribution: -0.5, note: "last message 40 days ago"),
                M.LedgerLine(
                    score: "readiness", term: "owed_replies", contribution: -0.3, note: name + " waits for a reply",
                    evidence: ["messages.csv #3"]),
            ])
    }

    /// A model that uses every hostile string in every section, plus `extra` ordinary people.
    static func hostileModel(extra: Int = 20) -> M {
        var people: [M.PersonRow] = []
        for (i, h) in hostile.enumerated() {
            people.append(
                person(
                    i, name: h, company: hostile[(i + 1) % hostile.count], strength: 0.3 + Double(i) * 0.05,
                    group: ([.needNow, .needLater, .evangelist, nil] as [PersonGroup?])[i % 4]))
        }
        let names = ["Marta Olsen", "Per Olsen", "Ann Lee", "Bo Chen", "Eva Diaz", "Raj Patel", "Lin Wu"]
        for j in 0..<extra {
            let i = hostile.count + j
            people.append(
                person(i, name: names[j % names.count] + " " + String(j), strength: Double((j * 37) % 100) / 100))
        }
        func ref(_ i: Int) -> M.PersonRef { M.PersonRef(id: people[i].id, name: people[i].name) }
        let owner = M.PathNode(id: "p-owner", name: "Me <owner>", isOwner: true)
        var model = M(
            title: "Report for <script>alert('t')</script>", ownerName: hostile[1], asOf: 1_709_827_500,
            sources: hostile, counts: [M.Count("people <b>", people.count), M.Count("events", 12_345)], people: people)
        // Fourteen actions of every kind (hostile reasons), so that four sit behind the expander;
        // rank 13 is a recent owed reply, pinned, so it stays in view.
        let kinds: [ActionKind] = [.reply, .followUp, .contactTarget, .askIntro, .revive]
        model.actions = M.Actions(
            items: (0..<14).map { k in
                M.ActionRow(
                    rank: k + 1, kind: kinds[k % kinds.count], person: ref(k % people.count),
                    via: kinds[k % kinds.count] == .askIntro ? ref((k + 1) % people.count) : nil,
                    reason: hostile[k % hostile.count], due: "2024-03-" + String(10 + k), pinned: k == 12,
                    isTarget: k % 5 >= 2)
            },
            changes: [
                M.Change(kind: .strengthUp, person: ref(5), before: "0.40", after: "0.55<", detail: hostile[6]),
                M.Change(kind: .newOwedReply, person: ref(4), after: "2024-03-01", detail: hostile[0]),
            ], changesSince: "2024-02-28", tracksChanges: true)
        people[2].knownBy = ["you", hostile[4]]
        people[2].teamEvidence = [
            M.TeamEvidence(teammate: hostile[4], strength: 0.94, note: hostile[0], evidence: [hostile[1]])
        ]
        people[3].scored = false
        model.people = people
        model.targets = [
            M.TargetPaths(
                target: ref(2), reach: 0.57,
                paths: [
                    M.WarmPath(
                        nodes: [
                            owner, M.PathNode(id: people[1].id, name: people[1].name),
                            M.PathNode(id: people[2].id, name: people[2].name),
                        ],
                        edges: [
                            M.PathEdge(probability: 0.8), M.PathEdge(probability: 0.3, inferred: true, via: hostile[6]),
                        ],
                        probability: 0.19, weakestLink: 1),
                    M.WarmPath(
                        nodes: [
                            owner, M.PathNode(id: people[0].id, name: people[0].name),
                            M.PathNode(id: people[6].id, name: people[6].name),
                            M.PathNode(id: people[2].id, name: people[2].name),
                        ],
                        edges: [
                            M.PathEdge(probability: 0.7), M.PathEdge(probability: 0.5), M.PathEdge(probability: 0.6),
                        ], probability: 0.13, weakestLink: 1),
                ], typed: hostile[7], rule: "name 14.0 bits", position: hostile[5], company: hostile[3],
                knownBy: people[2].teamEvidence),
            M.TargetPaths(target: ref(7), reach: 0, paths: [], typed: hostile[2], rule: "company", directStrength: 0.7),
        ]
        model.unmatchedTargets = [M.UnmatchedTarget(typed: hostile[1], reason: "no person matches", line: 4)]
        model.mergeSuggestions = [M.MergeSuggestionRow(a: ref(2), b: ref(4), score: 12.5, evidence: hostile[0])]
        model.groups = [
            M.Group(
                kind: .needNow, count: 2,
                top: [M.GroupMember(person: ref(0), strength: 0.3, readiness: 0.2, reason: hostile[2])]),
            M.Group(
                kind: .evangelist, count: 1,
                top: [M.GroupMember(person: ref(2), strength: 0.4, readiness: 0.3, reason: "3 recommendations")]),
        ]
        model.skills = [
            M.SkillRow(skill: hostile[0], strength: 0.77, endorsers: 5, topEndorser: ref(1), blind: 2, connected: 3),
            M.SkillRow(skill: "Swift", strength: 0.4, endorsers: 1, topEndorser: nil, blind: 1, connected: 0),
        ]
        model.endorsements = [
            M.EndorsementRow(
                endorser: ref(1), endorsee: ref(0), skill: hostile[3], kind: "endorsement", time: 1_700_000_000,
                strength: 0.2, tie: 0.5)
        ]
        model.network = NetworkLayout.view(
            people: people,
            edges: [M.NetworkEdge(a: 0, b: 1, strength: 0.7), M.NetworkEdge(a: 2, b: 3, strength: 0.2)],
            ownerID: "p-owner", ownerName: "Me <owner>")
        model.charts = M.Charts.from(people: people)
        model.charts.messagesPerMonth = [
            M.MonthCount(month: "2024-01", inbound: 4, outbound: 2),
            M.MonthCount(month: "2024-02", inbound: 7, outbound: 9),
            M.MonthCount(month: "2024-03", inbound: 3, outbound: 1),
        ]
        model.dataQuality = M.DataQuality(
            files: [M.FileRow(source: "linkedin", file: hostile[5], rows: 100, skipped: 2, issues: 2)],
            issues: [
                M.IssueRow(
                    source: "linkedin", file: "Connections.csv", line: 7, severity: "warning", message: hostile[1])
            ],
            totalIssues: 2)
        return model
    }

    /// A generated network of `count` people for layout and browser tests.
    static func generated(count: Int, seed: UInt64 = 42) -> M {
        var rng = HTMLTestRandom(seed: seed)
        let first = ["Marta", "Per", "Ann", "Bo", "Eva", "Raj", "Lin", "Omar", "Ida", "Kai", "Nora", "Sven"]
        let last = ["Olsen", "Lee", "Chen", "Diaz", "Patel", "Wu", "Berg", "Khan", "Novak", "Silva"]
        let companies = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark"]
        let groups: [PersonGroup?] = [.needNow, .needLater, .evangelist, nil, nil, nil, nil, nil]
        var people: [M.PersonRow] = []
        people.reserveCapacity(count)
        for i in 0..<count {
            let s = pow(rng.unit(), 2.2)
            var p = person(
                i, name: rng.pick(first) + " " + rng.pick(last), company: rng.pick(companies), strength: s,
                group: rng.pick(groups))
            p.readiness = rng.unit()
            p.proximity = pow(rng.unit(), 3)
            people.append(p)
        }
        var edges: [M.NetworkEdge] = []
        for _ in 0..<(count * 2) {
            edges.append(M.NetworkEdge(a: Int32(rng.int(count)), b: Int32(rng.int(count)), strength: rng.unit()))
        }
        var model = M(
            title: "Generated", ownerName: "Owner", asOf: 1_709_827_500, sources: ["linkedin.zip"], people: people)
        model.network = NetworkLayout.view(people: people, edges: edges, ownerID: "p-owner", ownerName: "Owner")
        model.charts = M.Charts.from(people: people)
        return model
    }
}
