import FuzzSupport
import WarmPathKit

/// Config YAML: ``ScoringConfig/parse(yaml:path:base:)`` on the bytes decoded as UTF-8.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? ScoringConfig.parse(yaml: text, path: "fuzz.yaml")
    return 0
}

@main enum FuzzMain {
    static func main() { runFuzzer(fuzz) }
}
