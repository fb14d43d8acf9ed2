import Foundation

/// How a run ends, as the process exit status (README "Exit codes").
public enum ExitStatus: Int32, Sendable {
    /// The report was written (skipped rows included).
    case ok = 0
    /// Nothing usable in the input.
    case nothingUsable = 1
    /// Bad usage (unknown option, bad date, unknown owner).
    case usage = 64
}

/// An error a user may read: every error type that can reach the terminal adopts it, and the
/// CLI renders it in one place (`warmpath: ` + ``message``, exit ``exitStatus``).
///
/// ```
/// extension ImportError: UserFacingError {
///     public var message: String { description }   // "export.zip: no such file or folder"
///     public var exitStatus: ExitStatus { .nothingUsable }
/// }
/// ```
public protocol UserFacingError: Error, Sendable {
    /// Plain words: the path or value concerned and the reason, without a `warmpath:` prefix,
    /// Foundation error domains or internal enum names.
    var message: String { get }
    /// The exit status a run that stops on this error ends with.
    var exitStatus: ExitStatus { get }
}

/// Plain words for any error: ``UserFacingError`` messages as they are, Foundation file errors
/// (`CocoaError`, `POSIXError`, `NSError`) as "no such file or folder", "permission denied", "is
/// a folder", "not a folder: a/file", … The one translation of system errors; nothing else
/// formats an error with `localizedDescription` or `"\(error)"`.
///
/// ```
/// ErrorText.reason(CocoaError(.fileReadNoSuchFile), path: "/x/t.csv")  // "no such file or folder"
/// ErrorText.message(CocoaError(.fileReadNoSuchFile), path: "/x/t.csv") // "/x/t.csv: no such file or folder"
/// ```
public enum ErrorText {
    /// `path: reason`, or the error's own message when it is a ``UserFacingError`` (which
    /// already names its path). `path` defaults to the file named inside a Foundation error.
    public static func message(_ error: any Error, path: String? = nil) -> String {
        if let e = error as? any UserFacingError { return e.message }
        let p = path ?? filePath(of: error)
        let r = reason(error, path: p)
        guard let p, !p.isEmpty else { return r }
        return "\(p): \(r)"
    }

    /// The reason alone, in plain words (the caller names the path).
    /// - Parameters:
    ///   - path: the file or folder concerned; used to find which part of it is not a folder
    ///     when the system says only "not a directory".
    ///   - fallback: what to say when the error carries no plain words (a library's enum case).
    public static func reason(
        _ error: any Error, path: String? = nil, fallback: String = "failed for a reason the system did not name"
    ) -> String {
        if let e = error as? any UserFacingError { return e.message }
        let p = path ?? filePath(of: error)
        if let code = posixCode(of: error) { return posixReason(code, path: p) }
        let ns = error as NSError
        if ns.domain == NSCocoaErrorDomain, let text = cocoaReason(ns.code) { return text }
        if let p, let blocker = notAFolderAncestor(of: p) { return "not a folder: \(blocker)" }
        if let e = error as? LocalizedError, let d = e.errorDescription, !isFoundationText(d) { return d }
        let d = String(describing: error)
        // An enum case name (`missingEndOfCentralDirectoryRecord`) or a Foundation dump says nothing to a user.
        if d.contains(" ") && !isFoundationText(d) { return d }
        return fallback
    }

    /// Longest excerpt of a file's content quoted in a message, in characters.
    public static let excerptLimit = 120

    /// A value or line from an input file as a message quotes it: in single quotes, at most
    /// `limit` characters (a longer text is cut and ends with `…`), control characters escaped
    /// visibly (``TerminalText``), invalid UTF-8 already repaired by the caller's decoding. A
    /// binary file's header or a 10 MB field never floods the terminal.
    ///
    /// ```
    /// ErrorText.excerpt("Acme")                                 // "'Acme'"
    /// ErrorText.excerpt(String(repeating: "x", count: 500))     // "'xxx…'" (120 x, then …)
    /// ErrorText.excerpt("a\u{1B}[2J")                            // "'a\\u001b[2J'"
    /// ```
    /// - Complexity: O(limit), whatever the length of `text`.
    public static func excerpt(_ text: some StringProtocol, limit: Int = excerptLimit) -> String {
        let cut = Substring(text).prefix(limit + 1)
        guard cut.count > limit else { return "'" + TerminalText.safe(String(cut)) + "'" }
        return "'" + TerminalText.safe(String(cut.prefix(limit))) + "…'"
    }

    /// A parser's multi-line message as one line: a trailing source excerpt with a `^` marker
    /// line is dropped, the other lines are joined with "; ".
    ///
    /// ```
    /// ErrorText.oneLine("2:1: error: parser: while parsing\ndid not find ']':\na: [1\n^")
    /// // "2:1: error: parser: while parsing; did not find ']'"
    /// ```
    public static func oneLine(_ text: String) -> String {
        var lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if let last = lines.last, last.allSatisfy({ $0 == "^" || $0 == "~" }), lines.count >= 3 { lines.removeLast(2) }
        var joined = lines.joined(separator: "; ")
        while joined.hasSuffix(":") { joined.removeLast() }
        return joined
    }

    /// The exit status for any error: the error's own, else 1 (nothing usable).
    public static func exitStatus(_ error: any Error) -> ExitStatus {
        (error as? any UserFacingError)?.exitStatus ?? .nothingUsable
    }

    /// Plain words for an errno value.
    public static func posixReason(_ code: Int32, path: String? = nil) -> String {
        switch code {
        case ENOENT:
            if let path, let blocker = notAFolderAncestor(of: path) { return "not a folder: \(blocker)" }
            return "no such file or folder"
        case EACCES, EPERM: return "permission denied"
        case EISDIR: return "is a folder, not a file"
        case ENOTDIR:
            if let path, let blocker = notAFolderAncestor(of: path) { return "not a folder: \(blocker)" }
            return "not a folder"
        case EROFS: return "read-only file system"
        case ENOSPC: return "no space left on the device"
        case EDQUOT: return "disk quota exceeded"
        case EEXIST: return "already exists"
        case ENAMETOOLONG: return "file name too long"
        case ELOOP: return "too many symbolic links"
        case EMFILE, ENFILE: return "too many open files"
        case EIO: return "input/output error"
        case EFBIG: return "file too large"
        case ENOTEMPTY: return "folder not empty"
        case EXDEV: return "cannot move across file systems"
        default: return String(cString: strerror(code)).lowercased()
        }
    }

    /// The first part of `path` (or `path` itself, minus its last component's children) that
    /// exists and is not a folder: `file` for `file/sub`, nil when there is none.
    public static func notAFolderAncestor(of path: String) -> String? {
        var url = URL(fileURLWithPath: path).deletingLastPathComponent()
        var parts: [URL] = []
        while url.path != "/" && !url.path.isEmpty && parts.count < 64 {
            parts.append(url)
            url = url.deletingLastPathComponent()
        }
        for u in parts.reversed() {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: u.path, isDirectory: &isDir) else { return nil }
            if !isDir.boolValue { return display(u.path, like: path) }
        }
        return nil
    }

    /// `u` written relative like `original` when `original` was relative.
    private static func display(_ absolute: String, like original: String) -> String {
        if original.hasPrefix("/") { return absolute }
        let cwd = FileManager.default.currentDirectoryPath
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        return absolute.hasPrefix(prefix) ? String(absolute.dropFirst(prefix.count)) : absolute
    }

    private static func posixCode(of error: any Error) -> Int32? {
        if let e = error as? POSIXError { return e.code.rawValue }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return Int32(ns.code) }
        if let under = ns.userInfo[NSUnderlyingErrorKey] as? any Error { return posixCode(of: under) }
        return nil
    }

    private static func cocoaReason(_ code: Int) -> String? {
        switch CocoaError.Code(rawValue: code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: "no such file or folder"
        case .fileReadNoPermission, .fileWriteNoPermission: "permission denied"
        case .fileWriteVolumeReadOnly: "read-only file system"
        case .fileWriteOutOfSpace: "no space left on the device"
        case .fileWriteFileExists: "already exists"
        case .fileReadTooLarge: "too large to read"
        case .fileReadCorruptFile: "damaged or not in a format that can be read"
        case .fileReadInapplicableStringEncoding, .fileReadUnknownStringEncoding, .fileWriteInapplicableStringEncoding:
            "not text in a known encoding (UTF-8 expected)"
        case .fileWriteInvalidFileName: "not a valid file name"
        default: nil
        }
    }

    private static func filePath(of error: any Error) -> String? {
        let ns = error as NSError
        if ns.domain == NSCocoaErrorDomain || ns.domain == NSPOSIXErrorDomain {
            if let p = ns.userInfo[NSFilePathErrorKey] as? String { return p }
            if let u = ns.userInfo[NSURLErrorKey] as? URL, u.isFileURL { return u.path }
        }
        return nil
    }

    private static func isFoundationText(_ s: String) -> Bool {
        s.contains("Error Domain") || s.contains("Code=") || s.contains("ErrorDomain")
            || s.contains("The operation could not be completed") || s.contains("The file “")
            || s.contains("The file doesn")
    }
}
