import FuzzSupport
import WarmPathKit

/// Facebook archive JSON: the bytes as the friends list, an end-to-end encrypted Messenger thread
/// or a classic `message_1.json` thread (by a marker in the bytes), imported by ``FacebookImporter``.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = FuzzInput.data(data, size)
    let name: String
    if FuzzInput.contains(bytes, "\"friends") {
        name = "connections/friends/your_friends.json"
    } else if FuzzInput.contains(bytes, "\"threadName\"") {
        name = "messenger_e2ee/Fuzz_1.json"
    } else {
        name = "your_facebook_activity/messages/inbox/fuzz_1/message_1.json"
    }
    FuzzInput.importSource(FacebookImporter(), path: FuzzInput.folder(with: bytes, at: name))
    return 0
}

@main enum FuzzMain {
    static func main() { runFuzzer(fuzz) }
}
