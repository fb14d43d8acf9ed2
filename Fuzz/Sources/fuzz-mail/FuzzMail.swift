import Foundation
import FuzzSupport
import WarmPathKit

/// Mail: the bytes as an mbox (`mail.mbox`), scanned in memory in odd-sized chunks by
/// ``MboxScanner`` and imported from a file by ``MailImporter``; the header decoders (RFC 2047,
/// address lists, dates) see every header value on the way.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = FuzzInput.data(data, size)
    _ = MboxScanner.scan(bytes: [UInt8](bytes), entry: "mail.mbox", label: "fuzz")
    _ = MboxScanner.scan(bytes: [UInt8](bytes), entry: "mail.eml", label: "fuzz", single: true)
    FuzzInput.importSource(MailImporter(), path: FuzzInput.folder(with: bytes, at: "Takeout/Mail/mail.mbox"))
    return 0
}

@main enum FuzzMain {
    static func main() { runFuzzer(fuzz) }
}
