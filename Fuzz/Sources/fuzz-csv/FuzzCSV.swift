import FuzzSupport
import WarmPathKit

/// CSVTable: header search, encoding detection, every record and field.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = FuzzInput.data(data, size)
    guard let table = try? CSVTable.open(bytes, file: "fuzz.csv", source: "fuzz") else { return 0 }
    var reader = table.records()
    while let record = reader.next() {
        _ = record.fields
        _ = record.isBlank
    }
    _ = reader.issues
    return 0
}

@main enum FuzzMain {
    static func main() { runFuzzer(fuzz) }
}
