import FuzzSupport
import WarmPathKit

/// JSON graphs (node-link, Cytoscape, graphology): content detection on the head, then `GraphFile.read` as .nodeLink.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    FuzzInput.readGraph(FuzzInput.data(data, size), kind: .nodeLink, fileName: "fuzz.json")
    return 0
}

@main enum FuzzMain {
    static func main() { runFuzzer(fuzz) }
}
