import Foundation

/// A file or folder that could not be written, with the reason in plain words.
public struct WriteError: UserFacingError, Equatable {
    /// The file (or folder) that could not be written.
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// `cannot write reports/people.csv: is a folder, not a file`
    public var message: String { "cannot write \(path): \(reason)" }
    public var exitStatus: ExitStatus { .nothingUsable }
}

/// Writes what the reporters produced: report folders and single output files. Every failure
/// is a ``WriteError`` naming the path and the reason.
///
/// ```
/// try FileOutput.write(output.files, into: "reports/2024-03-31")
/// try FileOutput.write(Data(csv.utf8), toFile: "distances.csv")
/// ```
public enum FileOutput {
    /// Writes `files` into the folder `dir` (created when missing), the largest first, on both
    /// cores. Every file that can be written is written; then the first failure (in file
    /// order) is thrown.
    /// - Throws: ``WriteError``.
    public static func write(_ files: [ReportFile], into dir: String) throws {
        try makeFolder(dir)
        for f in files where f.name.contains("/") {
            try makeFolder((display(dir, f.name) as NSString).deletingLastPathComponent)
        }
        let order = files.indices.sorted { files[$0].contents.count > files[$1].contents.count }
        let results = Parallel.map(
            order.map { i in
                { Result { try write(files[i].contents, toFile: display(dir, files[i].name)) } }
            })
        let failures = zip(order, results).compactMap { i, r -> (Int, any Error)? in
            if case .failure(let e) = r { (i, e) } else { nil }
        }
        if let first = failures.min(by: { $0.0 < $1.0 }) { throw first.1 }
    }

    /// Writes one file (atomically, through ``OutputFile``), creating its folder when missing.
    /// - Throws: ``WriteError``.
    public static func write(_ data: Data, toFile path: String) throws {
        let file = OutputFile(path: path)
        try data.withUnsafeBytes { try file.write($0) }
        try file.commit()
    }

    /// Creates `dir` and its parents; a part of the path that is a file is named.
    static func makeFolder(_ dir: String, for shown: String? = nil) throws {
        let shown = shown ?? dir
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: dir, isDirectory: &isDir) {
            guard isDir.boolValue else { throw WriteError(path: shown, reason: "not a folder: \(dir)") }
            return
        }
        if let blocker = ErrorText.notAFolderAncestor(of: dir) {
            throw WriteError(path: shown, reason: "not a folder: \(blocker)")
        }
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            let why = reason(error, path: dir)
            throw WriteError(
                path: shown,
                reason: shown == dir
                    ? "the folder cannot be created (\(why))" : "cannot create the folder \(dir): \(why)")
        }
    }

    static func reason(_ error: any Error, path: String) -> String {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue {
            return "is a folder, not a file"
        }
        return ErrorText.reason(error, path: path)
    }

    private static func display(_ dir: String, _ name: String) -> String {
        dir.hasSuffix("/") ? dir + name : dir + "/" + name
    }
}

/// One output file written piece by piece while it is produced, then put in place at once:
/// the pieces go to a temporary file next to it (created with mode 0666 less the umask), which
/// ``commit()`` renames over the path. Nothing is created before the first piece; a file never
/// committed is removed. Pieces come from one thread at a time. Every file warmpath writes goes
/// through it (``FileOutput`` writes whole files with one piece).
///
/// ```
/// let file = OutputFile(path: "distances.csv", prefix: CSVWriter.byteOrderMark)
/// for piece in pieces { try file.write(piece) }
/// try file.commit()
/// ```
public final class OutputFile: @unchecked Sendable {
    /// The path as the user gave it.
    public let path: String
    private let prefix: [UInt8]
    private var temporary: String?
    private var fd: Int32 = -1
    private var committed = false

    /// - Parameter prefix: bytes written before the first piece (a byte-order mark).
    public init(path: String, prefix: [UInt8] = []) {
        self.path = path
        self.prefix = prefix
    }

    deinit {
        if fd >= 0 { close(fd) }
        if !committed, let temporary { unlink(temporary) }
    }

    /// Appends `bytes` to the file (creating its folder and the temporary file on the first call).
    /// - Throws: ``WriteError``.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        precondition(!committed, "a committed file takes no more pieces")
        if fd < 0 { try open() }
        try put(bytes)
    }

    /// Appends `bytes`.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Closes the file and renames it over ``path``.
    /// - Throws: ``WriteError``.
    public func commit() throws {
        if committed { return }
        if fd < 0 { try open() }
        let closed = close(fd)
        let closeErrno = errno
        fd = -1
        guard let temporary else { return }
        let renamed = closed == 0 ? rename(temporary, path) : -1
        let code = closed != 0 ? closeErrno : errno
        if renamed != 0 {
            unlink(temporary)
            self.temporary = nil
            throw failure(code)
        }
        committed = true
    }

    private func open() throws {
        let parent = (path as NSString).deletingLastPathComponent
        let dir = parent.isEmpty ? "." : parent
        try FileOutput.makeFolder(dir, for: path)
        let name = (path as NSString).lastPathComponent
        for _ in 0..<16 {
            let candidate = dir + "/." + name + ".warmpath-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
            let opened = candidate.withCString { Foundation.open($0, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666) }
            if opened >= 0 {
                fd = opened
                temporary = candidate
                try prefix.withUnsafeBytes { try put($0) }
                return
            }
            if errno != EEXIST { throw failure(errno) }
        }
        throw failure(EEXIST)
    }

    private func put(_ bytes: UnsafeRawBufferPointer) throws {
        guard var p = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let n = Foundation.write(fd, p, left)
            if n < 0 {
                if errno == EINTR { continue }
                throw failure(errno)
            }
            p += n
            left -= n
        }
    }

    private func failure(_ code: Int32) -> WriteError {
        let error = POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        return WriteError(path: path, reason: FileOutput.reason(error, path: path))
    }
}
