import CFuzzDriver
import Foundation
import WarmPathKit

/// Helpers shared by the fuzz targets: the input as `Data`, and a private temporary folder or
/// file holding it, so readers that only take a `SourceContainer` see the bytes as a real export.
public enum FuzzInput {
    /// The fuzzer's bytes as `Data` (copied; the fuzzer owns the buffer).
    public static func data(_ bytes: UnsafePointer<UInt8>, _ size: Int) -> Data {
        Data(bytes: bytes, count: size)
    }

    /// A fresh folder under the system temporary folder, unique to this process.
    static func scratchFolder() -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("warmpath-fuzz-\(getpid())", isDirectory: true)
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes `data` to `relativePath` inside a fresh scratch folder and returns the folder's path
    /// (the container to import). The folder is reused and cleared at the next call.
    public static func folder(with data: Data, at relativePath: String) -> String {
        let root = scratchFolder()
        let file = root.appendingPathComponent(relativePath)
        try? FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try? data.write(to: file)
        return root.path
    }

    /// Writes `data` as a single file named `name` in a fresh scratch folder and returns its path.
    public static func file(with data: Data, named name: String) -> String {
        let root = scratchFolder()
        let file = root.appendingPathComponent(name)
        try? data.write(to: file)
        return file.path
    }

    /// Opens `path` as a source and runs `importer` on it. Errors are expected outcomes for
    /// hostile input; only a crash, a sanitizer report or a timeout is a finding.
    public static func importSource(_ importer: any SourceImporter, path: String) {
        guard let container = try? SourceContainer(path: path) else { return }
        _ = importer.detect(container)
        _ = try? importer.importSource(container, options: ImportOptions())
    }
}

extension FuzzInput {
    /// Whether `data` holds the UTF-8 bytes of `marker`.
    public static func contains(_ data: Data, _ marker: String) -> Bool {
        data.range(of: Data(marker.utf8)) != nil
    }

    /// Graph files: detection on the first 4 KB, then the reader of `kind` (and of the detected
    /// kind when it differs, so detection and reader are both exercised).
    public static func readGraph(_ data: Data, kind: GraphFileKind, fileName: String) {
        let detected = GraphDetection.detect(head: data.prefix(4096), fileName: fileName)
        // The census of unusual weights runs on every graph read, as in GraphFile.
        if let (r, _) = try? GraphFile.read(data, kind: kind, file: fileName, source: "fuzz") {
            _ = EdgeWeightCensus(r.document).summary
        }
        if let other = detected?.kind, other != kind {
            _ = try? GraphFile.read(data, kind: other, file: fileName, source: "fuzz")
        }
    }
}

/// Runs libFuzzer with the process arguments and `callback` as the test function, then exits
/// with libFuzzer's status.
public func runFuzzer(_ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
}
