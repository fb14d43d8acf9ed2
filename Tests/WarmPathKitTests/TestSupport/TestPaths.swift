import Foundation

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

    static func fixture(_ relative: String) -> URL { repoRoot().appendingPathComponent("fixtures").appendingPathComponent(relative) }

    /// `../shared/data/<relative>`, or nil when it is absent (tests then return early).
    static func shared(_ relative: String) -> URL? {
        let url = repoRoot().deletingLastPathComponent().appendingPathComponent("shared/data").appendingPathComponent(relative)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    /// A fresh temporary folder holding `files` (relative path → bytes).
    static func tempFolder(_ files: [String: Data]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wp-\(UUID().uuidString)")
        for (name, data) in files {
            let url = dir.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}
