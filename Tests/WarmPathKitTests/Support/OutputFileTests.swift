import Foundation
import Testing

@testable import WarmPathSupport

/// An output file written in pieces appears at its path only when committed, complete, with
/// the permissions of any other file we write; failures name the path and the reason.
struct OutputFileTests {
    @Test func piecesAppearAtThePathOnlyOnCommit() throws {
        let dir = try TestPaths.tempFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("sub/d.csv").path
        try Data("old".utf8).write(to: dir.appendingPathComponent("old.csv"))
        let file = OutputFile(path: path, prefix: [0xEF, 0xBB, 0xBF])
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("sub").path))
        try file.write(Array("node,hops".utf8))
        try file.write(Array(",cost\r\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: path))
        try file.commit()
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: path))
                == Data([0xEF, 0xBB, 0xBF] + Array("node,hops,cost\r\n".utf8)))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("sub").path) == ["d.csv"])
        // Same permissions as a file Foundation writes.
        let plain = dir.appendingPathComponent("plain.csv")
        try Data().write(to: plain)
        let mode = { (p: String) in try FileManager.default.attributesOfItem(atPath: p)[.posixPermissions] as? Int }
        #expect(try mode(path) == mode(plain.path))
        // Replacing an existing file.
        let again = OutputFile(path: path)
        try again.write(Array("new".utf8))
        try again.commit()
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        try again.commit()  // a second commit changes nothing
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        // A whole file (FileOutput) goes the same way.
        try FileOutput.write(Data("whole".utf8), toFile: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "whole")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("sub").path) == ["d.csv"])
    }

    @Test func uncommittedFilesLeaveNothing() throws {
        let dir = try TestPaths.tempFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            let file = OutputFile(path: dir.appendingPathComponent("d.csv").path)
            try file.write(Array("partial".utf8))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func aFolderAtThePathIsNamed() throws {
        let dir = try TestPaths.tempFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("taken")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("x".utf8).write(to: folder.appendingPathComponent("inside"))
        let file = OutputFile(path: folder.path)
        try file.write(Array("rows".utf8))
        #expect(throws: WriteError(path: folder.path, reason: "is a folder, not a file")) { try file.commit() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["taken"])
        let blocked = OutputFile(path: folder.appendingPathComponent("inside/d.csv").path)
        #expect(throws: WriteError.self) { try blocked.write(Array("rows".utf8)) }
    }
}
