import Foundation
import WarmPathSupport
import WarmPathModel

/// The outcome of reading one path given on the command line.
public struct LoadedSource: Sendable {
    public var path: String
    public var detection: Detection?
    public var result: SourceImport?
    /// Why the whole source was rejected (nil when it was read).
    public var error: String?
}

/// Reads the sources given on the command line with the importer registry. A source that
/// cannot be read is reported (``LoadedSource/error``); the others go on.
public struct SourceLoader: Sendable {
    public var registry: ImporterRegistry
    public var options: ImportOptions

    public init(registry: ImporterRegistry = .standard, options: ImportOptions = ImportOptions()) {
        self.registry = registry
        self.options = options
    }

    public func load(_ paths: [String]) -> [LoadedSource] {
        // Detection in command-line order (labels count per kind), then the imports on both
        // cores; results keep the command-line order.
        var out: [LoadedSource] = []
        var jobs: [(index: Int, run: @Sendable () -> Result<SourceImport, any Error>)] = []
        var labelCounts: [SourceKind: Int] = [:]
        for path in paths {
            var loaded = LoadedSource(path: path)
            do {
                let container = try SourceContainer(path: path, limits: options.limits)
                let (importer, detection) = try registry.detect(container)
                loaded.detection = detection
                labelCounts[detection.kind, default: 0] += 1
                let n = labelCounts[detection.kind]!
                var opts = options
                opts.label = n == 1 ? detection.kind.rawValue : "\(detection.kind.rawValue)#\(n)"
                let fixed = opts
                jobs.append((out.count, { Result { try importer.importSource(container, options: fixed) } }))
            } catch {
                loaded.error = SourceLoader.describe(error, path: path)
            }
            out.append(loaded)
        }
        let results = Parallel.map(jobs.map(\.run))
        for (job, result) in zip(jobs, results) {
            switch result {
            case .success(let imported): out[job.index].result = imported
            case .failure(let error): out[job.index].error = SourceLoader.describe(error, path: out[job.index].path)
            }
        }
        return out
    }

    static func describe(_ error: any Error, path: String) -> String {
        if let e = error as? any UserFacingError { return e.message }
        return ErrorText.message(error, path: path)
    }
}
