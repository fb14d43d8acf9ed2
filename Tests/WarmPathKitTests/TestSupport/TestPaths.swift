import Foundation
import Testing

/// Repository and shared-data locations for tests, found from `#filePath`.
enum TestPaths {
    /// The folder holding Package.swift.
    static func repoRoot(_ file: String = #filePath) -> URL {
        var dir = URL(fileURLWithPath: file).resolvingSymlinksInPath().deletingLastPathComponent()
        while dir.path != "/" {
            if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) { return dir }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }

    static func fixture(_ relative: String) -> URL {
        repoRoot().appendingPathComponent("fixtures").appendingPathComponent(relative)
    }

    /// The environment variable that moves the shared data root; point it at a missing folder
    /// (`WARMPATH_SHARED_DATA=/nonexistent swift test`) to check that the tests needing the
    /// data show as skipped.
    static let sharedDataVariable = "WARMPATH_SHARED_DATA"

    /// `../shared/data` next to the repository, or `WARMPATH_SHARED_DATA` when set. Every
    /// helper that finds shared data starts here.
    static var sharedDataRoot: URL {
        if let moved = ProcessInfo.processInfo.environment[sharedDataVariable], !moved.isEmpty {
            return URL(fileURLWithPath: moved)
        }
        return repoRoot().deletingLastPathComponent().appendingPathComponent("shared/data")
    }

    /// `<shared data>/<relative>`, or nil when it is absent. Tests that need it declare
    /// `.requiresSharedData(relative)`, so they show as skipped, then `#require` it.
    static func shared(_ relative: String) -> URL? {
        let url = relative.isEmpty ? sharedDataRoot : sharedDataRoot.appendingPathComponent(relative)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// A fresh temporary folder holding `files` (relative path → bytes).
    static func tempFolder(_ files: [String: Data]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wp-\(UUID().uuidString)")
        for (name, data) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only when `<shared data>/<relative>` exists (see
    /// ``TestPaths/sharedDataRoot``); otherwise the test shows as skipped, with the path.
    static func requiresSharedData(_ relative: String = "") -> Self {
        .enabled(
            if: TestPaths.shared(relative) != nil,
            "needs \(TestPaths.sharedDataRoot.appendingPathComponent(relative).path), which is absent")
    }
}
