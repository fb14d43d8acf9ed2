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
    /// An archive member that inflated past a limit while it was read, whatever its header said.
    case memberTooLarge(path: String, declared: Int64, limit: Int64, why: String)

    public var description: String {
        switch self {
        case .notFound(let p): "\(p): no such file or folder"
        case .unreadable(let p, let r): "\(p): cannot be read: \(r)"
        case .tooLarge(let p, let b, let l):
            "\(p): \(Format.grouped(Int(b))) bytes is over the \(Format.grouped(Int(l)))-byte limit; raise it with --max-file-mb"
        case .unsafeEntry(let p, let e):
            "\(p): archive entry '\(e)' escapes the archive (zip-slip); the entry was refused"
        case .unrecognised(let p, let tried):
            "\(p): not a source warmpath knows; tried \(tried.joined(separator: ", "))"
        case .nothingUsable(let p, let r): "\(p): \(r)"
        case .malformed(let p, let line, let r): line > 0 ? "\(p):\(line): \(r)" : "\(p): \(r)"
        case .memberTooLarge(let p, let declared, let limit, let why):
            "\(p): member too large: its header declares \(Format.grouped(Int(declared))) bytes, its real size is over "
                + "\(Format.grouped(Int(limit))) bytes (\(why)); reading stopped there"
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
    /// Most times an archive member may expand (uncompressed / compressed size) once it is over
    /// ``ratioFloorBytes``: real exports compress 3 to 30 times, a zip bomb about 1,000 times.
    public var maxCompressionRatio: Int64

    /// Members up to this uncompressed size are never refused for their compression ratio.
    public static let ratioFloorBytes: Int64 = 1 << 20

    public init(
        maxFileBytes: Int64 = 2 << 30, maxArchiveBytes: Int64 = 8 << 30, maxEntries: Int = 200_000,
        maxCompressionRatio: Int64 = 100
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxArchiveBytes = maxArchiveBytes
        self.maxEntries = maxEntries
        self.maxCompressionRatio = maxCompressionRatio
    }

    /// The most bytes a member of `compressed` bytes may inflate to before it is cut.
    func expansionBound(compressed: Int64) -> Int64 {
        let (product, overflow) = compressed.multipliedReportingOverflow(by: max(1, maxCompressionRatio))
        return max(Self.ratioFloorBytes, overflow ? Int64.max : product)
    }

    public static let `default` = ImportLimits()
}

/// A source as a set of named files: a folder (walked recursively), a `.zip` archive (read in
/// memory, never extracted to disk, so no entry can be written outside it) or loose files.
///
/// Entry paths are relative, `/`-separated; ``find(_:)`` matches file names the way LinkedIn's
/// drifting names need: case-insensitive with spaces, underscores and hyphens folded.
///
/// A zip's central directory is read once, into a dictionary from path to entry, so reading
/// each of n entries costs O(n) in all (ZIPFoundation's `archive[path]` scans the directory,
/// which made reading every entry quadratic).
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
    /// Entry paths that occur more than once in the archive, sorted; the first occurrence is read.
    public let duplicateEntries: [String]
    private let sizes: [String: Int64]
    private let zipIndex: ZipIndex

    /// Opens a path: a folder, a `.zip`, or a single file.
    public init(path: String, limits: ImportLimits = .default) throws {
        let url = URL(fileURLWithPath: path)
        let isDir = try Self.checkSource(path)
        self.path = path
        self.limits = limits
        if isDir {
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
            duplicateEntries = []
            zipIndex = ZipIndex()
        } else if SourceContainer.looksLikeZip(url) {
            backing = .zip(url)
            let archive: Archive
            do {
                archive = try Archive(url: url, accessMode: .read)
            } catch {
                throw ImportError.unreadable(
                    path: path, reason: "not a readable zip archive (damaged, truncated or not a zip)")
            }
            var index = ZipIndex()
            var sizes: [String: Int64] = [:]
            var duplicates: Set<String> = []
            var total: Int64 = 0
            for entry in archive where entry.type == .file {
                let name = entry.path
                guard SourceContainer.isSafeEntry(name) else { throw ImportError.unsafeEntry(path: path, entry: name) }
                if index.entries[name] != nil {
                    duplicates.insert(name)
                    continue
                }
                let (sum, overflow) = total.addingReportingOverflow(Int64(clamping: entry.uncompressedSize))
                total = overflow ? Int64.max : sum
                if index.entries.count >= limits.maxEntries || total > limits.maxArchiveBytes {
                    throw ImportError.tooLarge(path: path, bytes: total, limit: limits.maxArchiveBytes)
                }
                index.entries[name] = entry
                sizes[name] = Int64(clamping: entry.uncompressedSize)
            }
            // ZIPFoundation stops at an encrypted entry: name it, and the files after it.
            if let directory = Self.centralDirectory(url) {
                for record in directory where index.entries[record.name] != nil && index.locations[record.name] == nil {
                    index.locations[record.name] = record.location
                }
                var passedEncrypted = false
                for record in directory where !record.name.hasSuffix("/") && index.entries[record.name] == nil {
                    let (name, flags) = (record.name, record.flags)
                    guard SourceContainer.isSafeEntry(name) else {
                        throw ImportError.unsafeEntry(path: path, entry: name)
                    }
                    if flags & 1 != 0 {
                        passedEncrypted = true
                        index.refused[name] = index.refused[name] ?? "encrypted entry, not supported"
                    } else if passedEncrypted {
                        index.refused[name] =
                            index.refused[name]
                            ?? "it follows an encrypted entry in the archive, which the zip reader cannot pass"
                    }
                }
            }
            entries = Set(index.entries.keys).union(index.refused.keys).sorted()
            self.sizes = sizes
            duplicateEntries = duplicates.sorted()
            zipIndex = index
        } else {
            backing = .files([url])
            let size =
                (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.int64Value ?? 0
            entries = [url.lastPathComponent]
            sizes = [url.lastPathComponent: size]
            duplicateEntries = []
            zipIndex = ZipIndex()
        }
    }

    /// A container over several loose files (for example `Connections.csv messages.csv`).
    public init(files: [String], limits: ImportLimits = .default) throws {
        var sizes: [String: Int64] = [:]
        var urls: [URL] = []
        for f in files {
            if try Self.checkSource(f) {
                throw ImportError.unreadable(path: f, reason: "is a folder; give a folder as a source on its own")
            }
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
        self.duplicateEntries = []
        self.zipIndex = ZipIndex()
    }

    /// Checks that `path` is something warmpath may read as a source, without reading it:
    /// a regular file or a folder (symbolic links followed), which the user may open.
    /// A FIFO, socket or device is refused at once: reading a FIFO would wait forever.
    /// - Returns: whether it is a folder.
    package static func checkSource(_ path: String) throws -> Bool {
        var st = stat()
        guard stat(path, &st) == 0 else {
            let code = errno
            if code == ENOENT { throw ImportError.notFound(path: path) }
            throw ImportError.unreadable(path: path, reason: ErrorText.posixReason(code, path: path))
        }
        let type = st.st_mode & S_IFMT
        guard type == S_IFREG || type == S_IFDIR else {
            let what: String =
                switch type {
                case S_IFIFO: "a named pipe (FIFO)"
                case S_IFSOCK: "a socket"
                case S_IFCHR: "a character device"
                case S_IFBLK: "a block device"
                default: "a special file"
                }
            throw ImportError.unreadable(path: path, reason: "not a regular file or folder, but \(what)")
        }
        let isDir = type == S_IFDIR
        if access(path, isDir ? (R_OK | X_OK) : R_OK) != 0 {
            throw unreadable(path: path, error: POSIXError(POSIXErrorCode(rawValue: errno) ?? .EACCES))
        }
        return isDir
    }

    /// The error for a source or entry that the system refused to open, in plain words
    /// (`permission denied`), never a Foundation error domain.
    package static func unreadable(path: String, error: any Error) -> ImportError {
        .unreadable(path: path, reason: ErrorText.reason(error, path: path, fallback: "the system refused to open it"))
    }

    /// Issues for the container itself (duplicate archive entries), attributed to `source`.
    public func issues(source: String) -> [ImportIssue] {
        duplicateEntries.map {
            ImportIssue(
                source: source, file: display($0), line: 0, severity: .warning,
                message: "duplicate zip entry '\($0)': the archive holds it more than once; the first one was read")
        }
    }

    public var isArchive: Bool { if case .zip = backing { true } else { false } }

    public func size(of entry: String) -> Int64 { sizes[entry] ?? 0 }

    /// Why an archive member cannot be read at all, from its header alone (encrypted, declared
    /// over a limit); nil for folders and loose files, and for members that look readable.
    package func refusal(_ entry: String) -> ImportError? {
        guard case .zip = backing else { return nil }
        if let reason = zipIndex.refused[entry] { return .unreadable(path: display(entry), reason: reason) }
        guard let e = zipIndex.entries[entry] else { return nil }
        let declared = Int64(clamping: e.uncompressedSize)
        if declared > limits.maxFileBytes {
            return .tooLarge(path: display(entry), bytes: declared, limit: limits.maxFileBytes)
        }
        let compressed = Int64(clamping: e.compressedSize)
        let bound = limits.expansionBound(compressed: compressed)
        if declared > bound {
            return .unreadable(
                path: display(entry),
                reason:
                    "member too large for its compressed size: \(Format.grouped(Int(declared))) bytes from "
                    + "\(Format.grouped(Int(compressed))), over \(limits.maxCompressionRatio) times "
                    + "(a zip bomb?); not inflated")
        }
        return nil
    }

    /// The first refusal among all archive members, for an archive no importer recognised
    /// (so that the user reads "encrypted entry" rather than "not a source warmpath knows").
    package var firstRefusal: ImportError? {
        for entry in entries { if let r = refusal(entry) { return r } }
        // Then what only opening a file tells: the system refuses it (permission denied), or it
        // is UTF-16 text that is not XML. Looked at only when nothing recognised the source, and
        // for at most the first few hundred entries.
        for entry in entries.prefix(Self.refusalScanLimit) where !Self.isJunk(entry) {
            let head: [UInt8]
            do { head = try self.head(entry, bytes: 128) } catch let e as ImportError { return e } catch {
                return Self.unreadable(path: display(entry), error: error)
            }
            if UTF16Sniff.byteOrder(head) != nil {
                return .unreadable(path: display(entry), reason: UTF16Sniff.refusal)
            }
        }
        return nil
    }

    /// Entries opened by ``firstRefusal`` at most.
    static let refusalScanLimit = 256

    /// Reads one entry fully, refusing it when it is over the size limit. An archive member is
    /// inflated in chunks and cut at the limit (or at ``ImportLimits/maxCompressionRatio`` times
    /// its compressed size) plus one byte, whatever its header declares.
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
        case .zip:
            var data = Data()
            data.reserveCapacity(Int(min(size, 64 << 20)))
            try inflate(entry, upTo: nil) { data.append($0) }
            return data
        }
    }

    /// The chunk size of ``stream(_:range:chunkBytes:_:)``: 4 MiB.
    public static let streamChunkBytes = 4 << 20

    /// The path on disk of an entry of a folder or of loose files (nil for an archive member),
    /// for readers that cut a large file into byte ranges read on several cores.
    public func localURL(_ entry: String) -> URL? {
        switch backing {
        case .folder(let url): url.appendingPathComponent(entry)
        case .files(let urls): urls.first(where: { $0.lastPathComponent == entry })
        case .zip: nil
        }
    }

    /// Streams one entry to `consume` in chunks, with the size limits of ``read(_:)``, so that
    /// memory stays at one chunk whatever the entry's size: a file on disk is read with
    /// `pread(2)` into one reused buffer of `chunkBytes`; an archive member is inflated as it goes
    /// (chunks of at most 256 KiB). Chunks are valid only during the call.
    /// - Parameter range: a byte range of a file on disk (ignored for archive members, which are
    ///   always read whole).
    public func stream(
        _ entry: String, range: Range<Int64>? = nil, chunkBytes: Int = SourceContainer.streamChunkBytes,
        _ consume: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        let size = self.size(of: entry)
        if size > limits.maxFileBytes {
            throw ImportError.tooLarge(path: display(entry), bytes: size, limit: limits.maxFileBytes)
        }
        guard let url = localURL(entry) else {
            if case .zip = backing { return try inflate(entry, upTo: nil, consume) }
            throw ImportError.notFound(path: entry)
        }
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { throw ImportError.notFound(path: display(entry)) }
            throw ImportError.unreadable(path: display(entry), reason: ErrorText.posixReason(code, path: url.path))
        }
        defer { close(fd) }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, chunkBytes), alignment: 64)
        defer { buffer.deallocate() }
        var offset = range?.lowerBound ?? 0
        let end = range?.upperBound ?? Int64.max
        while offset < end {
            let want = Int(min(Int64(buffer.count), end - offset))
            let n = pread(fd, buffer.baseAddress, want, off_t(offset))
            if n < 0 {
                if errno == EINTR { continue }
                throw ImportError.unreadable(path: display(entry), reason: ErrorText.posixReason(errno, path: url.path))
            }
            if n == 0 { break }
            offset += Int64(n)
            try consume(UnsafeBufferPointer(start: buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), count: n))
        }
    }

    /// The first `bytes` bytes of an entry, for content sniffing; an archive member is inflated
    /// only as far as needed.
    public func head(_ entry: String, bytes: Int) throws -> [UInt8] {
        switch backing {
        case .folder(let url):
            return try headOfFile(url.appendingPathComponent(entry), bytes: bytes)
        case .files(let urls):
            guard let u = urls.first(where: { $0.lastPathComponent == entry }) else {
                throw ImportError.notFound(path: entry)
            }
            return try headOfFile(u, bytes: bytes)
        case .zip:
            var out: [UInt8] = []
            out.reserveCapacity(bytes)
            try inflate(entry, upTo: bytes) { chunk in out.append(contentsOf: chunk.prefix(bytes - out.count)) }
            return out
        }
    }

    /// Streams one archive member to `consume` in chunks. With `upTo`, stops once that many bytes
    /// were given; otherwise refuses the member past the size limit or its expansion bound.
    private func inflate(
        _ entry: String, upTo: Int?, _ consume: (UnsafeBufferPointer<UInt8>) throws -> Void
    ) throws {
        guard case .zip(let url) = backing else { return }
        if let refused = refusal(entry) { throw refused }
        guard let e = zipIndex.entries[entry] else { throw ImportError.notFound(path: display(entry)) }
        let declared = Int64(clamping: e.uncompressedSize)
        let byRatio = limits.expansionBound(compressed: Int64(clamping: e.compressedSize))
        let limit = min(limits.maxFileBytes, byRatio)
        let why =
            limit == limits.maxFileBytes
            ? "the \(Format.grouped(Int(limit)))-byte limit; raise it with --max-file-mb"
            : "\(limits.maxCompressionRatio) times its compressed size, a zip bomb?"
        // Our own directory walk found every member ZIPFoundation listed; without it the archive's
        // directory is damaged, and reading it with the library's inflate could loop for ever.
        guard let location = zipIndex.locations[entry] else {
            throw ImportError.unreadable(
                path: display(entry), reason: "damaged archive: its central directory cannot be read")
        }
        var seen: Int64 = 0
        do {
            try ZipMemberReader.read(url, location) { chunk in
                seen += Int64(chunk.count)
                if upTo == nil && seen > limit {
                    throw ImportError.memberTooLarge(path: display(entry), declared: declared, limit: limit, why: why)
                }
                try consume(chunk)
                if let upTo, seen >= Int64(upTo) { throw EnoughRead() }
            }
        } catch is EnoughRead {
            return
        } catch ZipMemberReader.Failure.damaged(let reason) {
            throw ImportError.unreadable(path: display(entry), reason: "damaged archive entry: " + reason)
        }
    }

    private func headOfFile(_ url: URL, bytes: Int) throws -> [UInt8] {
        let h: FileHandle
        do { h = try FileHandle(forReadingFrom: url) } catch { throw Self.unreadable(path: url.path, error: error) }
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

    /// The names and general-purpose flags of every central-directory record, read with a plain
    /// walk of the directory. ZIPFoundation stops iterating at the first encrypted entry, silently,
    /// so this walk is what names encrypted entries (flag bit 0) and the entries after them.
    /// Nil when the directory cannot be walked (the caller then knows nothing more).
    static func centralDirectory(_ url: URL) -> [CentralRecord]? {
        guard let h = try? FileHandle(forReadingFrom: url) else { return nil }
        defer { try? h.close() }
        guard let end = try? h.seekToEnd(), end >= 22 else { return nil }
        func bytes(at offset: UInt64, _ count: Int) -> [UInt8]? {
            if count == 0 { return [] }
            guard (try? h.seek(toOffset: offset)) != nil, let d = try? h.read(upToCount: count), d.count == count else {
                return nil
            }
            return [UInt8](d)
        }
        func le(_ b: [UInt8], _ at: Int, _ n: Int) -> UInt64 {
            (0..<n).reduce(UInt64(0)) { $0 | UInt64(b[at + $1]) << (8 * UInt64($1)) }
        }
        // End-of-central-directory record: within the last 22 + 65,535 bytes (its comment).
        let tailStart = end > 22 + 65_535 ? end - 22 - 65_535 : 0
        guard let tail = bytes(at: tailStart, Int(end - tailStart)) else { return nil }
        let isEnd = { (i: Int) in tail[i] == 0x50 && tail[i + 1] == 0x4B && tail[i + 2] == 0x05 && tail[i + 3] == 0x06 }
        guard let eocd = stride(from: tail.count - 22, through: 0, by: -1).first(where: isEnd) else { return nil }
        var count = le(tail, eocd + 10, 2)
        var offset = le(tail, eocd + 16, 4)
        if count == 0xFFFF || offset == 0xFFFF_FFFF, eocd >= 20,
            le(tail, eocd - 20, 4) == 0x0706_4B50,
            let record = bytes(at: le(tail, eocd - 12, 8), 56), le(record, 0, 4) == 0x0606_4B50
        {
            count = le(record, 32, 8)
            offset = le(record, 48, 8)
        }
        var out: [CentralRecord] = []
        for _ in 0..<min(count, 1 << 24) {
            guard let fixed = bytes(at: offset, 46), le(fixed, 0, 4) == 0x0201_4B50 else { return nil }
            let nameLength = Int(le(fixed, 28, 2))
            let extraLength = Int(le(fixed, 30, 2))
            guard let name = bytes(at: offset + 46, nameLength),
                let extra = bytes(at: offset + 46 + UInt64(nameLength), extraLength)
            else { return nil }
            var compressed = le(fixed, 20, 4)
            let uncompressed = le(fixed, 24, 4)
            var local = le(fixed, 42, 4)
            // Zip64: the extra field 0x0001 holds, in order, the sizes and offset that are 0xFFFFFFFF.
            var i = 0
            while i + 4 <= extra.count {
                let id = le(extra, i, 2)
                let size = Int(le(extra, i + 2, 2))
                if id == 1 {
                    var at = i + 4
                    func next() -> UInt64? {
                        guard at + 8 <= min(extra.count, i + 4 + size) else { return nil }
                        defer { at += 8 }
                        return le(extra, at, 8)
                    }
                    if uncompressed == 0xFFFF_FFFF { _ = next() }
                    if compressed == 0xFFFF_FFFF, let v = next() { compressed = v }
                    if local == 0xFFFF_FFFF, let v = next() { local = v }
                }
                i += 4 + size
            }
            out.append(
                CentralRecord(
                    name: String(decoding: name, as: UTF8.self), flags: UInt16(le(fixed, 8, 2)),
                    location: ZipMemberLocation(
                        method: UInt16(le(fixed, 10, 2)), compressedSize: compressed, localHeaderOffset: local,
                        crc32: UInt32(le(fixed, 16, 4)))))
            offset += 46 + UInt64(nameLength) + UInt64(extraLength) + le(fixed, 32, 2)
        }
        return out
    }

    /// One central-directory record: the name, the general-purpose flags and where the data is.
    struct CentralRecord {
        var name: String
        var flags: UInt16
        var location: ZipMemberLocation
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

/// The central directory of a zip, read once: path to entry (the first of duplicates).
/// `Entry` is an immutable struct of plain values that ZIPFoundation does not mark `Sendable`.
private struct ZipIndex: @unchecked Sendable {
    var entries: [String: Entry] = [:]
    /// Where each member's data lies (the first of duplicates), from our own directory walk;
    /// read with ``ZipMemberReader``, which bounds the work by the compressed size.
    var locations: [String: ZipMemberLocation] = [:]
    /// Members that cannot be read at all, with the reason.
    var refused: [String: String] = [:]
}

/// Thrown from a chunk consumer to stop inflating once a sniffing read has its bytes.
private struct EnoughRead: Error {}
