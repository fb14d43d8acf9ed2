import Foundation
import WarmPathSupport
import WarmPathModel
import ZIPFoundation

/// Errors that stop one source from being read at all (the rest of the batch goes on).
public enum ImportError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(path: String)
    case unreadable(path: String, reason: String)
    case tooLarge(path: String, bytes: Int64, limit: Int64)
    case unsafeEntry(path: String, entry: String)
    case unrecognised(path: String, tried: [String])
    case nothingUsable(path: String, reason: String)
    case malformed(path: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .notFound(let p): "\(p): no such file or folder"
        case .unreadable(let p, let r): "\(p): cannot be read: \(r)"
        case .tooLarge(let p, let b, let l):
            "\(p): \(Format.grouped(Int(b))) bytes is over the \(Format.grouped(Int(l)))-byte limit; raise it with --max-file-mb"
        case .unsafeEntry(let p, let e): "\(p): archive entry '\(e)' escapes the archive (zip-slip); the entry was refused"
        case .unrecognised(let p, let tried):
            "\(p): not a source warmpath knows; tried \(tried.joined(separator: ", "))"
        case .nothingUsable(let p, let r): "\(p): \(r)"
        case .malformed(let p, let line, let r): line > 0 ? "\(p):\(line): \(r)" : "\(p): \(r)"
        }
    }
}

extension ImportError: UserFacingError {
    public var message: String { description }
    public var exitStatus: ExitStatus { .nothingUsable }
}

/// Limits that protect against hostile or accidental huge inputs.
public struct ImportLimits: Sendable, Hashable {
    /// Largest single file (or archive entry) read into memory.
    public var maxFileBytes: Int64
    /// Largest total of uncompressed archive entries read.
    public var maxArchiveBytes: Int64
    /// Most entries in one archive.
    public var maxEntries: Int

    public init(maxFileBytes: Int64 = 2 << 30, maxArchiveBytes: Int64 = 8 << 30, maxEntries: Int = 200_000) {
        self.maxFileBytes = maxFileBytes
        self.maxArchiveBytes = maxArchiveBytes
        self.maxEntries = maxEntries
    }

    public static let `default` = ImportLimits()
}

/// A source as a set of named files: a folder (walked recursively), a `.zip` archive (read in
/// memory, never extracted to disk, so no entry can be written outside it) or loose files.
///
/// Entry paths are relative, `/`-separated; ``find(_:)`` matches file names the way LinkedIn's
/// drifting names need: case-insensitive with spaces, underscores and hyphens folded.
public struct SourceContainer: Sendable {
    public enum Backing: Sendable {
        case folder(URL)
        case zip(URL)
        case files([URL])
    }

    public let path: String
    public let backing: Backing
    /// Relative entry paths, sorted.
    public let entries: [String]
    public let limits: ImportLimits
    private let sizes: [String: Int64]

    /// Opens a path: a folder, a `.zip`, or a single file.
    public init(path: String, limits: ImportLimits = .default) throws {
        let url = URL(fileURLWithPath: path)
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
            throw ImportError.notFound(path: path)
        }
        self.path = path
        self.limits = limits
        if isDir.boolValue {
            backing = .folder(url)
            var list: [String] = []
            var sizes: [String: Int64] = [:]
            let base = url.standardizedFileURL.path
            if let e = FileManager.default.enumerator(
                at: url, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey], options: [.skipsHiddenFiles])
            {
                for case let f as URL in e {
                    let values = try? f.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
                    guard values?.isRegularFile == true else { continue }
                    var rel = f.standardizedFileURL.path
                    if rel.hasPrefix(base) { rel = String(rel.dropFirst(base.count)) }
                    while rel.hasPrefix("/") { rel.removeFirst() }
                    list.append(rel)
                    sizes[rel] = Int64(values?.fileSize ?? 0)
                }
            }
            entries = list.sorted()
            self.sizes = sizes
        } else if SourceContainer.looksLikeZip(url) {
            backing = .zip(url)
            let archive: Archive
            do {
                archive = try Archive(url: url, accessMode: .read)
            } catch {
                throw ImportError.unreadable(path: path, reason: "not a readable zip archive (damaged, truncated or not a zip)")
            }
            var list: [String] = []
            var sizes: [String: Int64] = [:]
            var total: Int64 = 0
            for entry in archive where entry.type == .file {
                let name = entry.path
                guard SourceContainer.isSafeEntry(name) else { throw ImportError.unsafeEntry(path: path, entry: name) }
                total += Int64(entry.uncompressedSize)
                if list.count >= limits.maxEntries || total > limits.maxArchiveBytes {
                    throw ImportError.tooLarge(path: path, bytes: total, limit: limits.maxArchiveBytes)
                }
                list.append(name)
                sizes[name] = Int64(entry.uncompressedSize)
            }
            entries = list.sorted()
            self.sizes = sizes
        } else {
            backing = .files([url])
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value ?? 0
            entries = [url.lastPathComponent]
            sizes = [url.lastPathComponent: size]
        }
    }

    /// A container over several loose files (for example `Connections.csv messages.csv`).
    public init(files: [String], limits: ImportLimits = .default) throws {
        var sizes: [String: Int64] = [:]
        var urls: [URL] = []
        for f in files {
            guard FileManager.default.fileExists(atPath: f) else { throw ImportError.notFound(path: f) }
            let u = URL(fileURLWithPath: f)
            urls.append(u)
            sizes[u.lastPathComponent] =
                (try? FileManager.default.attributesOfItem(atPath: f)[.size] as? NSNumber)?.int64Value ?? 0
        }
        self.path = files.joined(separator: " ")
        self.backing = .files(urls)
        self.entries = urls.map(\.lastPathComponent).sorted()
        self.sizes = sizes
        self.limits = limits
    }

    public var isArchive: Bool { if case .zip = backing { true } else { false } }

    public func size(of entry: String) -> Int64 { sizes[entry] ?? 0 }

    /// Reads one entry fully, refusing it when it is over the size limit.
    public func read(_ entry: String) throws -> Data {
        let size = self.size(of: entry)
        if size > limits.maxFileBytes {
            throw ImportError.tooLarge(path: display(entry), bytes: size, limit: limits.maxFileBytes)
        }
        switch backing {
        case .folder(let url):
            return try readFile(url.appendingPathComponent(entry), display: display(entry))
        case .files(let urls):
            guard let u = urls.first(where: { $0.lastPathComponent == entry }) else {
                throw ImportError.notFound(path: entry)
            }
            return try readFile(u, display: display(entry))
        case .zip(let url):
            do {
                let archive = try Archive(url: url, accessMode: .read)
                guard let e = archive[entry] else { throw ImportError.notFound(path: display(entry)) }
                var data = Data()
                data.reserveCapacity(Int(e.uncompressedSize))
                var seen: Int64 = 0
                let limit = limits.maxFileBytes
                _ = try archive.extract(e, skipCRC32: false) { chunk in
                    seen += Int64(chunk.count)
                    if seen > limit { throw ImportError.tooLarge(path: entry, bytes: seen, limit: limit) }
                    data.append(chunk)
                }
                return data
            } catch let e as ImportError {
                throw e
            } catch {
                throw ImportError.unreadable(path: display(entry), reason: ErrorText.reason(error, fallback: "damaged or unsupported archive entry"))
            }
        }
    }

    /// The first `bytes` bytes of an entry, for content sniffing (whole entry for archives).
    public func head(_ entry: String, bytes: Int) throws -> [UInt8] {
        switch backing {
        case .folder(let url):
            return try headOfFile(url.appendingPathComponent(entry), bytes: bytes)
        case .files(let urls):
            guard let u = urls.first(where: { $0.lastPathComponent == entry }) else { throw ImportError.notFound(path: entry) }
            return try headOfFile(u, bytes: bytes)
        case .zip:
            return [UInt8](try read(entry).prefix(bytes))
        }
    }

    private func headOfFile(_ url: URL, bytes: Int) throws -> [UInt8] {
        guard let h = FileHandle(forReadingAtPath: url.path) else {
            throw ImportError.unreadable(path: url.path, reason: "cannot open")
        }
        defer { try? h.close() }
        return [UInt8]((try? h.read(upToCount: bytes)) ?? Data())
    }

    private func readFile(_ url: URL, display: String) throws -> Data {
        do {
            return try Data(contentsOf: url, options: [.mappedIfSafe])
        } catch {
            throw ImportError.unreadable(path: display, reason: ErrorText.reason(error, path: url.path))
        }
    }

    /// `archive.zip:Connections.csv` or `folder/Connections.csv`, for messages.
    public func display(_ entry: String) -> String {
        switch backing {
        case .zip: "\(path):\(entry)"
        case .folder: (path as NSString).appendingPathComponent(entry)
        case .files(let urls): urls.first(where: { $0.lastPathComponent == entry })?.path ?? entry
        }
    }

    /// The file name with case, spaces, underscores and hyphens folded: `Phone Numbers.csv` and
    /// `PhoneNumbers.csv` both give `phonenumbers.csv`.
    public static func foldedName(_ name: String) -> String {
        let base = name.split(separator: "/").last.map(String.init) ?? name
        return String(base.lowercased().filter { $0 != " " && $0 != "_" && $0 != "-" })
    }

    /// Entries whose folded file name equals one of `names` (folded), shortest path first.
    public func find(_ names: String...) -> [String] { find(names) }

    public func find(_ names: [String]) -> [String] {
        let wanted = Set(names.map(SourceContainer.foldedName))
        return entries.filter { wanted.contains(SourceContainer.foldedName($0)) && !Self.isJunk($0) }
            .sorted { ($0.split(separator: "/").count, $0) < ($1.split(separator: "/").count, $1) }
    }

    /// macOS resource forks and similar that are never data.
    static func isJunk(_ entry: String) -> Bool {
        entry.hasPrefix("__MACOSX/") || entry.split(separator: "/").last?.hasPrefix("._") == true
    }

    static func isSafeEntry(_ name: String) -> Bool {
        if name.hasPrefix("/") || name.hasPrefix("\\") { return false }
        if name.count >= 2 && name.dropFirst().first == ":" { return false }
        let parts = name.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        return !parts.contains("..")
    }

    static func looksLikeZip(_ url: URL) -> Bool {
        if url.pathExtension.lowercased() == "zip" { return true }
        guard let h = FileHandle(forReadingAtPath: url.path) else { return false }
        defer { try? h.close() }
        let head = (try? h.read(upToCount: 4)) ?? Data()
        return head.count == 4 && head[head.startIndex] == 0x50 && head[head.startIndex + 1] == 0x4B
            && head[head.startIndex + 2] == 0x03 && head[head.startIndex + 3] == 0x04
    }
}
