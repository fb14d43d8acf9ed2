import Foundation
import FuzzSupport
import WarmPathKit

/// X / Twitter archive: the bytes as `data/NAME.js`, NAME taken from the `window.YTD.NAME.part0`
/// wrapper in the bytes (default `direct-messages`), imported by ``TwitterImporter``.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = FuzzInput.data(data, size)
    FuzzInput.importSource(TwitterImporter(), path: FuzzInput.folder(with: bytes, at: "data/\(fileStem(bytes)).js"))
    return 0
}

/// The archive file stem named by the wrapper, limited to letters and `-`.
func fileStem(_ bytes: Data) -> String {
    let marker = Array("window.YTD.".utf8)
    let head = Array(bytes.prefix(128))
    guard head.count > marker.count,
        let start = (0...(head.count - marker.count)).first(where: { Array(head[$0..<$0 + marker.count]) == marker })
    else { return "direct-messages" }
    var stem = ""
    for b in head[(start + marker.count)...] {
        if b == UInt8(ascii: ".") { break }
        if b == UInt8(ascii: "_") || b == UInt8(ascii: "-") {
            stem.append("-")
        } else if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(b | 0x20) {
            stem.append(Character(UnicodeScalar(b | 0x20)))
        } else {
            break
        }
        if stem.count >= 40 { break }
    }
    return stem.isEmpty ? "direct-messages" : stem
}

@main enum FuzzMain {
    static func main() { runFuzzer(fuzz) }
}
