import Foundation

#if canImport(Glibc)
    @preconcurrency import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A one-line progress display on stderr, shown only when stderr is a terminal, so pipes,
/// cron and CI stay quiet.
public struct ProgressLine: Sendable {
    public let enabled: Bool
    private let start: Date

    public init(enabled: Bool) {
        self.enabled = enabled
        self.start = Date()
    }

    /// Enabled when stderr is a terminal and `quiet` is false.
    public static func automatic(quiet: Bool = false) -> ProgressLine {
        ProgressLine(enabled: !quiet && isatty(2) == 1)
    }

    public static let silent = ProgressLine(enabled: false)

    public func step(_ text: String) {
        guard enabled else { return }
        let t = Format.fixed(Date().timeIntervalSince(start), 1)
        write("\r\u{1B}[2K[\(t)s] \(text)…")
    }

    public func done() {
        guard enabled else { return }
        write("\r\u{1B}[2K")
    }

    private func write(_ s: String) {
        FileHandle.standardError.write(Data(s.utf8))
    }
}
