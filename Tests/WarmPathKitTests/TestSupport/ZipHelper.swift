import Foundation
import ZIPFoundation

/// Zips a fixture folder into a temporary `.zip` (entries relative to the folder, as in a
/// LinkedIn download) so that tests can check that a zip and a folder import identically.
enum ZipHelper {
    /// Creates `<tmp>/<name>-<uuid>.zip` holding every regular file under `folder`, with
    /// entry paths relative to `folder`. The caller removes it (see ``removeQuietly(_:)``).
    static func zip(folder: URL, name: String = "fixture") throws -> URL {
        let dest = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(name)-\(UUID().uuidString).zip")
        let archive = try Archive(url: dest, accessMode: .create)
        let base = folder.standardizedFileURL.resolvingSymlinksInPath()
        let files =
            (FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey])?
            .compactMap { $0 as? URL } ?? [])
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .map { $0.standardizedFileURL.resolvingSymlinksInPath() }
            .sorted { $0.path < $1.path }
        for file in files {
            var rel = String(file.path.dropFirst(base.path.count))
            while rel.hasPrefix("/") { rel.removeFirst() }
            try archive.addEntry(with: rel, relativeTo: base, compressionMethod: .deflate)
        }
        return dest
    }

    static func removeQuietly(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }
}
