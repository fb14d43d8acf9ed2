import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// One row of a `--targets` file: any of `name`, `company`, `profile_url`, `email`.
public struct TargetSpec: Sendable, Hashable {
    public var name: String
    public var company: String
    public var profileURL: String
    public var email: String
    /// Physical line in the file (0 for a target given on the command line).
    public var line: Int

    public init(name: String = "", company: String = "", profileURL: String = "", email: String = "", line: Int = 0) {
        self.name = name
        self.company = company
        self.profileURL = profileURL
        self.email = email
        self.line = line
    }

    /// What the user wrote, for reports: the name, else the profile URL, else the e-mail, else
    /// the company.
    public var label: String {
        if !name.isEmpty { return company.isEmpty ? name : "\(name) (\(company))" }
        if !profileURL.isEmpty { return profileURL }
        if !email.isEmpty { return email }
        return company
    }

    /// A company row: everyone known to work there is a target.
    public var isCompanyOnly: Bool { name.isEmpty && profileURL.isEmpty && email.isEmpty && !company.isEmpty }

    /// A `--to` value: a profile URL, an e-mail, or a name; with `company:` prefix (or when it
    /// matches nobody as a name but a company) a company.
    public static func parseArgument(_ raw: String) -> TargetSpec {
        let s = raw.trimmingCharacters(in: .whitespaces)
        if s.lowercased().hasPrefix("company:") { return TargetSpec(company: String(s.dropFirst(8))) }
        if s.contains("/"), IdentityNormalizer.canonicalProfileURL(s) != nil { return TargetSpec(profileURL: s) }
        if IdentityNormalizer.email(s) != nil { return TargetSpec(email: s) }
        return TargetSpec(name: s)
    }
}

/// The people one target row matched.
public struct TargetMatch: Sendable, Hashable {
    public var spec: TargetSpec
    /// Person indices, sorted by person id.
    public var people: [Int32]
    /// `profile_url`, `email`, `name` (with the identity score), `company`.
    public var rule: String
}

/// Targets matched against a network; unmatched rows are kept, never dropped.
public struct TargetSet: Sendable {
    public var matches: [TargetMatch]
    public var unmatched: [TargetSpec]
    /// Unreadable rows of the targets file.
    public var issues: [ImportIssue]

    /// Every matched person once, sorted by index.
    public var people: [Int32] { Array(Set(matches.flatMap(\.people))).sorted() }
}

/// A parsed targets file: its rows and the rows it skipped.
public struct TargetListFile: Sendable, Hashable {
    public var specs: [TargetSpec]
    public var issues: [ImportIssue]
}

/// Reading and matching target lists.
public enum TargetList {
    /// Parses a targets CSV (header with any of `name`, `company`, `profile_url`, `email`; a
    /// `first_name`/`last_name` pair is accepted too).
    /// - Throws: ``CSVError`` when the file is empty; ``TargetListError`` when no known column exists.
    public static func parse(_ data: Data, file: String = "targets.csv") throws -> TargetListFile {
        let table = try CSVTable.open(data, file: file, source: "targets")
        let cName = table.column("name", "full_name", "target")
        let cFirst = table.column("first_name", "first")
        let cLast = table.column("last_name", "last")
        let cCompany = table.column("company", "organization", "employer")
        let cURL = table.column("profile_url", "url", "linkedin", "linkedin_url")
        let cEmail = table.column("email", "e_mail", "email_address")
        if cName == nil && cFirst == nil && cLast == nil && cCompany == nil && cURL == nil && cEmail == nil {
            throw TargetListError.noKnownColumn(file: file, header: table.header)
        }
        var specs: [TargetSpec] = []
        var issues = table.issues
        var reader = table.records()
        while let r = reader.next() {
            var name = r[cName]
            if name.isEmpty { name = [r[cFirst], r[cLast]].filter { !$0.isEmpty }.joined(separator: " ") }
            let spec = TargetSpec(name: name, company: r[cCompany], profileURL: r[cURL], email: r[cEmail], line: r.line)
            if spec.label.isEmpty {
                if !r.isBlank {
                    issues.append(
                        ImportIssue(
                            source: "targets", file: file, line: r.line, severity: .warning,
                            message: "no name, company, profile_url or email; the row was skipped"))
                }
                continue
            }
            specs.append(spec)
        }
        issues += reader.issues
        return TargetListFile(specs: specs, issues: issues)
    }

    /// Matches targets to people with the identity rules: a profile URL or e-mail matches its
    /// key exactly; a name is scored like identity resolution (Fellegi–Sunter, with the row's
    /// company) and matches the best person at or above the suggestion threshold; a company-only
    /// row matches every non-owner whose normalised company (or current employer affiliation)
    /// equals it. Source owners (the user and teammates) are never targets.
    /// - Complexity: O(P + T · b) for P people, T rows and last-name blocks of size b.
    public static func match(_ specs: [TargetSpec], in network: Network, config: IdentityConfig = .default) -> TargetSet
    {
        let owners = Set(network.sourceOwners.compactMap { $0 })
        var byKey: [IdentityKey: Int32] = [:]
        var byLast: [String: [Int32]] = [:]
        var byCompany: [String: Set<Int32>] = [:]
        var profiles: [IdentityProfile] = []
        profiles.reserveCapacity(network.people.count)
        for (i, p) in network.people.enumerated() {
            for k in p.identities { byKey[k] = Int32(i) }
            let c = NameMatching.company(p.company)
            let prof = IdentityProfile(parts: NameParts(display: p.name), companies: [c], nameOnly: p.nameOnly)
            profiles.append(prof)
            if owners.contains(Int32(i)) { continue }
            if !prof.parts.last.isEmpty { byLast[prof.parts.last, default: []].append(Int32(i)) }
            if !c.isEmpty { byCompany[c, default: []].insert(Int32(i)) }
        }
        let events = network.events
        var companyMemo: [String: String] = [:]
        for i in events.indices
        where events[i].kind == .affiliation && events[i].endTime == nil && !events[i].flags.contains(.school) {
            guard let d = events[i].detail, !owners.contains(events[i].actor) else { continue }
            let c = companyMemo[d] ?? NameMatching.company(d)
            companyMemo[d] = c
            if !c.isEmpty { byCompany[c, default: []].insert(events[i].actor) }
        }
        let scorer = IdentityScorer(config: config, frequencies: NameFrequencies(profiles))
        func sortedByID(_ xs: [Int32]) -> [Int32] {
            xs.sorted { network.people[Int($0)].id < network.people[Int($1)].id }
        }
        var matches: [TargetMatch] = []
        var unmatched: [TargetSpec] = []
        for spec in specs {
            if let u = IdentityNormalizer.canonicalProfileURL(spec.profileURL), let i = byKey[.profileURL(u)],
                !owners.contains(i)
            {
                matches.append(TargetMatch(spec: spec, people: [i], rule: "profile_url"))
                continue
            }
            if let e = IdentityNormalizer.email(spec.email), let i = byKey[.email(e)], !owners.contains(i) {
                matches.append(TargetMatch(spec: spec, people: [i], rule: "email"))
                continue
            }
            if !spec.name.isEmpty {
                let want = IdentityProfile(
                    parts: NameParts(display: spec.name), companies: [NameMatching.company(spec.company)],
                    nameOnly: false)
                var scored: [(Int32, Double)] = []
                for i in byLast[want.parts.last] ?? [] {
                    let s = scorer.score(want, profiles[Int(i)]).score
                    if s >= config.suggestThreshold { scored.append((i, s)) }
                }
                scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : network.people[Int($0.0)].id < network.people[Int($1.0)].id }
                if let best = scored.first {
                    let ambiguous = scored.count > 1 && scored[1].1 > best.1 - config.ambiguityMargin
                    matches.append(
                        TargetMatch(
                            spec: spec, people: [best.0],
                            rule: "name \(Format2.bits(best.1)) bits"
                                + (ambiguous ? " (ambiguous: \(scored.count) candidates)" : "")))
                    continue
                }
            }
            if spec.isCompanyOnly, let members = byCompany[NameMatching.company(spec.company)], !members.isEmpty {
                matches.append(TargetMatch(spec: spec, people: sortedByID(Array(members)), rule: "company"))
                continue
            }
            unmatched.append(spec)
        }
        return TargetSet(matches: matches, unmatched: unmatched, issues: [])
    }
}

/// A targets file that cannot be used at all.
public enum TargetListError: Error, Sendable, Equatable, CustomStringConvertible {
    case noKnownColumn(file: String, header: [String])

    public var description: String {
        switch self {
        case .noKnownColumn(let file, let header):
            "\(file): no name, company, profile_url or email column (header: \(ErrorText.excerpt(header.joined(separator: ",")))); "
                + "write a header like: name,company,profile_url,email"
        }
    }
}

extension TargetListError: UserFacingError {
    public var message: String { description }
    public var exitStatus: ExitStatus { .usage }
}
