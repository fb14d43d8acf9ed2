import FuzzSupport
import WarmPathKit

/// Contacts: the same bytes through the vCard, xCard and jCard readers.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = FuzzInput.data(data, size)
    _ = VCardReader.parse(bytes, file: "fuzz.vcf", source: "fuzz")
    _ = try? XCardReader.cards(bytes, file: "fuzz.xml", source: "fuzz")
    if let value = try? JSONReader.parse(bytes) {
        _ = JCardReader.cards(value, file: "fuzz.json", source: "fuzz")
    }
    return 0
}

@main enum FuzzMain {
    static func main() { runFuzzer(fuzz) }
}
