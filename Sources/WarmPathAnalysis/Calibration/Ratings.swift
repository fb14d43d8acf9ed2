import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// One row of a filled-in `rate-these.csv`.
public struct Rating: Sendable, Hashable {
    public var personID: String
    public var name: String
    /// `your_strength`, 0–4.
    public var yourStrength: Double?
    /// `would_introduce`, yes or no.
    public var wouldIntroduce: Bool?
    /// 1-based line in the file.
    public var line: Int

    public init(personID: String, name: String, yourStrength: Double?, wouldIntroduce: Bool?, line: Int) {
        self.personID = personID
        self.name = name
        self.yourStrength = yourStrength
        self.wouldIntroduce = wouldIntroduce
        self.line = line
    }

    /// "Ana Ruiz (p0123…)" or whichever part is known.
    public var label: String {
        switch (name.isEmpty, personID.isEmpty) {
        case (false, false): "\(name) (\(personID))"
        case (false, true): name
        default: personID
        }
    }
}

/// A parsed ratings file: the rated rows and the problems found.
public struct RatingsFile: Sendable, Hashable {
    public var ratings: [Rating]
    public var issues: [ImportIssue]
    /// Rows with neither rating filled in (not an issue: the user skipped them).
    public var unrated: Int
}

/// Errors of `--ratings FILE` that stop `warmpath calibrate`.
public enum RatingsError: UserFacingError, Equatable {
    case noKnownColumn(file: String, header: [String])
    case tooFew(file: String, usable: Int, needed: Int)
    case noVariance(file: String, value: String)

    public var message: String {
        switch self {
        case .noKnownColumn(let f, let h):
            "ratings file \(f) has neither a your_strength nor a would_introduce column (header: \(ErrorText.excerpt(h.joined(separator: ","))));"
                + " fill in the rate-these.csv a report writes"
        case .tooFew(let f, let n, let needed):
            "ratings file \(f) has \(n) usable rating\(n == 1 ? "" : "s"); calibration needs at least \(needed)"
                + " rated people (fill in more rows of rate-these.csv)"
        case .noVariance(let f, let v):
            "ratings file \(f): every rating is \(v), so there is nothing to learn from;"
                + " rate strong and weak ties alike"
        }
    }

    public var exitStatus: ExitStatus { .nothingUsable }
}

/// Reading a filled-in `rate-these.csv`.
public enum RatingsList {
    public static let source = "ratings"

    /// Parses the ratings: `person_id` and/or `name` identify the person, `your_strength` is a
    /// number from 0 to 4, `would_introduce` is yes/no (also y/n, true/false, 1/0). A value that
    /// cannot be read is an issue and that rating is left out; a row with no rating is counted as
    /// unrated.
    /// - Throws: ``CSVError`` for an empty file, ``RatingsError/noKnownColumn(file:header:)``.
    public static func parse(_ data: Data, file: String = "ratings.csv") throws -> RatingsFile {
        let table = try CSVTable.open(data, file: file, source: source)
        let cID = table.column("person_id", "id")
        let cName = table.column("name")
        let cStrength = table.column("your_strength")
        let cIntroduce = table.column("would_introduce")
        if cStrength == nil && cIntroduce == nil {
            throw RatingsError.noKnownColumn(file: file, header: table.header)
        }
        var issues = table.issues
        var ratings: [Rating] = []
        var unrated = 0
        var reader = table.records()
        func issue(_ line: Int, _ text: String) {
            issues.append(ImportIssue(source: source, file: file, line: line, severity: .warning, message: text))
        }
        while let r = reader.next() {
            if r.isBlank { continue }
            let id = r[cID].trimmingCharacters(in: .whitespaces)
            let name = r[cName].trimmingCharacters(in: .whitespaces)
            let s = r[cStrength].trimmingCharacters(in: .whitespaces)
            let w = r[cIntroduce].trimmingCharacters(in: .whitespaces).lowercased()
            var strength: Double?
            var introduce: Bool?
            if !s.isEmpty {
                if let v = Double(s), v.isFinite, (0...4).contains(v) {
                    strength = v
                } else {
                    issue(r.line, "your_strength '\(s)' is not a number from 0 to 4; that rating is not used")
                }
            }
            if !w.isEmpty {
                switch w {
                case "yes", "y", "true", "1": introduce = true
                case "no", "n", "false", "0": introduce = false
                default: issue(r.line, "would_introduce '\(w)' is not yes or no; that rating is not used")
                }
            }
            if strength == nil && introduce == nil {
                if s.isEmpty && w.isEmpty { unrated += 1 }
                continue
            }
            if id.isEmpty && name.isEmpty {
                issue(r.line, "a rating without person_id or name; the row is not used")
                continue
            }
            ratings.append(
                Rating(personID: id, name: name, yourStrength: strength, wouldIntroduce: introduce, line: r.line))
        }
        issues += reader.issues
        return RatingsFile(ratings: ratings, issues: issues, unrated: unrated)
    }
}
