import Foundation
import Testing
import ZIPFoundation
@testable import WarmPathSupport
@testable import WarmPathModel
@testable import WarmPathImport

/// Zip archives and special files as sources: entries indexed once, bounded sniffing, sizes
/// enforced while inflating, duplicate and encrypted entries named, FIFOs refused.
@Suite struct ZipContainerTests {
    /// Builds `<tmp>/<uuid>.zip` from (path, bytes) pairs, in order (a path may repeat).
    static func makeZip(_ members: [(String, Data)], method: CompressionMethod = .deflate) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wp-zip-\(UUID().uuidString).zip")
        let archive = try Archive(url: url, accessMode: .create)
        for (name, data) in members {
            try archive.addEntry(
                with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: method,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        return url
    }

    /// Offset of the first central-directory header (`PK\1\2`).
    static func centralHeader(_ bytes: [UInt8]) throws -> Int {
        let sig: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
        var found: Int?
        var i = bytes.count - 4
        while i >= 0 {
            if Array(bytes[i..<i + 4]) == sig { found = i }
            i -= 1
        }
        if let found { return found }
        throw ImportError.malformed(path: "test zip", line: 0, reason: "no central directory header")
    }

    static func putLE32(_ value: UInt32, _ bytes: inout [UInt8], at offset: Int) {
        for k in 0..<4 { bytes[offset + k] = UInt8((value >> (8 * UInt32(k))) & 0xFF) }
    }

    @Test func fiveThousandEntriesAreIndexedOnce() throws {
        // The real check is that the work is linear: the central directory is read once into a
        // dictionary, and each read goes straight to its entry. Before, each read looked its entry up
        // with ZIPFoundation's `archive[path]`, a scan of the directory, so 5,000 reads cost
        // 12.5 million entry parses (41-58 s). The bound below is a generous smoke check only, far
        // above the time a linear read takes even on a loaded machine.
        let members = (0..<5_000).map { i in
            (String(format: "data/part-%05d.csv", i), Data("First Name,Last Name\nAda,Lovelace \(i)\n".utf8))
        }
        let zip = try Self.makeZip(members)
        defer { try? FileManager.default.removeItem(at: zip) }
        let clock = ContinuousClock()
        let start = clock.now
        let container = try SourceContainer(path: zip.path)
        #expect(container.entries.count == 5_000)
        var total = 0
        for entry in container.entries {
            total += try container.read(entry).count
            total += try container.head(entry, bytes: 8).count
        }
        let elapsed = clock.now - start
        #expect(total == members.reduce(0) { $0 + $1.1.count + 8 })
        #expect(elapsed < .seconds(10), "5,000 entries took \(elapsed)")
    }

    @Test func storedAndDeflatedMembersReadBackAndAChangedByteIsNamed() throws {
        let text = Data((0..<2_000).map { "row \($0),Ana Ruiz,Acme\n" }.joined().utf8)
        for method in [CompressionMethod.none, .deflate] {
            let zip = try Self.makeZip([("Connections.csv", text)], method: method)
            defer { try? FileManager.default.removeItem(at: zip) }
            #expect(try SourceContainer(path: zip.path).read("Connections.csv") == text)
            // One byte of the member's data changed: zlib or the CRC-32 check names it.
            var bytes = [UInt8](try Data(contentsOf: zip))
            let at = 30 + "Connections.csv".utf8.count + 100
            bytes[at] ^= 0x5A
            try Data(bytes).write(to: zip)
            #expect {
                _ = try SourceContainer(path: zip.path).read("Connections.csv")
            } throws: { error in
                "\(error)".contains("Connections.csv") && "\(error)".contains("damaged archive entry")
            }
        }
    }

    @Test func duplicateEntriesAreReportedAndTheFirstIsRead() throws {
        let vcf = try Data(contentsOf: TestPaths.fixture("contacts/iphone.vcf"))
        let zip = try Self.makeZip([
            ("contacts.vcf", vcf), ("contacts.vcf", Data("BEGIN:VCARD\nVERSION:3.0\nFN:Second Copy\nEND:VCARD\n".utf8)),
        ])
        defer { try? FileManager.default.removeItem(at: zip) }
        let container = try SourceContainer(path: zip.path)
        #expect(container.entries == ["contacts.vcf"])
        #expect(container.duplicateEntries == ["contacts.vcf"])
        #expect(try container.read("contacts.vcf") == vcf)

        let result = try ContactsImporter().importing(container, options: ImportOptions(label: "contacts"))
        let issue = try #require(result.issues.first)
        #expect(issue.source == "contacts")
        #expect(issue.file == "\(zip.path):contacts.vcf")
        #expect(issue.message.contains("duplicate zip entry 'contacts.vcf'"))
        #expect(issue.message.contains("the first one was read"))
        #expect(!result.people.contains { $0.displayName.contains("Second Copy") })

        // The loader every command uses carries the issue into import-issues.csv.
        let loaded = SourceLoader(options: ImportOptions()).load([zip.path])
        let imported = try #require(loaded.first?.result)
        #expect(imported.issues.contains { $0.message.contains("duplicate zip entry 'contacts.vcf'") })
    }

    @Test func aMemberWhoseHeaderLiesIsCutAtTheLimit() throws {
        let real = Data(repeating: UInt8(ascii: "a"), count: 3 << 20)
        let zip = try Self.makeZip([("Connections.csv", real)])
        defer { try? FileManager.default.removeItem(at: zip) }
        var bytes = [UInt8](try Data(contentsOf: zip))
        let cd = try Self.centralHeader(bytes)
        Self.putLE32(100, &bytes, at: cd + 24)  // uncompressed size: 100 bytes
        try Data(bytes).write(to: zip)

        let limits = ImportLimits(maxFileBytes: 1 << 20, maxCompressionRatio: 1_000_000)
        let container = try SourceContainer(path: zip.path, limits: limits)
        #expect(container.size(of: "Connections.csv") == 100)
        #expect(try container.head("Connections.csv", bytes: 16) == [UInt8](repeating: UInt8(ascii: "a"), count: 16))
        let error = #expect(throws: ImportError.self) { try container.read("Connections.csv") }
        let text = error?.description ?? ""
        #expect(text.hasPrefix("\(zip.path):Connections.csv: member too large"))
        #expect(text.contains("its header declares 100 bytes"))
        #expect(text.contains("its real size is over 1,048,576 bytes"))
        #expect(text.contains("--max-file-mb"))
    }

    @Test func aZipBombIsRefusedFromItsHeaderWithoutInflating() throws {
        // 1.5 GB declared from a few KB: refused by the compression ratio before any inflation
        // (a real 1.5 GB member of zeros was measured by hand; see docs/limits.md).
        let zip = try Self.makeZip([("messages.csv", Data(repeating: 0, count: 8 << 20))])
        defer { try? FileManager.default.removeItem(at: zip) }
        var bytes = [UInt8](try Data(contentsOf: zip))
        let cd = try Self.centralHeader(bytes)
        Self.putLE32(1_500_000_000, &bytes, at: cd + 24)
        try Data(bytes).write(to: zip)

        let container = try SourceContainer(path: zip.path)
        let error = #expect(throws: ImportError.self) { try container.read("messages.csv") }
        #expect(error?.description.contains("1,500,000,000 bytes from") == true)
        #expect(error?.description.contains("over 100 times (a zip bomb?); not inflated") == true)
        // Nothing recognised: the refusal is what the user reads.
        let detectError = #expect(throws: ImportError.self) { try ImporterRegistry.standard.detect(container) }
        #expect(detectError?.description.contains("zip bomb") == true)
    }

    @Test func anHonestBombIsCutWhileInflating() throws {
        // 8 MB of zeros deflate to about 8 KB: the ratio bound (100 times, at least 1 MB) stops it.
        let zip = try Self.makeZip([("messages.csv", Data(repeating: 0, count: 8 << 20))])
        defer { try? FileManager.default.removeItem(at: zip) }
        var bytes = [UInt8](try Data(contentsOf: zip))
        let cd = try Self.centralHeader(bytes)
        Self.putLE32(1_000, &bytes, at: cd + 24)  // and the header lies
        try Data(bytes).write(to: zip)
        let container = try SourceContainer(path: zip.path)
        let error = #expect(throws: ImportError.self) { try container.read("messages.csv") }
        #expect(
            error?.description.contains("its header declares 1,000 bytes, its real size is over 1,048,576 bytes")
                == true)
        #expect(error?.description.contains("100 times its compressed size") == true)
    }

    @Test func anEncryptedEntryIsNamed() throws {
        let zip = try Self.makeZip([
            ("Connections.csv", Data("First Name,Last Name,Connected On\n".utf8)),
            ("Profile.csv", Data("First Name,Last Name\n".utf8)),
        ])
        defer { try? FileManager.default.removeItem(at: zip) }
        var bytes = [UInt8](try Data(contentsOf: zip))
        bytes[6] |= 1  // local header general-purpose flag, bit 0: encrypted
        let cd = try Self.centralHeader(bytes)
        bytes[cd + 8] |= 1  // and in the central directory
        try Data(bytes).write(to: zip)

        let container = try SourceContainer(path: zip.path)
        let error = #expect(throws: ImportError.self) { try container.read("Connections.csv") }
        #expect(error?.description == "\(zip.path):Connections.csv: cannot be read: encrypted entry, not supported")
        #expect(throws: ImportError.self) { try container.head("Connections.csv", bytes: 8) }
        // ZIPFoundation stops listing at an encrypted entry; the entries after it are named too.
        #expect(container.entries == ["Connections.csv", "Profile.csv"])
        let after = #expect(throws: ImportError.self) { try container.read("Profile.csv") }
        #expect(after?.description.contains("follows an encrypted entry") == true)
        let detectError = #expect(throws: ImportError.self) { try ImporterRegistry.standard.detect(container) }
        #expect(detectError?.description.contains("encrypted entry, not supported") == true)
    }

    @Test func aFIFOIsRefusedWithoutBeingRead() throws {
        let dir = try TestPaths.tempFolder([:])
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("Connections.csv").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // Opening a FIFO for reading would wait for a writer forever; the check never opens it.
        let error = #expect(throws: ImportError.self) { try SourceContainer(path: fifo) }
        #expect(error?.description == "\(fifo): cannot be read: not a regular file or folder, but a named pipe (FIFO)")
        #expect(throws: ImportError.self) { try SourceContainer(files: [fifo]) }
        // Inside a folder, it is not an entry.
        #expect(try SourceContainer(path: dir.path).entries.isEmpty)
    }

    @Test func aDeviceIsRefused() throws {
        let error = #expect(throws: ImportError.self) { try SourceContainer(path: "/dev/null") }
        #expect(error?.description == "/dev/null: cannot be read: not a regular file or folder, but a character device")
    }

    @Test func permissionDeniedIsNamed() {
        // The tests run as root, which ignores file modes: the translation is checked directly.
        let error = SourceContainer.unreadable(path: "/data/Connections.csv", error: POSIXError(.EACCES))
        #expect(error.description == "/data/Connections.csv: cannot be read: permission denied")
        let cocoa = CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: "/data/Connections.csv"])
        #expect(
            SourceContainer.unreadable(path: "/data/Connections.csv", error: cocoa).description.hasSuffix(
                "permission denied"))
    }
}
