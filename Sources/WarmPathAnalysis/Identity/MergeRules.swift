import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// A reference to a person in a merge rule or a target list: a profile URL, an e-mail or a
/// person id (`p` + 16 hex digits, as written in `people.csv`).
public enum PersonRef: Sendable, Hashable, CustomStringConvertible {
    case key(IdentityKey)
    case id(PersonID)

    /// Parses a cell: an e-mail, a person id, or anything that canonicalises as a profile URL.
    /// Returns nil for an empty or unrecognisable value.
    public init?(_ raw: String) {
        let s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if s.isEmpty { return nil }
        if s.count == 17, s.first == "p", s.dropFirst().allSatisfy(\.isHexDigit) {
            self = .id(PersonID(rawValue: s.lowercased()))
        } else if !s.contains("/"), let e = IdentityNormalizer.email(s) {
            self = .key(.email(e))
        } else if s.contains("/") || s.lowercased().contains("linkedin"),
            let u = IdentityNormalizer.canonicalProfileURL(s)
        {
            self = .key(.profileURL(u))
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .key(let k): k.description
        case .id(let id): id.rawValue
        }
    }
}

/// One line of a `--merge-rules` file.
public struct MergeRule: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable {
        /// Always treat `a` and `b` as one person (wins over conflicting keys).
        case merge
        /// Never merge `a` and `b` probabilistically; when a shared e-mail (or other key) joined
        /// them deterministically, `b`'s records drop the keys they share with `a`'s records.
        case split
    }

    public var action: Action
    public var a: PersonRef
    public var b: PersonRef
    /// Physical line in the rules file.
    public var line: Int

    public init(action: Action, a: PersonRef, b: PersonRef, line: Int) {
        self.action = action
        self.a = a
        self.b = b
        self.line = line
    }
}

/// The user's manual identity decisions: CSV `action,a,b` with `action` = `merge` or `split` and
/// `a`, `b` = profile URL, e-mail or person id. Applied in file order; bad rows become issues.
///
/// ```
/// action,a,b
/// merge,https://www.linkedin.com/in/marta-olsen,marta@fjord.example
/// split,ana@shared.example,https://www.linkedin.com/in/ana-ruiz
/// ```
public struct MergeRules: Sendable {
    public var rules: [MergeRule]
    /// Rows that could not be read (unknown action, unrecognisable reference).
    public var issues: [ImportIssue]
    /// The file name used in evidence and issues.
    public var file: String

    public init(rules: [MergeRule] = [], issues: [ImportIssue] = [], file: String = "merge-rules.csv") {
        self.rules = rules
        self.issues = issues
        self.file = file
    }

    /// No rules.
    public static let none = MergeRules()

    /// Parses a rules file held in memory.
    /// - Throws: ``CSVError`` when the file is empty or has no `action,a,b` header.
    /// - Complexity: O(n) in the file size.
    public static func parse(_ data: Data, file: String = "merge-rules.csv") throws -> MergeRules {
        let table = try CSVTable.open(data, requiredColumns: ["action", "a", "b"], file: file, source: "merge-rules")
        let ca = table.column("action")
        let colA = table.column("a")
        let colB = table.column("b")
        var out = MergeRules(file: file)
        out.issues = table.issues
        var reader = table.records()
        while let rec = reader.next() {
            if rec.isBlank { continue }
            func issue(_ m: String) {
                out.issues.append(
                    ImportIssue(source: "merge-rules", file: file, line: rec.line, severity: .warning, message: m))
            }
            guard let action = MergeRule.Action(rawValue: rec[ca].lowercased()) else {
                issue("unknown action '\(rec[ca])'; use merge or split; the row was skipped")
                continue
            }
            guard let a = PersonRef(rec[colA]) else {
                issue("'\(rec[colA])' is not a profile URL, e-mail or person id; the row was skipped")
                continue
            }
            guard let b = PersonRef(rec[colB]) else {
                issue("'\(rec[colB])' is not a profile URL, e-mail or person id; the row was skipped")
                continue
            }
            out.rules.append(MergeRule(action: action, a: a, b: b, line: rec.line))
        }
        out.issues += reader.issues
        return out
    }

    /// Reads and parses a rules file.
    public static func load(path: String) throws -> MergeRules {
        let url = URL(fileURLWithPath: path)
        return try parse(Data(contentsOf: url), file: url.lastPathComponent)
    }
}
