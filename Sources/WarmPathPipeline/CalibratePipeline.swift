import Foundation
import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis
import WarmPathReport

/// `warmpath calibrate SOURCE... --ratings FILE`: fits the strength weights to the user's own
/// ratings (a filled-in `rate-these.csv`) and reports the cross-validated error before and after.
///
/// ```
/// let out = try CalibratePipeline.run(ratings: "rated.csv", RunConfiguration(sources: ["fixtures/linkedin"]))
/// out.files   // calibration.csv, calibrated-scoring.yaml, import-issues.csv
/// print(out.summary)
/// ```
public enum CalibratePipeline {
    /// The config file written next to `calibration.csv`.
    public static let configFileName = "calibrated-scoring.yaml"

    /// What a calibration run produced.
    public struct Output: Sendable {
        public var result: CalibrationResult
        /// `calibration.csv`, the fitted config and `import-issues.csv` (the sources' issues and
        /// the ratings that were not used).
        public var files: [ReportFile]
        /// The sources' notes plus one note per rating that was not used.
        public var notes: [RunNote]
        /// The terminal text: the table of metrics and of weights.
        public var summary: String
    }

    /// Reads the sources and the ratings, matches each rating to a scored person (by
    /// `person_id`, else by a name that matches exactly one person), and calibrates.
    /// - Throws: ``PipelineError``, ``RatingsError``, ``CSVError``.
    public static func run(
        ratings path: String, _ config: RunConfiguration, folds: Int = Calibration.defaultFolds,
        lambda: Double = Calibration.defaultLambda, progress: ProgressLine = .silent
    ) throws -> Output {
        let file = URL(fileURLWithPath: path).lastPathComponent
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw PipelineError.unreadableFile(
                option: "--ratings", path: path, reason: ErrorText.reason(error, path: path))
        }
        let parsed = try RatingsList.parse(data, file: file)
        let loaded = try ReportPipeline.load(config, progress: progress, ownerNeeded: true)
        guard let owner = loaded.owner else { throw PipelineError.noOwner }
        let network = loaded.network
        progress.step("scoring \(Format.grouped(network.people.count)) people")
        let book = Scorer.score(network: network, owner: owner, asOf: loaded.asOf, config: config.scoring)
        progress.done()
        let matched = match(parsed.ratings, network: network, book: book, file: file)
        let issues = parsed.issues + matched.issues
        let scores = matched.rated.map { book.people[Int($0.index)] }
        let weights = StrengthTerms.fittableWeights(scores, config: config.scoring)
        let people = matched.rated.map {
            RatedPerson(
                id: network.people[Int($0.index)].id.rawValue,
                model: StrengthTerms.model(of: book.people[Int($0.index)], weights: weights),
                yourStrength: $0.rating.yourStrength, wouldIntroduce: $0.rating.wouldIntroduce)
        }
        let result = try Calibration.run(
            people, weights: weights, base: config.scoring, folds: folds, lambda: lambda, file: file)
        let files = [
            Calibration.csv(result),
            ReportFile(name: configFileName, contents: Data(Calibration.configYAML(result, base: config.scoring).utf8)),
            IssuesReport.csv(network.issues + issues),
        ]
        return Output(
            result: result, files: files, notes: loaded.notes + issues.map(RunNote.fileWarning),
            summary: summary(result, unrated: parsed.unrated, unused: issues.count))
    }

    struct Matched {
        var rated: [(index: Int32, rating: Rating)] = []
        var issues: [ImportIssue] = []
    }

    /// Each rating's person: by id, else by a name only one person has. Ratings of people not
    /// in the sources, of people with no score (no shared evidence) and repeated ratings of one
    /// person are issues, never dropped silently.
    static func match(_ ratings: [Rating], network: Network, book: ScoreBook, file: String) -> Matched {
        var byName: [String: [Int32]] = [:]
        for (i, p) in network.people.enumerated() {
            byName[IdentityNormalizer.matchName(p.name), default: []].append(Int32(i))
        }
        var out = Matched()
        var seen: [Int32: Int] = [:]
        func issue(_ r: Rating, _ text: String) {
            out.issues.append(
                ImportIssue(
                    source: RatingsList.source, file: file, line: r.line, severity: .warning,
                    message: "\(r.label): \(text); the rating is not used"))
        }
        for r in ratings {
            var index: Int32?
            if !r.personID.isEmpty { index = network.index(of: PersonID(rawValue: r.personID)) }
            if index == nil, !r.name.isEmpty {
                let named = byName[IdentityNormalizer.matchName(r.name)] ?? []
                if named.count > 1 {
                    issue(r, "\(named.count) people have this name and the person_id is not in the sources")
                    continue
                }
                index = named.first
            }
            guard let i = index else {
                issue(r, "not found in the sources")
                continue
            }
            if i == book.owner {
                issue(r, "is the owner of the sources")
                continue
            }
            guard book.people[Int(i)].scored else {
                issue(r, "shares no evidence with the owner, so has no strength to calibrate")
                continue
            }
            if let first = seen[i] {
                issue(r, "rated again (first on line \(first))")
                continue
            }
            seen[i] = r.line
            out.rated.append((i, r))
        }
        return out
    }

    /// The table `warmpath calibrate` prints.
    static func summary(_ r: CalibrationResult, unrated: Int, unused: Int) -> String {
        func f(_ v: Double?) -> String { v.map { Format.fixed($0, 3) } ?? "n/a" }
        var out =
            "\(r.people) rated people (\(r.strengthRatings) your_strength, \(r.introduceRatings) would_introduce)"
        if unrated > 0 { out += ", \(unrated) row\(unrated == 1 ? "" : "s") left blank" }
        if unused > 0 { out += ", \(unused) not used (see import-issues.csv)" }
        out +=
            "\n\(r.folds)-fold cross-validation, L2 penalty \(Format.fixed(r.lambda, 2)) towards the starting weights\n\n"
        out += pad("metric", 8) + pad("defaults", 10) + "fitted\n"
        out += pad("mae", 8) + pad(f(r.before.mae), 10) + f(r.after.mae) + "   (\(r.maeScale))\n"
        out += pad("auc", 8) + pad(f(r.before.auc), 10) + f(r.after.auc) + "   (\(r.aucTarget))\n\n"
        let width = max(8, (r.weights.map(\.key.count).max() ?? 0) + 2)
        out += pad("weight", width) + pad("before", 10) + "fitted\n"
        for w in r.weights {
            out += pad(w.key, width) + pad(Format.fixed(w.before, 3), 10) + Format.fixed(w.after, 3) + "\n"
        }
        if r.after.mae >= r.before.mae {
            out +=
                "\nThe fitted weights do not lower the cross-validated error: keep the defaults or rate more people.\n"
        }
        return out
    }

    static func pad(_ s: String, _ n: Int) -> String {
        s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count)
    }
}
