import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// Everything the HTML report shows, as plain values.
///
/// The pipeline fills it from the analysis results; the renderer (``HTMLReport``) depends on
/// nothing else, so it can be tested with hand-built (and hostile) models. Dates are seconds
/// since 1970 UTC (shown as `yyyy-MM-dd`), scores are in [0, 1] unless stated, and every list
/// may be empty (the report then shows a friendly empty state).
///
/// ```
/// var model = HTMLReportModel(title: "warmpath report", ownerName: "Marta Olsen", asOf: 1_709_827_500)
/// model.people = [HTMLReportModel.PersonRow(id: "p1", name: "Ann Lee", strength: 0.8)]
/// let file = HTMLReport.render(model)   // index.html
/// ```
public struct HTMLReportModel: Sendable, Hashable {
    /// Page title, for example `warmpath report`.
    public var title: String
    /// Whose point of view the scores take.
    public var ownerName: String
    /// "Now" for every decay and alert (seconds since 1970 UTC).
    public var asOf: Double
    /// The sources the report was generated from (paths or labels), in input order.
    public var sources: [String]
    /// Headline counts, shown in order under the title (for example `people`, `events`).
    public var counts: [Count]
    public var people: [PersonRow]
    public var actions: Actions
    public var targets: [TargetPaths]
    /// Target rows that matched nobody, in the targets file's order.
    public var unmatchedTargets: [UnmatchedTarget]
    /// Probable duplicates identity resolution did not merge (no self-pairs, each pair once).
    public var mergeSuggestions: [MergeSuggestionRow]
    /// The thresholds and constants the legends explain the numbers with.
    public var legend: Legend
    public var groups: [Group]
    public var skills: [SkillRow]
    public var endorsements: [EndorsementRow]
    public var network: NetworkView
    public var charts: Charts
    public var dataQuality: DataQuality

    public init(
        title: String = "warmpath report", ownerName: String = "", asOf: Double = 0, sources: [String] = [],
        counts: [Count] = [], people: [PersonRow] = [], actions: Actions = Actions(), targets: [TargetPaths] = [],
        groups: [Group] = [], skills: [SkillRow] = [], endorsements: [EndorsementRow] = [],
        network: NetworkView = NetworkView(), charts: Charts = Charts(), dataQuality: DataQuality = DataQuality()
    ) {
        self.title = title
        self.ownerName = ownerName
        self.asOf = asOf
        self.sources = sources
        self.counts = counts
        self.people = people
        self.actions = actions
        self.targets = targets
        self.unmatchedTargets = []
        self.mergeSuggestions = []
        self.legend = Legend()
        self.groups = groups
        self.skills = skills
        self.endorsements = endorsements
        self.network = network
        self.charts = charts
        self.dataQuality = dataQuality
    }

    /// A labelled headline number (`people: 2,014`).
    public struct Count: Sendable, Hashable {
        public var label: String
        public var value: Int
        public init(_ label: String, _ value: Int) {
            self.label = label
            self.value = value
        }
    }

    // MARK: People

    /// One line of a person's evidence ledger: why a score is what it is.
    public struct LedgerLine: Sendable, Hashable {
        /// Which score (`strength`, `readiness`, `credibility`, …).
        public var score: String
        /// Short term name (`activity`, `reciprocity`, `owed_replies`).
        public var term: String
        /// Signed contribution on the scale of that score's sum.
        public var contribution: Double
        /// Human sentence: "three 1:1 messages in the last 30 days".
        public var note: String
        /// The rows behind it, as text (`messages.csv #12`).
        public var evidence: [String]

        public init(score: String, term: String, contribution: Double, note: String, evidence: [String] = []) {
            self.score = score
            self.term = term
            self.contribution = contribution
            self.note = note
            self.evidence = evidence
        }

        /// Converts a scoring ledger entry (evidence as `file #line`).
        public init(_ entry: LedgerEntry) {
            self.init(
                score: entry.score.rawValue, term: entry.term, contribution: entry.contribution, note: entry.note,
                evidence: entry.evidence.map(\.short))
        }
    }

    /// One person in the People table (and the target of every "open ledger" link).
    public struct PersonRow: Sendable, Hashable {
        /// Stable person id (``PersonID``); used to link sections to the ledger.
        public var id: String
        public var name: String
        public var company: String
        public var position: String
        /// Shown as text, never fetched.
        public var profileURL: String
        /// The sources that mention the person, named by their owner (`LinkedIn (you)`,
        /// `LinkedIn (Ben Okafor)`).
        public var sources: [String]
        /// Who of the team knows the person: `you` and teammates' names (the owners of the
        /// sources that mention them).
        public var knownBy: [String]
        /// False when the person shares no evidence with the owner: the scores below are then
        /// unknown and shown as "—" (people.csv leaves them blank), not as 0.
        public var scored: Bool
        public var strength: Double
        public var readiness: Double
        public var credibility: Double
        public var reliability: Double
        public var intimacy: Double
        public var selfOrientation: Double
        /// Referral proximity (bridge score); also sizes the node in the network picture.
        public var proximity: Double
        /// Hops from the owner (1 = direct), nil when unreachable or unknown.
        public var degree: Int?
        public var group: PersonGroup?
        public var lastInteraction: Double?
        public var messagesIn: Int
        public var messagesOut: Int
        public var ledger: [LedgerLine]
        /// What teammates' exports show about the person (shown in the evidence box).
        public var teamEvidence: [TeamEvidence]
        /// False when the strength is only a prior from the connection
        /// (``PersonScore/hasInteractionEvidence``): the page shows "no interaction evidence"
        /// instead of the number.
        public var interactionEvidence = true

        public init(
            id: String, name: String, company: String = "", position: String = "", profileURL: String = "",
            sources: [String] = [], knownBy: [String] = [], scored: Bool = true, strength: Double = 0,
            readiness: Double = 0, credibility: Double = 0, reliability: Double = 0, intimacy: Double = 0,
            selfOrientation: Double = 0, proximity: Double = 0, degree: Int? = nil, group: PersonGroup? = nil,
            lastInteraction: Double? = nil, messagesIn: Int = 0, messagesOut: Int = 0, ledger: [LedgerLine] = [],
            teamEvidence: [TeamEvidence] = []
        ) {
            self.id = id
            self.name = name
            self.company = company
            self.position = position
            self.profileURL = profileURL
            self.sources = sources
            self.knownBy = knownBy
            self.scored = scored
            self.strength = strength
            self.readiness = readiness
            self.credibility = credibility
            self.reliability = reliability
            self.intimacy = intimacy
            self.selfOrientation = selfOrientation
            self.proximity = proximity
            self.degree = degree
            self.group = group
            self.lastInteraction = lastInteraction
            self.messagesIn = messagesIn
            self.messagesOut = messagesOut
            self.ledger = ledger
            self.teamEvidence = teamEvidence
        }
    }

    /// A teammate's tie to a person, from the teammate's own export.
    public struct TeamEvidence: Sendable, Hashable {
        /// The teammate (a source owner other than the report's owner).
        public var teammate: String
        /// Strength of the teammate's tie to the person (the path layer's pair strength), nil
        /// when not scored.
        public var strength: Double?
        /// "3 messages (last 2024-06-07), connected 2023-08-22".
        public var note: String
        /// The rows behind it (`messages.csv #4`), the newest first.
        public var evidence: [String]
        public init(teammate: String, strength: Double?, note: String, evidence: [String] = []) {
            self.teammate = teammate
            self.strength = strength
            self.note = note
            self.evidence = evidence
        }
    }

    /// A reference to a person from another section (name shown, id links to the ledger).
    public struct PersonRef: Sendable, Hashable {
        public var id: String
        public var name: String
        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    // MARK: Targets

    /// A node of a warm path.
    public struct PathNode: Sendable, Hashable {
        public var id: String
        public var name: String
        public var isOwner: Bool
        /// A teammate: the owner of another source (asked as "your teammate").
        public var isTeammate: Bool
        public init(id: String, name: String, isOwner: Bool = false, isTeammate: Bool = false) {
            self.id = id
            self.name = name
            self.isOwner = isOwner
            self.isTeammate = isTeammate
        }
    }

    /// An edge of a warm path (between people `i` and `i + 1`): one hop.
    public struct PathEdge: Sendable, Hashable {
        /// The chance the introduction passes this hop: the introducer's readiness for the first
        /// hop, the tie strength for a known tie, at most 0.3 for an inferred one.
        public var probability: Double
        /// Inferred from a shared affiliation only (drawn dashed).
        public var inferred: Bool
        /// The shared employer or school an inferred hop goes through (its label), else "".
        public var via: String
        public init(probability: Double, inferred: Bool = false, via: String = "") {
            self.probability = probability
            self.inferred = inferred
            self.via = via
        }
    }

    /// One warm path owner → introducer(s) → target.
    public struct WarmPath: Sendable, Hashable {
        /// People only, owner first and target last; a shared employer or school is the `via`
        /// label of its edge, never a node.
        public var nodes: [PathNode]
        /// `nodes.count - 1` edges, one per hop.
        public var edges: [PathEdge]
        public var probability: Double
        /// Index into `edges` of the weakest link, if known.
        public var weakestLink: Int?
        public init(nodes: [PathNode], edges: [PathEdge], probability: Double, weakestLink: Int? = nil) {
            self.nodes = nodes
            self.edges = edges
            self.probability = probability
            self.weakestLink = weakestLink
        }
    }

    /// A target person and their best paths. Consecutive entries with the same ``typed`` are
    /// the people one target row matched (a company row matches everyone known to work there)
    /// and share one card.
    public struct TargetPaths: Sendable, Hashable {
        public var target: PersonRef
        /// Probability of reaching the target over node-disjoint paths.
        public var reach: Double
        /// The best paths, most probable first, each through a different first introducer
        /// when possible.
        public var paths: [WarmPath]
        /// The target as the user typed it (`Globex`, `Pat Singh (Globex)`, a profile URL);
        /// "" shows the matched person's name.
        public var typed: String
        /// How the row matched: `company`, `profile_url`, `email`, `name 14.2 bits`.
        public var rule: String
        /// The matched person's title and company.
        public var position: String
        public var company: String
        /// Strength of the owner's own tie to the target when they know each other directly
        /// (then the next step is to contact them directly), else nil.
        public var directStrength: Double?
        /// False when ``directStrength`` is only a prior from the connection
        /// (``PersonScore/hasInteractionEvidence``): the card then says "no interaction evidence
        /// yet" instead of the number.
        public var directEvidence: Bool = true
        /// Teammates who know the target, with what their exports show.
        public var knownBy: [TeamEvidence]

        public init(
            target: PersonRef, reach: Double, paths: [WarmPath], typed: String = "", rule: String = "",
            position: String = "", company: String = "", directStrength: Double? = nil, knownBy: [TeamEvidence] = []
        ) {
            self.target = target
            self.reach = reach
            self.paths = paths
            self.typed = typed
            self.rule = rule
            self.position = position
            self.company = company
            self.directStrength = directStrength
            self.knownBy = knownBy
        }

        /// Whether the row named a company (it may match several people).
        public var isCompany: Bool { rule == "company" }
    }

    /// A target row that matched nobody.
    public struct UnmatchedTarget: Sendable, Hashable {
        /// The row as typed.
        public var typed: String
        /// Why ("nobody known to work there", "no person matches").
        public var reason: String
        /// Line in the targets file (0 for `--to`).
        public var line: Int
        public init(typed: String, reason: String, line: Int = 0) {
            self.typed = typed
            self.reason = reason
            self.line = line
        }
    }

    /// Two people who are probably one (a suggested merge, `merges.csv`).
    public struct MergeSuggestionRow: Sendable, Hashable {
        public var a: PersonRef
        public var b: PersonRef
        /// Match weight in bits.
        public var score: Double
        /// The per-field weights and why it was not merged.
        public var evidence: String
        public init(a: PersonRef, b: PersonRef, score: Double, evidence: String) {
            self.a = a
            self.b = b
            self.score = score
            self.evidence = evidence
        }
    }

    // MARK: Legend

    /// The bands and constants the page explains its numbers with (from the scoring and path
    /// configs, so a `--config` that moves a threshold moves the legend).
    public struct Legend: Sendable, Hashable {
        /// Strength at or above `strong` is strong, at or above `medium` medium, else weak.
        public var strength: Band
        /// Readiness to refer you: high / medium / low.
        public var readiness: Band
        /// Chance to reach a target: likely / possible / long shot.
        public var reach: Band
        /// Hop attrition ρ: each extra hop keeps this share (P(path) = Π p · ρ^(hops−1)).
        public var attrition: Double
        /// Cap of an inferred link's probability.
        public var inferredCap: Double
        /// Target people proximity is summed over (its scale is 0 ... this).
        public var targetPeople: Int

        public init(
            strength: Band = Band(high: 0.6, medium: 0.3, names: ("strong", "medium", "weak")),
            readiness: Band = Band(high: 0.6, medium: 0.3, names: ("high", "medium", "low")),
            reach: Band = Band(high: 0.5, medium: 0.2, names: ("likely", "possible", "long shot")),
            attrition: Double = 0.8, inferredCap: Double = 0.3, targetPeople: Int = 0
        ) {
            self.strength = strength
            self.readiness = readiness
            self.reach = reach
            self.attrition = attrition
            self.inferredCap = inferredCap
            self.targetPeople = targetPeople
        }
    }

    /// Three bands of a score in [0, 1]: `[high, 1]`, `[medium, high)`, `[0, medium)`.
    public struct Band: Sendable, Hashable {
        public var high: Double
        public var medium: Double
        public var highName: String
        public var mediumName: String
        public var lowName: String
        public init(high: Double, medium: Double, names: (String, String, String)) {
            self.high = high
            self.medium = medium
            (highName, mediumName, lowName) = names
        }

        /// The band's name for `v`.
        public func name(_ v: Double) -> String { v >= high ? highName : v >= medium ? mediumName : lowName }
    }

    // MARK: Groups

    /// One of the three groups with its size and best people.
    public struct Group: Sendable, Hashable {
        public var kind: PersonGroup
        public var count: Int
        public var top: [GroupMember]
        public init(kind: PersonGroup, count: Int, top: [GroupMember]) {
            self.kind = kind
            self.count = count
            self.top = top
        }
    }

    /// A person listed under a group.
    public struct GroupMember: Sendable, Hashable {
        public var person: PersonRef
        public var strength: Double
        public var readiness: Double
        /// Why they are in the group ("new job at Acme", "3 recommendations given").
        public var reason: String
        public init(person: PersonRef, strength: Double, readiness: Double, reason: String = "") {
            self.person = person
            self.strength = strength
            self.readiness = readiness
            self.reason = reason
        }
    }

    // MARK: Endorsements

    /// A skill's strength and who stands behind it.
    public struct SkillRow: Sendable, Hashable {
        public var skill: String
        public var strength: Double
        public var endorsers: Int
        /// Strongest contributing endorser, if any.
        public var topEndorser: PersonRef?
        /// Endorsers with no tie to the endorsee ("blind" ratings).
        public var blind: Int
        /// Endorsers with a known tie ("connected" vouching).
        public var connected: Int
        public init(
            skill: String, strength: Double, endorsers: Int, topEndorser: PersonRef? = nil, blind: Int, connected: Int
        ) {
            self.skill = skill
            self.strength = strength
            self.endorsers = endorsers
            self.topEndorser = topEndorser
            self.blind = blind
            self.connected = connected
        }
    }

    /// One endorsement or recommendation and its weight.
    public struct EndorsementRow: Sendable, Hashable {
        public var endorser: PersonRef
        public var endorsee: PersonRef
        public var skill: String
        /// `endorsement` or `recommendation`.
        public var kind: String
        public var time: Double?
        public var strength: Double
        public var tie: Double
        public var penalty: Double
        public init(
            endorser: PersonRef, endorsee: PersonRef, skill: String, kind: String, time: Double?, strength: Double,
            tie: Double, penalty: Double = 0
        ) {
            self.endorser = endorser
            self.endorsee = endorsee
            self.skill = skill
            self.kind = kind
            self.time = time
            self.strength = strength
            self.tie = tie
            self.penalty = penalty
        }
    }

    // MARK: Network

    /// A laid-out node of the network picture; `x`, `y` in [0, 1].
    public struct NetworkNode: Sendable, Hashable {
        public var id: String
        public var name: String
        /// nil: in no group.
        public var group: PersonGroup?
        public var isOwner: Bool
        /// Radius in picture units (about 1.5–8).
        public var size: Double
        public var x: Double
        public var y: Double
        public init(
            id: String, name: String, group: PersonGroup?, isOwner: Bool = false, size: Double, x: Double, y: Double
        ) {
            self.id = id
            self.name = name
            self.group = group
            self.isOwner = isOwner
            self.size = size
            self.x = x
            self.y = y
        }
    }

    /// An edge between two ``NetworkNode``s (indices into `nodes`).
    public struct NetworkEdge: Sendable, Hashable {
        public var a: Int32
        public var b: Int32
        public var strength: Double
        public init(a: Int32, b: Int32, strength: Double) {
            self.a = a
            self.b = b
            self.strength = strength
        }
    }

    /// The network picture; build it with ``NetworkLayout/view(people:edges:owner:limit:)``.
    public struct NetworkView: Sendable, Hashable {
        public var nodes: [NetworkNode]
        public var edges: [NetworkEdge]
        /// People in the whole network (more than `nodes.count` when cut to the strongest).
        public var totalPeople: Int
        public init(nodes: [NetworkNode] = [], edges: [NetworkEdge] = [], totalPeople: Int = 0) {
            self.nodes = nodes
            self.edges = edges
            self.totalPeople = totalPeople
        }
    }

    // MARK: Charts

    /// Inputs of the charts section.
    public struct Charts: Sendable, Hashable {
        /// Counts of people per strength bin over [0, 1] (equal-width bins, 10 or 20 usual).
        public var strengthHistogram: [Int]
        public var messagesPerMonth: [MonthCount]
        /// Average of each readiness part (credibility, reliability, intimacy, self-orientation).
        public var readinessParts: [PartAverage]

        public init(
            strengthHistogram: [Int] = [], messagesPerMonth: [MonthCount] = [], readinessParts: [PartAverage] = []
        ) {
            self.strengthHistogram = strengthHistogram
            self.messagesPerMonth = messagesPerMonth
            self.readinessParts = readinessParts
        }

        /// Charts computed from the people rows: a 20-bin strength histogram and the averages of
        /// the four readiness parts. `messagesPerMonth` is left for the caller.
        /// - Complexity: O(n).
        public static func from(people: [PersonRow], bins: Int = 20) -> Charts {
            var hist = [Int](repeating: 0, count: max(bins, 1))
            var sums = [0.0, 0.0, 0.0, 0.0]
            for p in people {
                let s = p.strength.isFinite ? min(max(p.strength, 0), 1) : 0
                hist[min(Int(s * Double(hist.count)), hist.count - 1)] += 1
                sums[0] += p.credibility.isFinite ? p.credibility : 0
                sums[1] += p.reliability.isFinite ? p.reliability : 0
                sums[2] += p.intimacy.isFinite ? p.intimacy : 0
                sums[3] += p.selfOrientation.isFinite ? p.selfOrientation : 0
            }
            let n = Double(max(people.count, 1))
            let names = ["credibility", "reliability", "intimacy", "self-orientation"]
            return Charts(
                strengthHistogram: hist,
                readinessParts: people.isEmpty ? [] : zip(names, sums).map { PartAverage(part: $0, average: $1 / n) })
        }
    }

    /// Messages in one month (`yyyy-MM`).
    public struct MonthCount: Sendable, Hashable {
        public var month: String
        public var inbound: Int
        public var outbound: Int
        public init(month: String, inbound: Int, outbound: Int) {
            self.month = month
            self.inbound = inbound
            self.outbound = outbound
        }
    }

    /// The average of one readiness part.
    public struct PartAverage: Sendable, Hashable {
        public var part: String
        public var average: Double
        public init(part: String, average: Double) {
            self.part = part
            self.average = average
        }
    }

    // MARK: Data quality

    /// Import counts and the first issues.
    public struct DataQuality: Sendable, Hashable {
        public var files: [FileRow]
        /// The first issues (the full list is in `import-issues.csv`).
        public var issues: [IssueRow]
        /// All issues, including those not listed.
        public var totalIssues: Int

        public init(files: [FileRow] = [], issues: [IssueRow] = [], totalIssues: Int = 0) {
            self.files = files
            self.issues = issues
            self.totalIssues = totalIssues
        }

        /// Per-file counts from the imports and their first `limit` issues, sorted as in
        /// `import-issues.csv`.
        public static func from(imports: [SourceImport], limit: Int = 200) -> DataQuality {
            from(sources: imports.map(SourceSummary.init), issues: imports.flatMap(\.issues), limit: limit)
        }

        /// Per-file counts from the source summaries (issues matched by source label and file),
        /// files that only have issues added after each source's files, and the first `limit`
        /// issues sorted as in `import-issues.csv`.
        /// - Complexity: O(F + I log I).
        public static func from(sources: [SourceSummary], issues: [ImportIssue], limit: Int = 200) -> DataQuality {
            var perFile: [String: [String: Int]] = [:]
            for i in issues { perFile[i.source, default: [:]][i.file, default: 0] += 1 }
            var files: [FileRow] = []
            var labels = Set<String>()
            for src in sources {
                labels.insert(src.label)
                let counts = perFile[src.label] ?? [:]
                var seen = Set<String>()
                for f in src.files {
                    seen.insert(f.file)
                    files.append(
                        FileRow(
                            source: src.label, file: f.file, rows: f.rows, skipped: f.skippedTotal,
                            issues: counts[f.file] ?? 0))
                }
                for (file, n) in counts.sorted(by: { $0.key < $1.key }) where !seen.contains(file) {
                    files.append(FileRow(source: src.label, file: file, rows: 0, skipped: 0, issues: n))
                }
            }
            for (label, counts) in perFile.sorted(by: { $0.key < $1.key }) where !labels.contains(label) {
                for (file, n) in counts.sorted(by: { $0.key < $1.key }) {
                    files.append(FileRow(source: label, file: file, rows: 0, skipped: 0, issues: n))
                }
            }
            let sorted = issues.sorted {
                ($0.source, $0.file, $0.line, $0.location ?? "", $0.message)
                    < ($1.source, $1.file, $1.line, $1.location ?? "", $1.message)
            }
            let rows = sorted.prefix(limit).map { i in
                IssueRow(
                    source: i.source, file: i.file, line: i.line, severity: i.severity.rawValue,
                    message: i.location.map { "\(i.message) (at \($0))" } ?? i.message)
            }
            return DataQuality(files: files, issues: Array(rows), totalIssues: issues.count)
        }
    }

    /// Counts for one imported file.
    public struct FileRow: Sendable, Hashable {
        public var source: String
        public var file: String
        public var rows: Int
        public var skipped: Int
        public var issues: Int
        public init(source: String, file: String, rows: Int, skipped: Int, issues: Int) {
            self.source = source
            self.file = file
            self.rows = rows
            self.skipped = skipped
            self.issues = issues
        }
    }

    /// One import issue as listed in the report.
    public struct IssueRow: Sendable, Hashable {
        public var source: String
        public var file: String
        public var line: Int
        public var severity: String
        public var message: String
        public init(source: String, file: String, line: Int, severity: String, message: String) {
            self.source = source
            self.file = file
            self.line = line
            self.severity = severity
            self.message = message
        }
    }
}

extension PersonGroup {
    /// Heading shown in the report.
    public var label: String {
        switch self {
        case .needNow: "Need now"
        case .needLater: "Need later"
        case .evangelist: "Evangelists"
        }
    }
}
