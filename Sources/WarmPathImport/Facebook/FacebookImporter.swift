import Foundation
import WarmPathSupport
import WarmPathModel

/// Facebook's mojibake repair (FORMATS.md §2.4): Facebook writes each UTF-8 byte of a character
/// as its own `\u00XX` escape. When every scalar of a string is ≤ U+00FF, treat them as bytes
/// and decode UTF-8; keep the original when that is not valid UTF-8 (so running it twice, or on
/// an already-correct "é", is harmless).
public enum Mojibake {
    public static func repair(_ s: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        var sawHigh = false
        for u in s.unicodeScalars {
            guard u.value <= 0xFF else { return s }
            if u.value >= 0x80 { sawHigh = true }
            bytes.append(UInt8(u.value))
        }
        guard sawHigh else { return s }
        return String(validating: bytes, as: UTF8.self) ?? s
    }
}

/// Facebook "Download Your Information" (JSON), as a zip or folder, every layout of
/// FORMATS.md §2: friends in `friends/friends.json` (`friends`),
/// `friends_and_followers/friends.json` or `connections/friends/your_friends.json`
/// (`friends_v2`); Messenger threads `…/messages/inbox/<thread>/message_N.json` (merged over
/// parts, sorted later by the network builder) and the end-to-end-encrypted export (camelCase
/// keys, plain-string participants). Every string is mojibake-repaired.
///
/// Facebook gives names only: every person is a weak, name-only identity, merged with other
/// sources only by identity resolution's name rules, never by a deterministic key.
public struct FacebookImporter: SourceImporter {
    public init() {}
    public var kinds: [SourceKind] { [.facebook] }
    public var name: String { "Facebook archive (JSON)" }

    static let friendFiles = ["friends.json", "your_friends.json"]

    func isThreadFile(_ e: String) -> Bool {
        let base = (e as NSString).lastPathComponent.lowercased()
        return base.hasPrefix("message_") && base.hasSuffix(".json") && e.lowercased().contains("messages/")
    }

    public func detect(_ container: SourceContainer) -> Detection? {
        if container.entries.contains(where: isThreadFile) {
            return Detection(kind: .facebook, confidence: 85, reason: "Messenger message_N.json threads")
        }
        for f in container.find(Self.friendFiles) {
            if let head = try? container.head(f, bytes: 512),
                String(decoding: head, as: UTF8.self).contains("\"friends")
            {
                return Detection(kind: .facebook, confidence: 85, reason: "\(f) with a friends list")
            }
        }
        for e in container.entries where e.lowercased().hasSuffix(".json") {
            if let head = try? container.head(e, bytes: 4096) {
                let t = String(decoding: head, as: UTF8.self)
                if t.contains("\"threadName\"") || (t.contains("\"senderName\"") && t.contains("\"participants\"")) {
                    return Detection(
                        kind: .facebook, confidence: 75, reason: "\(e) is an end-to-end-encrypted Messenger export")
                }
            }
        }
        if container.entries.contains(where: { $0.lowercased().hasSuffix("your_friends.html") }) {
            return Detection(kind: .facebook, confidence: 60, reason: "an HTML Facebook export")
        }
        return nil
    }

    /// Mutable state while reading.
    struct Builder {
        var result: SourceImport
        var byName: [String: Int32] = [:]
        /// Raw (still mojibake-escaped) names already resolved: the same sender repeats on
        /// every message, and normalising a name (NFKC, folding) is the expensive part.
        var byRawName: [String: Int32] = [:]

        mutating func person(_ rawName: String, line: Int, file: String, location: String?) -> Int32? {
            if let i = byRawName[rawName] { return i }
            guard let i = resolve(rawName, line: line, file: file, location: location) else { return nil }
            byRawName[rawName] = i
            return i
        }

        private mutating func resolve(_ rawName: String, line: Int, file: String, location: String?) -> Int32? {
            let display = IdentityNormalizer.displayName(Mojibake.repair(rawName))
            let key = IdentityNormalizer.matchName(display)
            guard !key.isEmpty else { return nil }
            if let i = byName[key] { return i }
            let i = Int32(result.people.count)
            result.people.append(
                PersonRecord(
                    displayName: display, nameOnly: true,
                    provenance: Provenance(source: result.label, file: file, line: line, location: location)))
            byName[key] = i
            return i
        }
    }

    public func importSource(_ container: SourceContainer, options: ImportOptions) throws -> SourceImport {
        let label = options.label ?? "facebook"
        var b = Builder(result: SourceImport(kind: .facebook, path: container.path, label: label))
        if container.entries.contains(where: { $0.lowercased().hasSuffix(".html") })
            && !container.entries.contains(where: { $0.lowercased().hasSuffix(".json") })
        {
            throw ImportError.nothingUsable(
                path: container.path,
                reason:
                    "this Facebook export is in HTML; request it again in JSON format (Settings > Download your information > Format: JSON)"
            )
        }
        // Owner: profile_information.json when present.
        var ownerName: String?
        for f in container.find("profile_information.json") {
            if let v = try? JSONReader.parse(container.read(f), options: .lenient),
                let n = (v.value(at: "profile_v2.name.full_name") ?? v.value(at: "profile.name.full_name"))?.stringValue
            {
                ownerName = Mojibake.repair(n)
            }
        }
        // Threads first: they tell who the owner is when there is no profile file.
        var threads: [(file: String, value: JSONValue)] = []
        var e2ee: [(file: String, value: JSONValue)] = []
        for e in container.entries where e.lowercased().hasSuffix(".json") && !SourceContainer.isJunk(e) {
            let isThread = isThreadFile(e)
            let base = (e as NSString).lastPathComponent.lowercased()
            let isFriends = Self.friendFiles.contains(base)
            var maybeE2EE = false
            if !isThread && !isFriends {
                guard let head = try? container.head(e, bytes: 4096) else { continue }
                let t = String(decoding: head, as: UTF8.self)
                maybeE2EE = t.contains("\"senderName\"") || t.contains("\"threadName\"")
                if !maybeE2EE { continue }
            }
            let value: JSONValue
            do {
                value = try JSONReader.parse(container.read(e), options: [.trailingCommas, .controlCharacters])
            } catch let error as JSONParseError {
                b.result.issues.append(
                    ImportIssue(
                        source: label, file: e, line: error.line, severity: .error,
                        message: "not valid JSON at \(error.position), file skipped: \(error.message)",
                        location: error.path))
                continue
            } catch {
                b.result.issues.append(
                    ImportIssue(source: label, file: e, line: 0, severity: .error, message: "\(error)"))
                continue
            }
            b.result.issues += value.duplicateKeyIssues(source: label, file: e)
            if isFriends {
                readFriends(value, file: e, builder: &b)
            } else if isThread {
                threads.append((e, value))
            } else {
                e2ee.append((e, value))
            }
        }
        if ownerName == nil { ownerName = Self.guessOwner(threads: threads.map(\.value), e2ee: e2ee.map(\.value)) }
        var owner: Int32?
        if let ownerName {
            owner = b.person(ownerName, line: 0, file: "profile", location: nil)
            if let owner { b.result.people[Int(owner)].isOwner = true }
            b.result.owner = owner
        }
        // Friendships are owner ↔ friend: attach them now that the owner is known.
        let pending = b.result.interactions
        b.result.interactions = []
        var unattached = 0
        for var i in pending {
            if i.kind == .friendship {
                guard let owner else {
                    unattached += 1
                    continue
                }
                i.actor = owner
            }
            b.result.interactions.append(i)
        }
        if unattached > 0 {
            b.result.issues.append(
                ImportIssue(
                    source: label, file: "friends", line: 0, severity: .warning,
                    message:
                        "the archive owner could not be found (no profile_information.json, no threads): \(unattached) friendships kept as people only"
                ))
        }
        // Threads grouped by folder (message_1..N are one thread).
        var byFolder: [String: [(String, JSONValue)]] = [:]
        for (f, v) in threads { byFolder[(f as NSString).deletingLastPathComponent, default: []].append((f, v)) }
        for folder in byFolder.keys.sorted() {
            for (f, v) in byFolder[folder]!.sorted(by: { $0.0 < $1.0 }) {
                readThread(v, file: f, thread: folder, e2ee: false, builder: &b)
            }
        }
        for (f, v) in e2ee { readThread(v, file: f, thread: f, e2ee: true, builder: &b) }
        if b.result.people.isEmpty {
            // A thread that was there but broken is the cause: name it, with where it breaks.
            let broken = b.result.issues.filter { $0.severity == .error }
            var reason = "no friends list and no Messenger threads found"
            if let first = broken.first {
                reason =
                    "no friends list and no readable Messenger thread: \(first.file): \(first.message)"
                    + (first.location.map { " (at \($0))" } ?? "")
                    + (broken.count > 1 ? "; \(broken.count - 1) more file(s) could not be read" : "")
            }
            throw ImportError.nothingUsable(path: container.path, reason: reason)
        }
        return b.result
    }

    /// The participant present in the most threads (1:1 threads name the other person in `title`).
    static func guessOwner(threads: [JSONValue], e2ee: [JSONValue]) -> String? {
        var counts: [String: Int] = [:]
        for t in threads {
            let title = t["title"]?.stringValue.map(Mojibake.repair)
            for p in t["participants"]?.arrayValue ?? [] {
                guard let n = p["name"]?.stringValue.map(Mojibake.repair) else { continue }
                counts[n, default: 0] += n == title ? 0 : 2
            }
        }
        for t in e2ee {
            for p in t["participants"]?.arrayValue ?? [] {
                if let n = p.stringValue.map(Mojibake.repair) { counts[n, default: 0] += 1 }
            }
        }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
    }

    func readFriends(_ v: JSONValue, file: String, builder b: inout Builder) {
        let key = ["friends_v2", "friends"].first { v[$0]?.arrayValue != nil }
        guard let key, let list = v[key]?.arrayValue else {
            b.result.issues.append(
                ImportIssue(
                    source: b.result.label, file: file, line: 0, severity: .warning,
                    message: "no friends_v2 or friends list in this file", location: "$"))
            return
        }
        var summary = FileSummary(file: file, rows: list.count)
        for (i, f) in list.enumerated() {
            let path = "$.\(key)[\(i)]"
            guard let name = f["name"]?.stringValue, let p = b.person(name, line: 0, file: file, location: path) else {
                summary.skipped["friends without a name", default: 0] += 1
                b.result.issues.append(
                    ImportIssue(
                        source: b.result.label, file: file, line: 0, severity: .warning,
                        message: "friend without a name skipped", location: path))
                continue
            }
            summary.people += 1
            summary.interactions += 1
            var time: Double?
            if let stamp = f["timestamp"], let seconds = stamp.doubleValue {
                let reading = DateParser.readEpochSeconds(seconds)
                time = reading.seconds
                if time == nil {
                    b.result.issues.append(
                        ImportIssue(
                            source: b.result.label, file: file, line: 0, severity: .warning,
                            message: reading.keptWithoutDate(
                                field: "timestamp", value: stamp.numberText ?? "\(seconds)"),
                            location: "\(path).timestamp"))
                }
            }
            b.result.interactions.append(
                Interaction(
                    kind: .friendship, time: time,
                    actor: p, recipients: [p],
                    provenance: Provenance(source: b.result.label, file: file, line: 0, location: path)))
        }
        b.result.files.append(summary)
    }

    func readThread(_ v: JSONValue, file: String, thread: String, e2ee: Bool, builder b: inout Builder) {
        let label = b.result.label
        var participants: [Int32] = []
        for (i, p) in (v["participants"]?.arrayValue ?? []).enumerated() {
            let name = e2ee ? p.stringValue : p["name"]?.stringValue
            if let name, let idx = b.person(name, line: 0, file: file, location: "$.participants[\(i)]") {
                participants.append(idx)
            }
        }
        let isGroup = Set(participants).count >= 3
        guard let messages = v["messages"]?.arrayValue else {
            b.result.issues.append(
                ImportIssue(
                    source: label, file: file, line: 0, severity: .warning,
                    message: "thread without a messages list skipped", location: "$.messages"))
            return
        }
        var summary = FileSummary(file: file, rows: messages.count)
        for (i, m) in messages.enumerated() {
            let path = "$.messages[\(i)]"
            let sender = (e2ee ? m["senderName"] : m["sender_name"])?.stringValue
            let ms = (e2ee ? m["timestamp"] : m["timestamp_ms"])?.doubleValue
            guard let sender, let actor = b.person(sender, line: 0, file: file, location: path) else {
                summary.skipped["messages without a sender", default: 0] += 1
                b.result.issues.append(
                    ImportIssue(
                        source: label, file: file, line: 0, severity: .warning,
                        message: "message without a sender skipped", location: path))
                continue
            }
            guard let ms else {
                summary.skipped["messages without a time", default: 0] += 1
                b.result.issues.append(
                    ImportIssue(
                        source: label, file: file, line: 0, severity: .warning,
                        message: "message without a timestamp skipped", location: path))
                continue
            }
            // A time outside the plausible years keeps the message (and the person), without a time.
            let reading = DateParser.readEpochMilliseconds(ms)
            let time = reading.seconds
            if time == nil {
                let key = e2ee ? "timestamp" : "timestamp_ms"
                let raw = (e2ee ? m["timestamp"] : m["timestamp_ms"])?.numberText ?? "\(ms)"
                b.result.issues.append(
                    ImportIssue(
                        source: label, file: file, line: 0, severity: .warning,
                        message: reading.keptWithoutDate(field: key, value: raw), location: "\(path).\(key)"))
            }
            if !participants.contains(actor) { participants.append(actor) }
            let content = (e2ee ? m["text"] : m["content"])?.stringValue.map(Mojibake.repair)
            var flags: InteractionFlags = []
            if content?.isEmpty ?? true { flags.insert(.empty) }
            if m["is_unsent"]?.boolValue == true || m["isUnsent"]?.boolValue == true { flags.insert(.empty) }
            let prov = Provenance(source: label, file: file, line: 0, location: path)
            b.result.interactions.append(
                Interaction(
                    kind: .message, time: time, actor: actor, recipients: participants.filter { $0 != actor },
                    thread: thread, isGroup: isGroup, text: content, flags: flags, provenance: prov))
            summary.interactions += 1
            for (j, r) in (m["reactions"]?.arrayValue ?? []).enumerated() {
                guard let who = r["actor"]?.stringValue,
                    let reactor = b.person(who, line: 0, file: file, location: "\(path).reactions[\(j)]"),
                    reactor != actor
                else { continue }
                b.result.interactions.append(
                    Interaction(
                        kind: .reaction, time: time, actor: reactor, recipients: [actor], thread: thread,
                        isGroup: isGroup, detail: r["reaction"]?.stringValue.map(Mojibake.repair),
                        provenance: Provenance(source: label, file: file, line: 0, location: "\(path).reactions[\(j)]"))
                )
                summary.interactions += 1
            }
        }
        summary.people = participants.count
        b.result.files.append(summary)
    }
}
