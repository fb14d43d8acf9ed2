import Foundation
import Testing
@testable import WarmPathAnalysis
@testable import WarmPathImport
import WarmPathKit
@testable import WarmPathModel
@testable import WarmPathPipeline
@testable import WarmPathReport
@testable import WarmPathSupport

@Suite("SnapshotDiffTests")
struct SnapshotDiffTests {
    /// Week 1: Ana (Engineer at Acme) and Bo are connections, Cy is not; target Tia has no path.
    static func week1() -> (Network, Snapshot) {
        var f = SnapFixture()
        f.add("Ana Ruiz", company: "Acme", position: "Engineer")
        f.add("Bo Chen", company: "Initech", position: "CTO")
        f.add("Cy Park", company: "Hooli", position: "Designer")
        f.add("Tia Target", company: "BigCo", position: "VP Sales")
        f.connect("Ana Ruiz", on: "2023-01-10")
        f.connect("Bo Chen", on: "2023-02-10")
        f.message(from: "Bo Chen", to: nil, on: "2024-02-20")
        let net = f.network()
        let asOf = SnapFixture.asOf("2024-03-01")
        let book = net.snapScores(
            asOf: asOf, strength: ["Ana Ruiz": 0.5, "Bo Chen": 0.30, "Cy Park": 0.1],
            readiness: ["Ana Ruiz": 0.4, "Bo Chen": 0.2])
        let snap = SnapshotBuilder.make(network: net, owner: net.snapOwner, asOf: asOf, scores: book)
        return (net, snap)
    }

    /// Week 2: Dee is a new connection, Ana moved to Globex, Bo's tie strengthened and a path to
    /// Tia through Bo appeared.
    static func week2() -> (Network, Snapshot) {
        var f = SnapFixture()
        f.add("Ana Ruiz", company: "Globex", position: "Engineer")
        f.add("Bo Chen", company: "Initech", position: "CTO")
        f.add("Cy Park", company: "Hooli", position: "Designer")
        f.add("Tia Target", company: "BigCo", position: "VP Sales")
        f.add("Dee Diaz", company: "Umbrella", position: "Founder")
        f.connect("Ana Ruiz", on: "2023-01-10")
        f.connect("Bo Chen", on: "2023-02-10")
        f.connect("Dee Diaz", on: "2024-03-05")
        f.message(from: "Bo Chen", to: nil, on: "2024-02-20")
        f.message(from: nil, to: "Bo Chen", on: "2024-03-04")
        let net = f.network()
        let asOf = SnapFixture.asOf("2024-03-08")
        let book = net.snapScores(
            asOf: asOf, strength: ["Ana Ruiz": 0.55, "Bo Chen": 0.62, "Cy Park": 0.1, "Dee Diaz": 0.2],
            readiness: ["Ana Ruiz": 0.45, "Bo Chen": 0.25])
        let bo = net.people[Int(net.snapIdx("Bo Chen"))].id
        let tia = net.people[Int(net.snapIdx("Tia Target"))].id
        let path = SnapshotPath(
            targetID: tia, targetName: "Tia Target", rank: 1, probability: 0.31, introducerID: bo,
            pathText: "You → Bo Chen → Tia Target")
        let snap = SnapshotBuilder.make(network: net, owner: net.snapOwner, asOf: asOf, scores: book, paths: [path])
        return (net, snap)
    }

    @Test func builderFillsPeopleConnectionsAndScores() {
        let (net, snap) = Self.week1()
        #expect(snap.asOf == "2024-03-01")
        #expect(snap.ownerName == "Olivia Owner")
        #expect(snap.people.count == net.people.count - 1)
        #expect(snap.people.map(\.id) == snap.people.map(\.id).sorted())
        let ana = snap.people.first { $0.name == "Ana Ruiz" }!
        #expect(ana.isConnection && ana.connectedOn == "2023-01-10")
        #expect(ana.company == "Acme" && ana.position == "Engineer")
        #expect(ana.profileURL == "https://www.linkedin.com/in/ana-ruiz")
        #expect(ana.strength == 0.5 && ana.readiness == 0.4)
        let cy = snap.people.first { $0.name == "Cy Park" }!
        #expect(!cy.isConnection && cy.connectedOn == nil)
        #expect(snap.connectionCount == 2)
        #expect(
            snap.identities.contains(
                SnapshotIdentity(personID: ana.id, key: "url:https://www.linkedin.com/in/ana-ruiz")))
        // Without scores every score field is nil.
        let bare = SnapshotBuilder.make(network: net, owner: net.snapOwner, asOf: SnapFixture.asOf("2024-03-01"))
        #expect(bare.people.allSatisfy { $0.strength == nil && $0.readiness == nil })
    }

    @Test func twoWeeksGiveTheExpectedChanges() {
        let (_, a) = Self.week1()
        let (_, b) = Self.week2()
        let changes = SnapshotDiff.compare(before: a, after: b)
        let got = changes.map { "\($0.kind.rawValue) \($0.name)" }
        #expect(
            got == [
                "new_connection Dee Diaz", "job_change Ana Ruiz", "strength_up Bo Chen", "new_path Tia Target",
            ])
        let job = changes.first { $0.kind == .jobChange }!
        #expect(job.before == "Engineer at Acme" && job.after == "Engineer at Globex")
        #expect(job.detail == "company: Acme → Globex")
        let up = changes.first { $0.kind == .strengthUp }!
        #expect(up.before == "0.300" && up.after == "0.620")
        #expect(up.detail == "strength 0.30 → 0.62 (+0.32)")
        let path = changes.first { $0.kind == .newPath }!
        #expect(path.after == "You → Bo Chen → Tia Target")
        #expect(changes.first { $0.kind == .newConnection }!.after == "2024-03-05")
    }

    @Test func reverseDirectionGivesRemovedLostAndDown() {
        let (_, a) = Self.week1()
        let (_, b) = Self.week2()
        let kinds = SnapshotDiff.compare(before: b, after: a).map { "\($0.kind.rawValue) \($0.name)" }
        #expect(
            kinds == [
                "removed_connection Dee Diaz", "job_change Ana Ruiz", "strength_down Bo Chen", "lost_path Tia Target",
            ])
    }

    @Test func identicalSnapshotsHaveNoChanges() {
        let (_, a) = Self.week1()
        #expect(SnapshotDiff.compare(before: a, after: a).isEmpty)
    }

    @Test func thresholdIsInclusiveAndConfigurable() {
        func snap(_ s: Double, _ r: Double) -> Snapshot {
            Snapshot(
                asOf: "2024-03-01", ownerID: nil,
                people: [SnapshotPerson(id: PersonID(rawValue: "p1"), name: "X", strength: s, readiness: r)])
        }
        let moved = SnapshotDiff.compare(before: snap(0.40, 0.50), after: snap(0.50, 0.41))
        #expect(moved.map(\.kind) == [.strengthUp])  // +0.10 reported, −0.09 not
        let strict = SnapshotDiff.compare(
            before: snap(0.40, 0.50), after: snap(0.50, 0.41),
            thresholds: ChangeThresholds(strength: 0.2, readiness: 0.05))
        #expect(strict.map(\.kind) == [.readinessDown])
    }

    @Test func jobChangeNeedsAValueOnBothSides() {
        let id = PersonID(rawValue: "p1")
        let before = Snapshot(
            asOf: "2024-03-01", ownerID: nil, people: [SnapshotPerson(id: id, name: "X", company: "", position: "CTO")])
        let filled = Snapshot(
            asOf: "2024-03-08", ownerID: nil,
            people: [SnapshotPerson(id: id, name: "X", company: "Acme", position: "CTO")])
        #expect(SnapshotDiff.compare(before: before, after: filled).isEmpty)
        let caseOnly = Snapshot(
            asOf: "2024-03-15", ownerID: nil,
            people: [SnapshotPerson(id: id, name: "X", company: "ACME ", position: "cto")])
        #expect(SnapshotDiff.compare(before: filled, after: caseOnly).isEmpty)
        let promoted = Snapshot(
            asOf: "2024-03-22", ownerID: nil,
            people: [SnapshotPerson(id: id, name: "X", company: "Acme", position: "CEO")])
        let c = SnapshotDiff.compare(before: filled, after: promoted)
        #expect(c.map(\.kind) == [.jobChange])
        #expect(c.first?.detail == "position: CTO → CEO")
    }

    @Test func betterIntroducerAndGroups() {
        let t = PersonID(rawValue: "pt")
        let a = PersonID(rawValue: "pa")
        let b = PersonID(rawValue: "pb")
        let p1 = SnapshotPath(
            targetID: t, targetName: "T", rank: 1, probability: 0.2, introducerID: a, pathText: "You → A → T")
        let p2 = SnapshotPath(
            targetID: t, targetName: "T", rank: 1, probability: 0.35, introducerID: b, pathText: "You → B → T")
        let worse = SnapshotPath(
            targetID: t, targetName: "T", rank: 1, probability: 0.1, introducerID: b, pathText: "You → B → T")
        let x = PersonID(rawValue: "px")
        let y = PersonID(rawValue: "py")
        let before = Snapshot(
            asOf: "2024-03-01", ownerID: nil,
            people: [
                SnapshotPerson(id: x, name: "X", group: "later"), SnapshotPerson(id: y, name: "Y", group: "evangelist"),
            ],
            paths: [p1])
        let after = Snapshot(
            asOf: "2024-03-08", ownerID: nil,
            people: [SnapshotPerson(id: x, name: "X", group: "need_now"), SnapshotPerson(id: y, name: "Y")], paths: [p2]
        )
        let c = SnapshotDiff.compare(before: before, after: after)
        #expect(
            c.map { "\($0.kind.rawValue) \($0.personID)" } == [
                "better_introducer pt", "joined_group px", "left_group py",
            ])
        #expect(c[0].detail == "best path now You → B → T (35.0%), was You → A → T (20.0%)")
        #expect(c[1].before == "later" && c[1].after == "need_now")
        // Groups are named in words in the details (an unknown key stays as it is).
        #expect(c[1].detail == "joined Need now (was later)")
        // A move between groups is one change, not a join and a leave.
        #expect(c[2].detail == "left Evangelists")
        // A different but weaker introducer is not "better".
        let weaker = Snapshot(asOf: "2024-03-08", ownerID: nil, paths: [worse])
        let d = SnapshotDiff.compare(before: Snapshot(asOf: "2024-03-01", ownerID: nil, paths: [p1]), after: weaker)
        #expect(d.isEmpty)
    }

    @Test func orderIsDeterministicWhateverTheInputOrder() {
        let (_, a) = Self.week1()
        let (_, b) = Self.week2()
        var shuffledA = a
        shuffledA.people.reverse()
        var shuffledB = b
        shuffledB.people.reverse()
        shuffledB.paths.reverse()
        #expect(SnapshotDiff.compare(before: shuffledA, after: shuffledB) == SnapshotDiff.compare(before: a, after: b))
        let changes = SnapshotDiff.compare(before: a, after: b)
        #expect(changes == changes.sorted())
    }

    /// An owed reply that last week's snapshot did not have is a change; one it had is not, and
    /// neither is an answered one.
    @Test func aNewOwedReplyIsAChange() {
        func owed(_ id: String, _ name: String, since: String, days: Int) -> Alert {
            Alert(
                kind: .owedReply, personID: PersonID(rawValue: id), name: name, since: since, days: days,
                detail: "\(name) wrote on \(since)")
        }
        let before = Snapshot(
            asOf: "2024-03-01", ownerID: nil,
            alerts: [
                owed("p1", "Ana Ruiz", since: "2024-02-20", days: 10),
                owed("p2", "Bo Chen", since: "2024-02-25", days: 5),
            ])
        let after = Snapshot(
            asOf: "2024-03-08", ownerID: nil,
            alerts: [
                owed("p1", "Ana Ruiz", since: "2024-02-20", days: 17),  // still owed: no change
                owed("p3", "Cy Park", since: "2024-03-04", days: 4),  // new
                owed("p2", "Bo Chen", since: "2024-03-03", days: 5),  // answered, then a new message
                Alert(
                    kind: .dormant, personID: PersonID(rawValue: "p4"), name: "Dee", since: "2024-01-01", days: 60,
                    detail: ""),
            ])
        let changes = SnapshotDiff.compare(before: before, after: after)
        #expect(changes.map(\.kind) == [.newOwedReply, .newOwedReply])
        #expect(changes.map(\.name) == ["Bo Chen", "Cy Park"])
        #expect(changes[1].after == "2024-03-04")
        #expect(changes[1].detail == "Cy Park wrote on 2024-03-04 (4 days ago) and is waiting for your reply")
        #expect(ChangesReport.csv(changes).text.contains("\r\nnew_owed_reply,p3,Cy Park,,2024-03-04,"))
        // Listed first: it asks for an answer.
        #expect(ChangeKind.allCases.first == .newOwedReply)
    }

    /// The page shows every kind in plain words, never its raw key.
    @Test func everyChangeKindHasAPlainWordsLabel() {
        #expect(ChangeKind.newConnection.label == "New connection")
        #expect(ChangeKind.jobChange.label == "Job change")
        #expect(ChangeKind.newOwedReply.label == "New reply owed")
        for k in ChangeKind.allCases {
            #expect(!k.label.contains("_") && k.label != k.rawValue, "\(k)")
            #expect(k.label.first?.isUppercase == true, "\(k)")
        }
        #expect(Set(ChangeKind.allCases.map(\.label)).count == ChangeKind.allCases.count)
    }

    @Test func changesCSV() {
        let (_, a) = Self.week1()
        let (_, b) = Self.week2()
        let file = ChangesReport.csv(SnapshotDiff.compare(before: a, after: b))
        #expect(file.name == "changes.csv")
        let lines = file.text.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "kind,person_id,name,before,after,detail")
        #expect(lines.count == 5)
        #expect(lines[1].hasPrefix("new_connection,p"))
        // Formula-looking values are neutralised.
        let evil = Change(
            kind: .jobChange, personID: PersonID(rawValue: "p1"), name: "=cmd()", before: "", after: "", detail: "")
        #expect(ChangesReport.csv([evil]).text.contains(",'=cmd(),"))
    }
}
