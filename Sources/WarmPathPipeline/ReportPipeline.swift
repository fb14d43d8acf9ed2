import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis
import WarmPathReport

/// What `warmpath report` (and `paths`, `explain`, `export`) was asked to do. Built by the CLI,
/// run by ``ReportPipeline``.
public struct RunConfiguration: Sendable {
    public var sources: [String]
    /// Name, profile URL or e-mail of the person whose point of view the report takes.
    public var owner: String?
    /// "Now" for every decay and alert: end of this day UTC. Default: the newest event.
    public var asOf: Double?
    public var options: ImportOptions
    /// `--targets FILE` (CSV with any of `name,company,profile_url,email`).
    public var targetsFile: String?
    /// Extra targets given on the command line (`--to`).
    public var to: [String]
    /// `--merge-rules FILE` (CSV `action,a,b`).
    public var mergeRulesFile: String?
    /// Scoring weights (`--config FILE` overrides any subset of the defaults).
    public var scoring: ScoringConfig
    public var paths: PathConfig
    /// The snapshot store (`--store`): alerts read past strengths from it and `changes.csv`
    /// compares with a stored snapshot. nil: alerts only, no `changes.csv`.
    public var history: (any SnapshotHistory)?
    /// `--compare-to yyyy-MM-dd` (default: the newest snapshot before the as-of day).
    public var compareTo: String?

    public init(
        sources: [String], owner: String? = nil, asOf: Double? = nil, options: ImportOptions = ImportOptions(),
        targetsFile: String? = nil, to: [String] = [], mergeRulesFile: String? = nil, scoring: ScoringConfig = .default,
        paths: PathConfig = .default, history: (any SnapshotHistory)? = nil, compareTo: String? = nil
    ) {
        self.sources = sources
        self.owner = owner
        self.asOf = asOf
        self.options = options
        self.targetsFile = targetsFile
        self.to = to
        self.mergeRulesFile = mergeRulesFile
        self.scoring = scoring
        self.paths = paths
        self.history = history
        self.compareTo = compareTo
    }
}

/// Errors that stop a whole run.
public enum PipelineError: UserFacingError, Equatable, CustomStringConvertible {
    case noUsableSource([String])
    case ownerNotFound(String, candidates: [String])
    case noOwner
    case unreadableFile(option: String, path: String, reason: String)

    public var description: String {
        switch self {
        case .noUsableSource(let errors):
            errors.count == 1
                ? "nothing usable in the input: " + errors[0]
                : "nothing usable in the input:\n" + errors.map { "  " + $0 }.joined(separator: "\n")
        case .ownerNotFound(let owner, let candidates):
            "--owner '\(owner)' matches nobody in the sources"
                + (candidates.isEmpty ? "" : "; source owners are: " + candidates.joined(separator: ", "))
        case .noOwner:
            "the sources name nobody as their owner (graph files and address books have none); give --owner NAME|URL|NODE-ID"
        case .unreadableFile(let option, let path, let reason):
            "\(option) \(path): \(reason)"
        }
    }

    public var message: String { description }

    public var exitStatus: ExitStatus {
        switch self {
        case .noUsableSource: .nothingUsable
        case .ownerNotFound, .noOwner, .unreadableFile: .usage
        }
    }
}

/// The network read from the sources, with the owner and as-of date chosen.
public struct LoadedNetwork: Sendable {
    public var network: Network
    public var loaded: [LoadedSource]
    public var owner: Int32?
    public var asOf: Double
    /// Probable duplicates identity resolution did not merge (written to `merges.csv`).
    public var suggestions: [MergeSuggestion]
    /// One line per file and per rejected source, for stderr.
    public var summaryLines: [String]
}

/// Everything a report run computed, before it is turned into files.
public struct AnalysedNetwork: Sendable {
    public var loaded: LoadedNetwork
    public var owner: Int32
    public var stats: [ContactStats]
    public var scores: ScoreBook
    public var targets: TargetSet
    public var paths: PathAnalysis
    /// The owner's conversations as scoring indexed them (reused by the alerts).
    public var conversations: ConversationIndex
    public var network: Network { loaded.network }
}

/// Orchestration of a report run, testable without the binary: read sources, resolve
/// identities, score, find paths, compare with history, and return report files (the caller
/// writes them and saves the snapshot).
public enum ReportPipeline {
    /// Reads the sources, resolves identities (deterministic keys, scored name matches and
    /// `--merge-rules`), picks the owner and the as-of date.
    public static func load(_ config: RunConfiguration, progress: ProgressLine = .silent) throws -> LoadedNetwork {
        progress.step("reading \(config.sources.count) source(s)")
        let loaded = SourceLoader(options: config.options).load(config.sources)
        let imports = loaded.compactMap(\.result)
        var lines: [String] = []
        for l in loaded {
            if let e = l.error { lines.append("error: \(e)") }
            if let r = l.result {
                for f in r.files { lines.append(f.summaryLine) }
                for (k, v) in r.counters.sorted(by: { $0.key < $1.key }) where v > 0 {
                    lines.append("\(r.label): \(Format.grouped(v)) \(k)")
                }
            }
        }
        guard !imports.isEmpty else {
            throw PipelineError.noUsableSource(loaded.compactMap(\.error))
        }
        var rules = MergeRules.none
        if let f = config.mergeRulesFile {
            do { rules = try MergeRules.load(path: f) } catch {
                throw PipelineError.unreadableFile(option: "--merge-rules", path: f, reason: ErrorText.reason(error, path: f))
            }
        }
        progress.step("resolving identities across \(imports.count) source(s)")
        let resolved = IdentityResolver.resolve(imports: imports, rules: rules)
        var network = resolved.network
        network.issues += resolved.issues
        let issueCount = network.issues.count
        if issueCount > 0 {
            lines.append("\(Format.grouped(issueCount)) import issue(s) written to import-issues.csv")
        }
        if !resolved.suggestions.isEmpty {
            lines.append("\(Format.grouped(resolved.suggestions.count)) suggested merge(s) written to merges.csv")
        }
        let owner = try resolveOwner(config.owner, in: network)
        let asOf = config.asOf ?? network.newestTime ?? Date().timeIntervalSince1970
        return LoadedNetwork(
            network: network, loaded: loaded, owner: owner, asOf: asOf, suggestions: resolved.suggestions,
            summaryLines: lines)
    }

    /// Finds a person: by profile URL, e-mail, person id, graph node id or name (source owners first).
    public static func resolveOwner(_ query: String?, in network: Network) throws -> Int32? {
        guard let query else { return network.sourceOwners.compactMap { $0 }.first }
        let owners = network.sourceOwners.compactMap { $0 }
        if query.contains("/"), let url = IdentityNormalizer.canonicalProfileURL(query),
            let i = network.people.firstIndex(where: { $0.identities.contains(.profileURL(url)) })
        {
            return Int32(i)
        }
        if let email = IdentityNormalizer.email(query),
            let i = network.people.firstIndex(where: { $0.identities.contains(.email(email)) })
        {
            return Int32(i)
        }
        if let i = network.index(of: PersonID(rawValue: query)) { return i }
        if let i = network.people.firstIndex(where: {
            $0.identities.contains { if case .node(_, let id) = $0 { id == query } else { false } }
        }) {
            return Int32(i)
        }
        let wanted = IdentityNormalizer.matchName(query)
        if let o = owners.first(where: { IdentityNormalizer.matchName(network.people[Int($0)].name) == wanted }) {
            return o
        }
        if let i = network.people.firstIndex(where: { IdentityNormalizer.matchName($0.name) == wanted }) {
            return Int32(i)
        }
        throw PipelineError.ownerNotFound(query, candidates: owners.map { network.people[Int($0)].name })
    }

    /// Loads, scores and finds paths: everything but the files.
    public static func analyse(_ config: RunConfiguration, progress: ProgressLine = .silent) throws -> AnalysedNetwork {
        let loaded = try load(config, progress: progress)
        guard let owner = loaded.owner else { throw PipelineError.noOwner }
        let network = loaded.network
        var specs = config.to.map(TargetSpec.parseArgument)
        var targetIssues: [ImportIssue] = []
        if let f = config.targetsFile {
            let url = URL(fileURLWithPath: f)
            do {
                let parsed = try TargetList.parse(Data(contentsOf: url), file: url.lastPathComponent)
                specs += parsed.specs
                targetIssues = parsed.issues
            } catch {
                throw PipelineError.unreadableFile(option: "--targets", path: f, reason: ErrorText.reason(error, path: f))
            }
        }
        progress.step("scoring \(Format.grouped(network.people.count)) people")
        // Targets, contact statistics and introductions (for the groups) on one core while
        // scoring runs on the other.
        let fixedSpecs = specs
        let issuesOfTargets = targetIssues
        let asOf = loaded.asOf
        let scoring = config.scoring
        let ((targets, stats, introductions), (book, conversations)) = Parallel.both(
            { () -> (TargetSet, [ContactStats], [(Int32, Int32)]) in
                var targets = TargetList.match(fixedSpecs, in: network)
                // A bare `--to` word that matches no person may be a company.
                let retry = targets.unmatched.filter {
                    $0.line == 0 && !$0.name.isEmpty && $0.profileURL.isEmpty && $0.email.isEmpty
                }
                if !retry.isEmpty {
                    let again = TargetList.match(retry.map { TargetSpec(company: $0.name) }, in: network)
                    targets.matches += again.matches
                    targets.unmatched =
                        targets.unmatched.filter { !retry.contains($0) } + again.unmatched.map { TargetSpec(name: $0.company) }
                }
                targets.issues += issuesOfTargets
                return (
                    targets, ContactStats.compute(network, owner: owner),
                    Groups.introductions(network: network, owner: owner)
                )
            },
            { Scorer.scoreWithConversations(network: network, owner: owner, asOf: asOf, config: scoring) })
        progress.step("finding paths to \(Format.grouped(targets.people.count)) target(s)")
        let paths = PathAnalysis.run(
            network: network, owner: owner, asOf: loaded.asOf, scores: book, targets: targets, config: config.paths,
            introductions: introductions)
        var l = loaded
        l.summaryLines += PathReports.unmatchedLines(targets)
        for i in targetIssues { l.summaryLines.append("\(i.file):\(i.line): warning: \(i.message)") }
        return AnalysedNetwork(
            loaded: l, owner: owner, stats: stats, scores: book, targets: targets, paths: paths, conversations: conversations)
    }

    /// Runs the whole report and returns the files to write and the snapshot to save.
    public static func run(_ config: RunConfiguration, progress: ProgressLine = .silent) throws -> ReportOutput {
        let a = try analyse(config, progress: progress)
        let network = a.network
        progress.step("alerts and changes")
        let groups = a.paths.groups.enumerated().reduce(into: [Int32: String]()) { acc, e in
            if let g = e.element.group { acc[Int32(e.offset)] = g.rawValue }
        }
        let scoring = config.scoring
        let history = config.history
        let compareTo = config.compareTo
        // The alerts and changes run on one core while the page's people data and the CSVs that
        // do not need them are made on the other; the page is finished when both are done.
        let jobs: [@Sendable () -> ReportPiece] = [
            {
                .weekly(
                    Result {
                        try WeeklyReports.run(
                            network: network, owner: a.owner, asOf: a.loaded.asOf, scores: a.scores, groups: groups,
                            paths: snapshotPaths(a), history: history, compareTo: compareTo,
                            alertConfig: AlertConfig(scoring: scoring), conversations: a.conversations)
                    })
            },
            {
                let model = htmlModel(a)
                return .page(model, HTMLReport.prerender(model))
            },
            {
                .files([
                    ScoreReports.evidenceCSV(a.scores, network: network),
                    ScoreReports.endorsementsCSV(a.scores, network: network),
                    ScoreReports.skillsCSV(a.scores, network: network, endorsee: a.owner),
                ])
            },
            {
                .files([
                    PeopleReport.csv(
                        network, stats: a.stats,
                        extra: ScoreReports.peopleColumns(a.scores) + PathReports.peopleColumns(a.paths)),
                    IssuesReport.csv(network.issues + a.targets.issues),
                    PathReports.pathsCSV(a.paths, network: network),
                    PathReports.asksCSV(a.paths, network: network),
                    PathReports.mergesCSV(network, suggestions: a.loaded.suggestions),
                    PathReports.unmatchedCSV(a.targets),
                ])
            },
        ]
        var weeklyResult: Result<WeeklyResult, any Error>?
        var page: (HTMLReportModel, HTMLReport.Prerendered)?
        var files: [ReportFile] = []
        for piece in Parallel.map(jobs) {
            switch piece {
            case .weekly(let r): weeklyResult = r
            case .page(let m, let parts): page = (m, parts)
            case .files(let f): files += f
            }
        }
        let weekly = try weeklyResult!.get()
        progress.step("writing the report")
        var model = page!.0
        addWeekly(&model, a, weekly: weekly, scoring: scoring)
        files.append(HTMLReport.render(model, prerendered: page!.1))
        files += weekly.files
        progress.done()
        var loaded = a.loaded
        loaded.summaryLines += weekly.summaryLines
        let output = ReportOutput(files: files.sorted { $0.name < $1.name }, loaded: loaded, snapshot: weekly.snapshot)
        // Everything that holds the analysed network, freed on another thread.
        Parallel.release(
            (consume a, consume network, consume jobs, consume weekly, consume weeklyResult, consume model, consume page))
        return output
    }

    /// Warm paths in the snapshot's plain form.
    static func snapshotPaths(_ a: AnalysedNetwork) -> [SnapshotPath] {
        let net = a.network
        var out: [SnapshotPath] = []
        for r in a.paths.results {
            let t = net.people[Int(r.target)]
            for (k, p) in r.paths.enumerated() {
                let text = p.nodes.map { $0 == a.owner ? "You" : a.paths.graph.displayName($0, in: net) }
                    .joined(separator: " > ")
                out.append(
                    SnapshotPath(
                        targetID: t.id, targetName: t.name, rank: k + 1, probability: p.probability,
                        introducerID: p.introducer.map { net.people[Int($0)].id }, pathText: text))
            }
        }
        return out
    }

    /// The HTML report's model from the run's results.
    /// The HTML report's model with this week's actions (``htmlModel(_:)`` plus ``addWeekly``).
    static func htmlModel(_ a: AnalysedNetwork, weekly: WeeklyResult, scoring: ScoringConfig) -> HTMLReportModel {
        var model = htmlModel(a)
        addWeekly(&model, a, weekly: weekly, scoring: scoring)
        return model
    }

    /// Everything of the HTML model that does not depend on the alerts and changes.
    static func htmlModel(_ a: AnalysedNetwork) -> HTMLReportModel {
        let net = a.network
        var model = HTMLReportModel.build(
            network: net, owner: a.owner, asOf: a.loaded.asOf, stats: a.stats, scores: a.scores,
            title: "warmpath report for \(net.people[Int(a.owner)].name)")
        // Order-independent: the same sources in any order give the same page.
        // Sources by name only: the page must not depend on where the exports sit.
        model.sources = net.sources.map { "\(($0.path as NSString).lastPathComponent) (\($0.kind.rawValue))" }.sorted()
        model.dataQuality.files.sort { ($0.source, $0.file) < ($1.source, $1.file) }
        func ref(_ i: Int32) -> HTMLReportModel.PersonRef {
            HTMLReportModel.PersonRef(id: net.people[Int(i)].id.rawValue, name: net.people[Int(i)].name)
        }
        // Per-person path numbers and groups.
        var rowByID: [String: Int] = [:]
        for (i, r) in model.people.enumerated() { rowByID[r.id] = i }
        for (i, p) in net.people.enumerated() {
            guard let row = rowByID[p.id.rawValue] else { continue }
            let s = a.paths.stats[i]
            model.people[row].proximity = s.proximity
            model.people[row].degree = s.degree
            if let g = a.paths.groups[i].group, let kind = HTMLReportModel.GroupKind(rawValue: g.rawValue) {
                model.people[row].group = kind
            }
        }
        // Groups: counts and top people by readiness.
        for kind in HTMLReportModel.GroupKind.allCases {
            let members = net.people.indices.filter { a.paths.groups[$0].group?.rawValue == kind.rawValue }
            guard !members.isEmpty || kind.rawValue != "" else { continue }
            if kind.rawValue.isEmpty { continue }
            let top = members.sorted {
                let x = a.scores.people[$0].readiness
                let y = a.scores.people[$1].readiness
                return x != y ? x > y : net.people[$0].id < net.people[$1].id
            }.prefix(25).map {
                HTMLReportModel.GroupMember(
                    person: ref(Int32($0)), strength: a.scores.people[$0].strength, readiness: a.scores.people[$0].readiness,
                    reason: a.paths.groups[$0].reason)
            }
            model.groups.append(HTMLReportModel.Group(kind: kind, count: members.count, top: Array(top)))
        }
        // Targets and their paths.
        for r in a.paths.results {
            let paths = r.paths.map { p in
                HTMLReportModel.WarmPath(
                    nodes: p.nodes.map {
                        HTMLReportModel.PathNode(
                            id: a.paths.graph.isPerson($0) ? net.people[Int($0)].id.rawValue : "org\($0)",
                            name: a.paths.graph.displayName($0, in: net), isOwner: $0 == a.owner)
                    },
                    edges: p.links.map { HTMLReportModel.PathEdge(probability: $0.probability, inferred: $0.inferred) },
                    probability: p.probability, weakestLink: p.links.isEmpty ? nil : p.weakestLink)
            }
            model.targets.append(HTMLReportModel.TargetPaths(target: ref(r.target), reach: r.reach, paths: paths))
        }
        // Re-draw the network with proximity and groups filled in.
        let nodeRows = model.network.nodes.map { rowByID[$0.id].map(Int32.init) ?? -1 }
        let edges = model.network.edges.compactMap { e -> HTMLReportModel.NetworkEdge? in
            let x = nodeRows[Int(e.a)]
            let y = nodeRows[Int(e.b)]
            return x >= 0 && y >= 0 ? HTMLReportModel.NetworkEdge(a: x, b: y, strength: e.strength) : nil
        }
        model.network = NetworkLayout.view(
            people: model.people, edges: edges,
            ownerID: net.people[Int(a.owner)].id.rawValue, ownerName: net.people[Int(a.owner)].name)
        return model
    }

    /// This week's actions (replies owed, dormant ties, asks, changes) from the alerts.
    static func addWeekly(_ model: inout HTMLReportModel, _ a: AnalysedNetwork, weekly: WeeklyResult, scoring: ScoringConfig) {
        let net = a.network
        func ref(_ i: Int32) -> HTMLReportModel.PersonRef {
            HTMLReportModel.PersonRef(id: net.people[Int(i)].id.rawValue, name: net.people[Int(i)].name)
        }
        // This week.
        let byID = Dictionary(uniqueKeysWithValues: net.people.enumerated().map { ($0.element.id, Int32($0.offset)) })
        for alert in weekly.alerts {
            guard let i = byID[alert.personID] else { continue }
            let since = ReportDate.parseDay(alert.since).map { $0 - 86_399 } ?? a.loaded.asOf
            switch alert.kind {
            case .owedReply:
                // What answering one owed reply would give back: reliability / rot − reliability,
                // through the trust equation's weights (MODEL.md §5.4).
                let ps = a.scores.people[Int(i)]
                let rot = max(0.01, scoring.rotFactor)
                let w = scoring.wCredibility + scoring.wReliability + scoring.wIntimacy
                let cost =
                    w > 0
                    ? min(1, ps.reliability / rot) * scoring.wReliability / (w * (1 + scoring.kappa * ps.selfOrientation))
                        - ps.reliability * scoring.wReliability / (w * (1 + scoring.kappa * ps.selfOrientation)) : 0
                model.actions.repliesOwed.append(
                    HTMLReportModel.ReplyOwed(person: ref(i), since: since, days: alert.days ?? 0, readinessCost: cost))
            case .dormant:
                model.actions.dormant.append(
                    HTMLReportModel.Dormant(
                        person: ref(i), lastInteraction: a.stats[Int(i)].lastInteraction, days: alert.days ?? 0,
                        strength: a.scores.people[Int(i)].strength))
            default: break
            }
        }
        for ask in a.paths.asks {
            model.actions.asks.append(
                HTMLReportModel.Ask(target: ref(ask.target), introducer: ref(ask.introducer), probability: ask.path.probability))
        }
        for c in weekly.changes {
            model.actions.changes.append(
                HTMLReportModel.Change(
                    kind: c.kind.rawValue, person: HTMLReportModel.PersonRef(id: c.personID.rawValue, name: c.name),
                    before: c.before, after: c.after, detail: c.detail))
        }
    }
}

/// One result of the report's parallel steps.
enum ReportPiece: Sendable {
    case weekly(Result<WeeklyResult, any Error>)
    case page(HTMLReportModel, HTMLReport.Prerendered)
    case files([ReportFile])
}

/// Files to write plus what the CLI prints and saves.
public struct ReportOutput: Sendable {
    public var files: [ReportFile]
    public var loaded: LoadedNetwork
    /// This run's snapshot, for the CLI to save in the store after the report is written.
    public var snapshot: Snapshot?
}
