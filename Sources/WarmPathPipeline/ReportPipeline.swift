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
    /// "Now" for every decay and alert: end of this day UTC; later events are dropped. Default:
    /// the newest interaction (``AsOf/defaultTime(_:)``).
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
    /// For stderr: one note per file and per rejected source, the issues and suggested merges
    /// written; ``ReportPipeline/analyse(_:progress:)`` adds the targets' notes and
    /// ``ReportPipeline/run(_:progress:)`` the alerts and changes.
    public var notes: [RunNote]
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
    /// - Parameter ownerNeeded: the caller needs an owner: without `--owner`, sources that can
    ///   never name one (graph files, address books) are refused before they are read.
    public static func load(_ config: RunConfiguration, progress: ProgressLine = .silent, ownerNeeded: Bool = false)
        throws -> LoadedNetwork
    {
        progress.step("reading \(config.sources.count) source(s)")
        // `--as-of` also bounds the expansion of calendar recurrences.
        var options = config.options
        if options.asOf == nil { options.asOf = config.asOf }
        let loaded = try SourceLoader(options: options).load(
            config.sources,
            beforeReading: { kinds in
                if ownerNeeded && config.owner == nil && !kinds.isEmpty && !kinds.contains(where: \.canNameOwner) {
                    throw PipelineError.noOwner
                }
            })
        let imports = loaded.compactMap(\.result)
        var notes: [RunNote] = []
        for l in loaded {
            if let e = l.error { notes.append(.sourceRejected(reason: e)) }
            if let r = l.result {
                for f in r.files { notes.append(.fileRead(f)) }
                for (k, v) in r.counters.sorted(by: { $0.key < $1.key }) where v > 0 {
                    notes.append(.sourceCount(source: r.label, name: k, count: v))
                }
            }
        }
        guard !imports.isEmpty else {
            throw PipelineError.noUsableSource(loaded.compactMap(\.error))
        }
        var rules = MergeRules.none
        if let f = config.mergeRulesFile {
            do { rules = try MergeRules.load(path: f) } catch {
                throw PipelineError.unreadableFile(
                    option: "--merge-rules", path: f, reason: ErrorText.reason(error, path: f))
            }
        }
        progress.step("resolving identities across \(imports.count) source(s)")
        let resolved = IdentityResolver.resolve(imports: imports, rules: rules)
        var network = resolved.network
        network.issues += resolved.issues
        let issueCount = network.issues.count
        if issueCount > 0 { notes.append(.issuesWritten(issueCount)) }
        if !network.overlaps.isEmpty { notes.append(.overlaps(network.overlaps)) }
        if !resolved.suggestions.isEmpty { notes.append(.mergesSuggested(resolved.suggestions.count)) }
        // As-of: the newest interaction unless given; everything dated later is dropped before
        // anything is scored or counted (Scoring/AsOf.swift), so `--as-of` reproduces a past run.
        let asOf = config.asOf ?? AsOf.defaultTime(network) ?? Date().timeIntervalSince1970
        let chosen = try resolveOwner(config.owner, in: network)
        let cut = AsOf.apply(network, asOf: asOf, keep: chosen.map { [$0] } ?? [])
        network = cut.network
        let owner = chosen.flatMap { cut.index($0) }
        if cut.droppedEvents > 0 {
            notes.append(
                .sourceCount(
                    source: "as-of \(ReportDate.day(asOf))", name: "event(s) dated later ignored",
                    count: cut.droppedEvents))
        }
        if cut.droppedPeople > 0 {
            notes.append(
                .sourceCount(
                    source: "as-of \(ReportDate.day(asOf))", name: "people known only from later events not listed",
                    count: cut.droppedPeople))
        }
        return LoadedNetwork(
            network: network, loaded: loaded, owner: owner, asOf: asOf, suggestions: resolved.suggestions,
            notes: notes)
    }

    /// The newest event time within ``DateParser/plausibleYears``, of any kind (``AsOf/defaultTime(_:)``,
    /// the default as-of, prefers interactions and falls back to this).
    /// Importers already drop implausible times with an issue; this keeps any that another
    /// path let through (a graph file, a test network) from becoming "today" and turning every
    /// "days ago" into millions.
    static func newestPlausibleTime(_ network: Network) -> Double? {
        var newest: Double?
        for i in network.events.indices {
            guard let t = network.events[i].time, DateParser.isPlausible(t) else { continue }
            if newest.map({ t > $0 }) ?? true { newest = t }
        }
        return newest
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
        let loaded = try load(config, progress: progress, ownerNeeded: true)
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
                throw PipelineError.unreadableFile(
                    option: "--targets", path: f, reason: ErrorText.reason(error, path: f))
            }
        }
        progress.step("scoring \(Format.grouped(network.people.count)) people")
        // Targets, contact statistics and introductions (for the groups) on one core while
        // scoring runs on the other.
        let fixedSpecs = specs
        let issuesOfTargets = targetIssues
        let asOf = loaded.asOf
        let scoring = config.scoring
        let ((targets, stats, introductions), scored) = Parallel.both(
            { () -> (TargetSet, [ContactStats], [Introduction]) in
                var targets = TargetList.match(fixedSpecs, in: network)
                // A bare `--to` word that matches no person may be a company.
                let retry = targets.unmatched.filter {
                    $0.line == 0 && !$0.name.isEmpty && $0.profileURL.isEmpty && $0.email.isEmpty
                }
                if !retry.isEmpty {
                    let again = TargetList.match(retry.map { TargetSpec(company: $0.name) }, in: network)
                    targets.matches += again.matches
                    targets.unmatched =
                        targets.unmatched.filter { !retry.contains($0) }
                        + again.unmatched.map { TargetSpec(name: $0.company) }
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
            network: network, owner: owner, asOf: loaded.asOf, scores: scored.book, targets: targets,
            config: config.paths,
            introductions: introductions)
        var l = loaded
        l.notes += targets.unmatched.map(RunNote.targetUnmatched) + targetIssues.map(RunNote.fileWarning)
        return AnalysedNetwork(
            loaded: l, owner: owner, stats: stats, scores: scored.book, targets: targets, paths: paths,
            conversations: scored.conversations)
    }

    /// Runs the whole report and returns the files to write and the snapshot to save.
    public static func run(_ config: RunConfiguration, progress: ProgressLine = .silent) throws -> ReportOutput {
        let a = try analyse(config, progress: progress)
        let network = a.network
        progress.step("alerts and changes")
        let groups = a.paths.groups.enumerated().reduce(into: [Int32: PersonGroup]()) { acc, e in
            if let g = e.element.group { acc[Int32(e.offset)] = g }
        }
        let scoring = config.scoring
        let history = config.history
        let compareTo = config.compareTo
        let page = HTMLReportInput(
            network: network, owner: a.owner, asOf: a.loaded.asOf, stats: a.stats, scores: a.scores, paths: a.paths,
            scoring: scoring, suggestions: a.loaded.suggestions)
        // The alerts and changes run on one core while the page's people data and the CSVs that
        // do not need them are made on the other; the page is finished when both are done.
        let jobs: [@Sendable () -> ReportPiece] = [
            {
                .weekly(
                    Result {
                        let weekly = try WeeklyReports.run(
                            network: network, owner: a.owner, asOf: a.loaded.asOf, scores: a.scores, groups: groups,
                            paths: snapshotPaths(a), history: history, compareTo: compareTo,
                            alertConfig: AlertConfig(scoring: scoring), conversations: a.conversations)
                        let actions = ActionList.compute(
                            ActionInput(
                                network: network, owner: a.owner, asOf: a.loaded.asOf, scores: a.scores,
                                alerts: weekly.alerts, paths: a.paths, conversations: a.conversations),
                            config: ActionConfig(scoring: scoring))
                        return (weekly, actions)
                    })
            },
            {
                let model = HTMLReportModel.build(page)
                return .page(model, HTMLReport.prerender(model))
            },
            {
                .files([
                    ScoreReports.evidenceCSV(a.scores, network: network),
                    ScoreReports.endorsementsCSV(a.scores, network: network),
                    ScoreReports.skillsCSV(a.scores, network: network, endorsee: a.owner),
                    RateTheseReport.csv(a.scores, network: network),
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
        var weeklyResult: Result<(WeeklyResult, [Action]), any Error>?
        var rendered: RenderedPage?
        var files: [ReportFile] = []
        for piece in Parallel.map(jobs) {
            switch piece {
            case .weekly(let r): weeklyResult = r
            case .page(let m, let parts): rendered = RenderedPage(model: m, prerendered: parts)
            case .files(let f): files += f
            }
        }
        let (weekly, actions) = try weeklyResult!.get()
        progress.step("writing the report")
        var model = rendered!.model
        model.addWeekly(
            actions: actions, changes: weekly.changes, since: weekly.baseline, tracksChanges: history != nil)
        files.append(HTMLReport.render(model, prerendered: rendered!.prerendered))
        files += weekly.files
        files.append(ActionsReport.csv(actions))
        progress.done()
        var loaded = a.loaded
        loaded.notes += weekly.notes
        let output = ReportOutput(files: files.sorted { $0.name < $1.name }, loaded: loaded, snapshot: weekly.snapshot)
        // Everything that holds the analysed network, freed on another thread.
        Parallel.release(
            (
                consume a, consume network, consume page, consume jobs, consume weekly, consume actions,
                consume weeklyResult,
                consume model,
                consume rendered
            ))
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
}

/// The page made while the alerts ran: its model and the parts rendered ahead.
struct RenderedPage {
    var model: HTMLReportModel
    var prerendered: HTMLReport.Prerendered
}

/// One result of the report's parallel steps.
enum ReportPiece: Sendable {
    /// The weekly step's result and this week's ranked actions.
    case weekly(Result<(WeeklyResult, [Action]), any Error>)
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
