import Foundation

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
        var out: [LoadedSource] = []
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
                loaded.result = try importer.importSource(container, options: opts)
            } catch let e as ImportError {
                loaded.error = e.description
            } catch {
                loaded.error = "\(path): \(error)"
            }
            out.append(loaded)
        }
        return out
    }
}
