import Foundation

/// A headless Chromium for browser checks of the HTML report.
///
/// ```
/// @Test(.enabled(if: Chromium.find() != nil)) func page() throws {  // not installed: skipped
///     let chrome = try #require(Chromium.find())
///     let dom = try chrome.dumpDOM(url)
/// }
/// ```
struct Chromium: Sendable {
    let path: String

    /// Names tried on `PATH`, in order (`CHROMIUM` in the environment wins).
    static let names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// The first browser found, or nil.
    static func find() -> Chromium? {
        let env = ProcessInfo.processInfo.environment
        if let p = env["CHROMIUM"], FileManager.default.isExecutableFile(atPath: p) { return Chromium(path: p) }
        let dirs = (env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in names {
            for d in dirs {
                let p = d + "/" + name
                if FileManager.default.isExecutableFile(atPath: p) { return Chromium(path: p) }
            }
        }
        return nil
    }

    struct Run: Sendable {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
    }

    enum Failure: Error, CustomStringConvertible {
        case timedOut(Double)
        var description: String {
            switch self {
            case .timedOut(let s): "chromium did not finish within \(s) s"
            }
        }
    }

    /// Runs the browser headless with a private profile; output goes through temp files (no pipe
    /// dead-lock), and the process is terminated after `timeout` seconds.
    func run(_ arguments: [String], timeout: Double = 120) throws -> Run {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("wp-chromium-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.txt")
        let err = dir.appendingPathComponent("err.txt")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: out)
        let errHandle = try FileHandle(forWritingTo: err)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments =
            [
                "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--no-default-browser-check",
                "--disable-extensions", "--disable-dev-shm-usage",
                "--user-data-dir=" + dir.appendingPathComponent("profile").path,
            ] + arguments
        p.standardOutput = outHandle
        p.standardError = errHandle
        let start = Date()
        try p.run()
        let deadline = start.addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { usleep(20_000) }
        if p.isRunning {
            p.terminate()
            p.waitUntilExit()
            throw Failure.timedOut(timeout)
        }
        let seconds = Date().timeIntervalSince(start)
        try outHandle.close()
        try errHandle.close()
        return Run(
            status: p.terminationStatus, stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "", seconds: seconds)
    }

    /// The serialised DOM after the page's scripts ran (`--virtual-time-budget`).
    /// - Parameters:
    ///   - width: the window width (headless Chromium will not go much below 500 px; see
    ///     ``narrowFrame(_:width:)`` for narrower viewports).
    ///   - arguments: extra browser switches.
    func dumpDOM(
        _ url: URL, budgetMilliseconds: Int = 5_000, width: Int? = nil, height: Int = 2_000, arguments: [String] = []
    ) throws -> Run {
        var args = ["--virtual-time-budget=\(budgetMilliseconds)"] + arguments
        if let width { args.append("--window-size=\(width),\(height)") }
        return try run(args + ["--dump-dom", url.absoluteString])
    }

    /// The `data-…` attributes of the `<html>` element of `url` (hash included) loaded in an
    /// iframe `width` px wide, so the page sees a viewport narrower than the smallest headless
    /// window (a phone's 390 px). The frame's attributes are copied onto the outer page's
    /// `<html>` when it has loaded (file URLs are same-origin with `--allow-file-access-from-files`).
    func narrowFrame(_ url: URL, hash: String, width: Int) throws -> (attributes: [String: String], run: Run) {
        let outer = url.deletingLastPathComponent().appendingPathComponent("frame-\(width).html")
        let html = """
            <!doctype html><html><body style="margin:0"><iframe id="f" src="\(url.lastPathComponent)#\(hash)" \
            style="width:\(width)px;height:3000px;border:0"></iframe><script>var f=document.getElementById('f');\
            f.addEventListener('load',function(){var r=f.contentDocument.documentElement;for(var i=0;i<r.attributes.length;i++)\
            {var a=r.attributes[i];if(a.name.indexOf('data-')===0)document.documentElement.setAttribute(a.name,a.value);}});\
            </script></body></html>
            """
        try Data(html.utf8).write(to: outer)
        let run = try dumpDOM(outer, width: 900, arguments: ["--allow-file-access-from-files"])
        return (htmlElementAttributes(run.stdout), run)
    }

    /// Writes a PNG screenshot of the page.
    func screenshot(_ url: URL, to png: URL, width: Int = 1280, height: Int = 2000, budgetMilliseconds: Int = 5_000)
        throws -> Run
    {
        try run([
            "--virtual-time-budget=\(budgetMilliseconds)", "--hide-scrollbars", "--screenshot=" + png.path,
            "--window-size=\(width),\(height)", url.absoluteString,
        ])
    }
}

/// Attributes of the `<html>` element in a dumped DOM (`data-ready`, `data-errors`, …).
func htmlElementAttributes(_ dom: String) -> [String: String] {
    guard let start = dom.range(of: "<html"), let end = dom.range(of: ">", range: start.upperBound..<dom.endIndex)
    else { return [:] }
    let tag = dom[start.upperBound..<end.lowerBound]
    var out: [String: String] = [:]
    let pattern = /([a-zA-Z-]+)="([^"]*)"/
    for m in tag.matches(of: pattern) {
        out[String(m.output.1)] = String(m.output.2)
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
    return out
}
