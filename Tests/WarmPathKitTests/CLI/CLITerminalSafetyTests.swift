import Foundation
import Testing
@testable import WarmPathSupport

/// A hostile export (a name holding ESC `[2J`, BEL, NUL and CSI U+009B) run through every
/// command that prints names, and through people.csv and index.html: no raw control character
/// comes out; the terminal shows it escaped. Runs the built binary.
@Suite(.enabled(if: CLIBinary.url != nil, "needs the warmpath binary: run `swift build` first"))
struct CLITerminalSafetyTests {
    static let hostile = "Eve\u{1B}[2J\u{07}\u{00}X\u{9B}31m"

    /// A LinkedIn folder with one hostile connection, and a targets file naming her and a hostile nobody.
    static func hostileExport() throws -> URL {
        let connections =
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            + "\(hostile),Mallory,https://www.linkedin.com/in/eve,eve@example.com,Evil\u{1B}]0;pwn\u{07} Co,Boss\u{7F},14 Mar 2024\n"
            + "Ana,Ruiz,https://www.linkedin.com/in/ana,ana@example.com,Acme,Engineer,10 Jan 2024\n"
        return try TestPaths.tempFolder([
            "li/Connections.csv": Data(connections.utf8),
            "li/Profile.csv": Data("First Name,Last Name,Headline\nOlivia,Owner,Me\n".utf8),
            "targets.csv": Data(
                "name,company,profile_url,email\nNobody\u{1B}[2J\u{07}Here,,,\n,,https://www.linkedin.com/in/eve,\n"
                    .utf8),
        ])
    }

    /// The unsafe control characters in `text` (tab and LF allowed; CR too when `allowCR`).
    static func controls(_ text: String, allowCR: Bool = false) -> [UInt32] {
        text.unicodeScalars.map(\.value).filter { ControlCharacters.isUnsafe($0, keepingCR: allowCR) }
    }

    @Test func noCommandPrintsARawControlCharacter() throws {
        let dir = try Self.hostileExport()
        defer { try? FileManager.default.removeItem(at: dir) }
        let li = dir.appendingPathComponent("li").path
        let targets = dir.appendingPathComponent("targets.csv").path
        let out = dir.appendingPathComponent("report").path
        let cli = CLIEndToEndTests()
        let runs: [(String, [String])] = [
            ("report", ["report", li, "--targets", targets, "--out", out]),
            ("paths", ["paths", li, "--to", "https://www.linkedin.com/in/eve", "--targets", targets]),
            ("explain", ["explain", "https://www.linkedin.com/in/eve", li]),
            ("inspect", ["inspect", li]),
            ("inspect --json", ["inspect", li, "--json"]),
        ]
        var printed: [String: String] = [:]
        for (name, args) in runs {
            let r = try cli.run(args)
            #expect(r.status == 0, "\(name): \(r.stderr)")
            #expect(Self.controls(r.stdout).isEmpty, "\(name) stdout: \(Self.controls(r.stdout))")
            #expect(Self.controls(r.stderr).isEmpty, "\(name) stderr: \(Self.controls(r.stderr))")
            printed[name] = r.stdout + r.stderr
        }
        // The names are shown, escaped visibly.
        #expect(printed["report"]?.contains("Nobody\\u001b[2J\\u0007Here") == true, "\(printed["report"] ?? "")")
        #expect(printed["explain"]?.contains("Eve\\u001b[2J\\u0007\\u0000X\\u009b31m Mallory") == true)
        #expect(printed["paths"]?.contains("Eve\\u001b[2J") == true, "\(printed["paths"] ?? "")")
        // The JSON stays valid JSON with the same value.
        let json = try #require(printed["inspect --json"].map { Data($0.utf8) })
        #expect((try? JSONSerialization.jsonObject(with: json)) != nil)

        // Files: control characters replaced with U+FFFD (CR keeps its CSV/HTML handling).
        for file in ["people.csv", "index.html"] {
            let text = try String(contentsOfFile: out + "/" + file, encoding: .utf8)
            #expect(Self.controls(text, allowCR: true).isEmpty, "\(file): \(Self.controls(text, allowCR: true))")
            #expect(text.contains("Eve\u{FFFD}[2J\u{FFFD}\u{FFFD}X\u{FFFD}31m"), "\(file)")
        }
    }
}
