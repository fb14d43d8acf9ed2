import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// What changed between two snapshots. Raw values are the `kind` column of `changes.csv`;
/// declaration order is report order (what asks for an answer first).
public enum ChangeKind: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Someone wrote a message the owner now owes a reply to, which last time was not owed.
    case newOwedReply = "new_owed_reply"
    case newConnection = "new_connection"
    case removedConnection = "removed_connection"
    /// Company or position changed (MODEL.md §5.7: a job change is a "need it now" signal).
    case jobChange = "job_change"
    case strengthUp = "strength_up"
    case strengthDown = "strength_down"
    case readinessUp = "readiness_up"
    case readinessDown = "readiness_down"
    /// A target that had no warm path now has one (`personID` is the target).
    case newPath = "new_path"
    /// A target lost every warm path.
    case lostPath = "lost_path"
    /// A target's best path now goes through a different introducer with a higher probability.
    case betterIntroducer = "better_introducer"
    case joinedGroup = "joined_group"
    case leftGroup = "left_group"

    public var order: Int { ChangeKind.allCases.firstIndex(of: self)! }

    /// The change in plain words, for the page ("New connection", "Job change", …); the raw value
    /// stays the `kind` column of `changes.csv`.
    public var label: String {
        switch self {
        case .newOwedReply: "New reply owed"
        case .newConnection: "New connection"
        case .removedConnection: "Connection removed"
        case .jobChange: "Job change"
        case .strengthUp: "Closer tie"
        case .strengthDown: "Weaker tie"
        case .readinessUp: "More ready to refer you"
        case .readinessDown: "Less ready to refer you"
        case .newPath: "New warm path"
        case .lostPath: "Warm path lost"
        case .betterIntroducer: "Better introducer"
        case .joinedGroup: "Joined a group"
        case .leftGroup: "Left a group"
        }
    }

    public static func < (a: ChangeKind, b: ChangeKind) -> Bool { a.order < b.order }
}

/// One change between two weekly snapshots, one row of `changes.csv`.
public struct Change: Sendable, Hashable, Codable, Comparable {
    public var kind: ChangeKind
    /// The person concerned (the target for path changes).
    public var personID: PersonID
    public var name: String
    /// The value before (empty when there was none), for example `0.42` or `Engineer at Acme`.
    public var before: String
    public var after: String
    /// The change in words.
    public var detail: String

    public init(kind: ChangeKind, personID: PersonID, name: String, before: String, after: String, detail: String) {
        self.kind = kind
        self.personID = personID
        self.name = name
        self.before = before
        self.after = after
        self.detail = detail
    }

    /// Kind, then person id, then the values.
    public static func < (a: Change, b: Change) -> Bool {
        if a.kind != b.kind { return a.kind < b.kind }
        return (a.personID, a.before, a.after, a.detail) < (b.personID, b.before, b.after, b.detail)
    }
}

/// Smallest score moves reported as changes (MODEL.md §5.8: |Δs| ≥ 0.1).
public struct ChangeThresholds: Sendable, Hashable, Codable {
    /// Strength moves of at least this much (absolute, on the 0–1 scale) are reported.
    public var strength: Double
    /// Readiness moves of at least this much are reported.
    public var readiness: Double

    public init(strength: Double = 0.1, readiness: Double = 0.1) {
        self.strength = strength
        self.readiness = readiness
    }

    public static let `default` = ChangeThresholds()
}

/// Compares two snapshots of the same owner: a pure function of its inputs.
public enum SnapshotDiff {
    /// The changes from `before` to `after`, sorted by kind, then person id.
    ///
    /// ```
    /// let changes = SnapshotDiff.compare(before: lastWeek, after: thisWeek)
    /// changes.filter { $0.kind == .jobChange }.map(\.detail)  // ["company: Acme → Globex"]
    /// ```
    /// - Parameter thresholds: smallest strength / readiness moves reported (default 0.1 each;
    ///   a move exactly at the threshold is reported, with a 1e-9 tolerance for rounding).
    /// - Complexity: O((P + T) log(P + T)) for P people and T paths.
    public static func compare(before: Snapshot, after: Snapshot, thresholds: ChangeThresholds = .default) -> [Change] {
        var out: [Change] = []
        var old: [PersonID: SnapshotPerson] = [:]
        old.reserveCapacity(before.people.count)
        for p in before.people { old[p.id] = p }
        var seen = Set<PersonID>()
        for a in after.people {
            seen.insert(a.id)
            let b = old[a.id]
            if a.isConnection && !(b?.isConnection ?? false) {
                out.append(
                    Change(
                        kind: .newConnection, personID: a.id, name: a.name, before: "", after: a.connectedOn ?? "",
                        detail: "new connection" + (a.connectedOn.map { " on \($0)" } ?? "") + jobText(a, prefix: ": "))
                )
            }
            if let b, b.isConnection && !a.isConnection {
                out.append(removed(b))
            }
            if let b { out += personChanges(b, a, thresholds) }
        }
        for b in before.people where !seen.contains(b.id) && b.isConnection {
            out.append(removed(b))
        }
        // Group left by someone no longer in the network at all.
        for b in before.people where !seen.contains(b.id) {
            if let g = b.group {
                out.append(
                    Change(
                        kind: .leftGroup, personID: b.id, name: b.name, before: g, after: "",
                        detail: "left \(groupName(g)) (no longer in the network)"))
            }
        }
        out += pathChanges(before.paths, after.paths)
        out += newOwedReplies(before.alerts, after.alerts)
        return out.sorted()
    }

    /// `new_owed_reply`: an owed reply of `after` whose person and start day `before` did not
    /// have (a message that arrived, or became owed, since).
    private static func newOwedReplies(_ before: [Alert], _ after: [Alert]) -> [Change] {
        struct Key: Hashable {
            var person: PersonID
            var since: String
        }
        let old = Set(before.filter { $0.kind == .owedReply }.map { Key(person: $0.personID, since: $0.since) })
        var out: [Change] = []
        for a in after where a.kind == .owedReply && !old.contains(Key(person: a.personID, since: a.since)) {
            let when = a.since.isEmpty ? "" : " on \(a.since)" + (a.days.map { " (\($0) days ago)" } ?? "")
            out.append(
                Change(
                    kind: .newOwedReply, personID: a.personID, name: a.name, before: "", after: a.since,
                    detail: "\(a.name) wrote\(when) and is waiting for your reply"))
        }
        return out
    }

    private static func removed(_ b: SnapshotPerson) -> Change {
        Change(
            kind: .removedConnection, personID: b.id, name: b.name, before: b.connectedOn ?? "", after: "",
            detail: "no longer a connection" + (b.connectedOn.map { " (connected on \($0))" } ?? ""))
    }

    /// `Engineer at Acme`, `Acme`, `Engineer` or "".
    static func jobText(_ p: SnapshotPerson, prefix: String = "") -> String {
        let c = p.company.trimmingWhitespace
        let t = p.position.trimmingWhitespace
        let s = c.isEmpty ? t : (t.isEmpty ? c : "\(t) at \(c)")
        return s.isEmpty ? "" : prefix + s
    }

    private static func same(_ a: String, _ b: String) -> Bool {
        a.trimmingWhitespace.lowercased() == b.trimmingWhitespace.lowercased()
    }

    private static func personChanges(_ b: SnapshotPerson, _ a: SnapshotPerson, _ th: ChangeThresholds) -> [Change] {
        var out: [Change] = []
        let companyChanged = !same(a.company, b.company)
        let positionChanged = !same(a.position, b.position)
        // A job change needs something known on both sides: a field filled in for the first
        // time (or emptied) is better data, not a new job.
        let bothCompany = !a.company.trimmingWhitespace.isEmpty && !b.company.trimmingWhitespace.isEmpty
        let bothPosition = !a.position.trimmingWhitespace.isEmpty && !b.position.trimmingWhitespace.isEmpty
        if (companyChanged && bothCompany) || (positionChanged && bothPosition) {
            var parts: [String] = []
            if companyChanged { parts.append("company: \(show(b.company)) → \(show(a.company))") }
            if positionChanged { parts.append("position: \(show(b.position)) → \(show(a.position))") }
            out.append(
                Change(
                    kind: .jobChange, personID: a.id, name: a.name, before: jobText(b), after: jobText(a),
                    detail: parts.joined(separator: "; ")))
        }
        if let x = b.strength, let y = a.strength, abs(y - x) >= th.strength - 1e-9 {
            out.append(scoreChange(y > x ? .strengthUp : .strengthDown, "strength", b, a, x, y))
        }
        if let x = b.readiness, let y = a.readiness, abs(y - x) >= th.readiness - 1e-9 {
            out.append(scoreChange(y > x ? .readinessUp : .readinessDown, "readiness", b, a, x, y))
        }
        if b.group != a.group {
            if let g = a.group {
                out.append(
                    Change(
                        kind: .joinedGroup, personID: a.id, name: a.name, before: b.group ?? "", after: g,
                        detail: "joined \(groupName(g))" + (b.group.map { " (was \(groupName($0)))" } ?? "")))
            }
            // A move from one group to another is one change (`joined`, naming the old group);
            // `left` only when the person is in no group now.
            if let g = b.group, a.group == nil {
                out.append(
                    Change(
                        kind: .leftGroup, personID: a.id, name: a.name, before: g, after: a.group ?? "",
                        detail: "left \(groupName(g))" + (a.group.map { " (now \(groupName($0)))" } ?? "")))
            }
        }
        return out
    }

    /// A group's name in words (`need_now` → "Need now"), as the page heads the groups; an
    /// unknown key as it is.
    static func groupName(_ raw: String) -> String {
        switch PersonGroup(rawValue: raw) {
        case .needNow: "Need now"
        case .needLater: "Need later"
        case .evangelist: "Evangelists"
        case nil: raw
        }
    }

    private static func show(_ s: String) -> String {
        let t = s.trimmingWhitespace
        return t.isEmpty ? "(none)" : t
    }

    private static func scoreChange(
        _ kind: ChangeKind, _ label: String, _ b: SnapshotPerson, _ a: SnapshotPerson, _ x: Double, _ y: Double
    ) -> Change {
        let d = y - x
        let sign = d >= 0 ? "+" : "−"
        return Change(
            kind: kind, personID: a.id, name: a.name, before: Format.fixed(x, 3), after: Format.fixed(y, 3),
            detail: "\(label) \(Format.fixed(x, 2)) → \(Format.fixed(y, 2)) (\(sign)\(Format.fixed(abs(d), 2)))")
    }

    /// The best path per target (lowest rank, then highest probability, then introducer id).
    private static func best(_ paths: [SnapshotPath]) -> [PersonID: SnapshotPath] {
        var out: [PersonID: SnapshotPath] = [:]
        for p in paths {
            if let cur = out[p.targetID] {
                let better =
                    p.rank != cur.rank
                    ? p.rank < cur.rank
                    : (p.probability != cur.probability
                        ? p.probability > cur.probability
                        : (p.introducerID?.rawValue ?? "") < (cur.introducerID?.rawValue ?? ""))
                if better { out[p.targetID] = p }
            } else {
                out[p.targetID] = p
            }
        }
        return out
    }

    private static func pathChanges(_ before: [SnapshotPath], _ after: [SnapshotPath]) -> [Change] {
        let b = best(before)
        let a = best(after)
        var out: [Change] = []
        for (t, p) in a {
            if let q = b[t] {
                if p.introducerID != q.introducerID && p.probability > q.probability {
                    out.append(
                        Change(
                            kind: .betterIntroducer, personID: t, name: p.targetName, before: q.pathText,
                            after: p.pathText,
                            detail:
                                "best path now \(p.pathText) (\(percent(p.probability))), was \(q.pathText) (\(percent(q.probability)))"
                        ))
                }
            } else {
                out.append(
                    Change(
                        kind: .newPath, personID: t, name: p.targetName, before: "", after: p.pathText,
                        detail: "new warm path: \(p.pathText) (\(percent(p.probability)))"))
            }
        }
        for (t, q) in b where a[t] == nil {
            out.append(
                Change(
                    kind: .lostPath, personID: t, name: q.targetName, before: q.pathText, after: "",
                    detail: "no warm path any more; was \(q.pathText) (\(percent(q.probability)))"))
        }
        return out
    }

    private static func percent(_ p: Double) -> String { Format.fixed(p * 100, 1) + "%" }
}

extension String {
    fileprivate var trimmingWhitespace: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
