import Foundation
import WarmPathSupport
import WarmPathModel

/// X / Twitter archive (FORMATS.md §3): `data/*.js` files wrapped in
/// `window.YTD.<kind>.partN = [...]` (a trailing `;`, comments and multi-part files tolerated),
/// the owner from `account.js` (or the manifest's `userInfo`), followers and following
/// (undated, ids only), direct messages and group DMs. Account ids are kept as decimal strings:
/// 19-digit ids exceed 2^53 and never pass through floating point.
public struct TwitterImporter: SourceImporter {
    public init() {}
    public var kinds: [SourceKind] { [.twitter] }
    public var name: String { "X / Twitter archive" }

    static func kind(of entry: String) -> String? {
        let base = (entry as NSString).lastPathComponent.lowercased()
        guard base.hasSuffix(".js") else { return nil }
        var stem = String(base.dropLast(3))
        if let r = stem.range(of: "-part", options: .backwards), stem[r.upperBound...].allSatisfy(\.isNumber) {
            stem = String(stem[..<r.lowerBound])
        }
        return stem
    }

    public func detect(_ container: SourceContainer) -> Detection? {
        for e in container.entries where Self.kind(of: e) != nil {
            guard let head = try? container.head(e, bytes: 256) else { continue }
            let t = String(decoding: head, as: UTF8.self)
            if t.contains("window.YTD.") || t.contains("window.__THAR_CONFIG") {
                return Detection(kind: .twitter, confidence: 90, reason: "\(e) with the window.YTD wrapper")
            }
        }
        return nil
    }

    struct Builder {
        var result: SourceImport
        var byID: [String: Int32] = [:]

        mutating func person(_ id: String, file: String, location: String) -> Int32 {
            if let i = byID[id] { return i }
            let i = Int32(result.people.count)
            result.people.append(
                PersonRecord(
                    displayName: "X account \(id)", xAccounts: [id],
                    attributes: ["x_user_link": "https://twitter.com/intent/user?user_id=\(id)"],
                    provenance: Provenance(source: result.label, file: file, line: 0, location: location)))
            byID[id] = i
            return i
        }
    }

    /// Ids arrive as strings; a number is accepted from its exact text (never via Double).
    static func id(_ v: JSONValue?) -> String? {
        guard let v else { return nil }
        if let s = v.stringValue, !s.isEmpty, s.allSatisfy(\.isNumber) { return s }
        if let n = v.numberText, n.allSatisfy(\.isNumber) { return n }
        return nil
    }

    public func importSource(_ container: SourceContainer, options: ImportOptions) throws -> SourceImport {
        let label = options.label ?? "twitter"
        var b = Builder(result: SourceImport(kind: .twitter, path: container.path, label: label))
        var files: [String: [String]] = [:]
        for e in container.entries where !SourceContainer.isJunk(e) {
            if let k = Self.kind(of: e) { files[k, default: []].append(e) }
        }
        func parse(_ e: String) -> JSONValue? {
            do {
                let v = try JSONReader.parse(container.read(e), options: .lenient)
                b.result.issues += v.duplicateKeyIssues(source: label, file: e)
                return v
            } catch let error as JSONParseError {
                b.result.issues.append(
                    ImportIssue(
                        source: label, file: e, line: error.line, severity: .error,
                        message:
                            "not readable as JSON or a JavaScript literal at \(error.position), file skipped: \(error.message)",
                        location: error.path))
            } catch {
                b.result.issues.append(
                    ImportIssue(source: label, file: e, line: 0, severity: .error, message: "\(error)"))
            }
            return nil
        }
        // Owner.
        var ownerID: String?
        var ownerName: String?
        var ownerHandle: String?
        for e in (files["account"] ?? []).sorted() {
            guard let v = parse(e) else { continue }
            let a = v[0]?["account"]
            ownerID = Self.id(a?["accountId"]) ?? ownerID
            ownerName = a?["accountDisplayName"]?.stringValue ?? ownerName
            ownerHandle = a?["username"]?.stringValue ?? ownerHandle
            b.result.files.append(FileSummary(file: e, rows: v.arrayValue?.count ?? 0, people: 1))
        }
        if ownerID == nil, let m = files["manifest"]?.first, let v = parse(m) {
            ownerID = Self.id(v["userInfo"]?["accountId"])
            ownerName = v["userInfo"]?["displayName"]?.stringValue
            ownerHandle = v["userInfo"]?["userName"]?.stringValue
        }
        if let ownerID {
            let o = b.person(ownerID, file: "account.js", location: "$[0].account")
            b.result.people[Int(o)].isOwner = true
            if let ownerName { b.result.people[Int(o)].displayName = IdentityNormalizer.displayName(ownerName) }
            if let ownerHandle { b.result.people[Int(o)].attributes["x_handle"] = ownerHandle }
            b.result.owner = o
        }
        // Follows.
        for (kind, key) in [("follower", "follower"), ("following", "following")] {
            for e in (files[kind] ?? []).sorted() {
                guard let v = parse(e), let list = v.arrayValue else { continue }
                var summary = FileSummary(file: e, rows: list.count)
                for (i, item) in list.enumerated() {
                    let path = "$[\(i)].\(key)"
                    guard let id = Self.id(item[key]?["accountId"]) else {
                        summary.skipped["entries without an account id", default: 0] += 1
                        b.result.issues.append(
                            ImportIssue(
                                source: label, file: e, line: 0, severity: .warning,
                                message: "\(key) entry without an accountId skipped", location: path))
                        continue
                    }
                    guard let owner = b.result.owner else {
                        summary.skipped["follows without a known owner", default: 0] += 1
                        _ = b.person(id, file: e, location: path)
                        continue
                    }
                    let p = b.person(id, file: e, location: path)
                    summary.people += 1
                    summary.interactions += 1
                    let prov = Provenance(source: label, file: e, line: 0, location: path)
                    b.result.interactions.append(
                        kind == "follower"
                            ? Interaction(kind: .follow, time: nil, actor: p, recipients: [owner], provenance: prov)
                            : Interaction(kind: .follow, time: nil, actor: owner, recipients: [p], provenance: prov))
                }
                b.result.files.append(summary)
            }
        }
        // Direct messages (1:1 and group).
        for kind in ["direct-messages", "direct-messages-group"] {
            for e in (files[kind] ?? []).sorted() {
                guard let v = parse(e), let list = v.arrayValue else { continue }
                var summary = FileSummary(file: e)
                for (ci, conv) in list.enumerated() {
                    let cpath = "$[\(ci)].dmConversation"
                    guard let c = conv["dmConversation"], let msgs = c["messages"]?.arrayValue else {
                        b.result.issues.append(
                            ImportIssue(
                                source: label, file: e, line: 0, severity: .warning,
                                message: "item without dmConversation.messages skipped", location: "$[\(ci)]"))
                        continue
                    }
                    let convID = c["conversationId"]?.stringValue ?? "\(e)#\(ci)"
                    var members = Set<String>()
                    for m in msgs {
                        if let mc = m["messageCreate"] {
                            if let s = Self.id(mc["senderId"]) { members.insert(s) }
                            if let r = Self.id(mc["recipientId"]) { members.insert(r) }
                        }
                        for k in ["participantsJoin", "joinConversation", "participantsLeave"] {
                            for u in m[k]?["userIds"]?.arrayValue ?? [] {
                                if let id = Self.id(u) { members.insert(id) }
                            }
                            if let id = Self.id(m[k]?["initiatingUserId"]) { members.insert(id) }
                        }
                    }
                    if kind == "direct-messages" && members.count < 2 {
                        for part in convID.split(separator: "-") where part.allSatisfy(\.isNumber) {
                            members.insert(String(part))
                        }
                    }
                    let isGroup = kind == "direct-messages-group" || members.count >= 3
                    for (mi, m) in msgs.enumerated() {
                        let mpath = "\(cpath).messages[\(mi)]"
                        summary.rows += 1
                        if let mc = m["messageCreate"] {
                            guard let sender = Self.id(mc["senderId"]) else {
                                summary.skipped["messages without a sender", default: 0] += 1
                                b.result.issues.append(
                                    ImportIssue(
                                        source: label, file: e, line: 0, severity: .warning,
                                        message: "message without senderId skipped", location: mpath))
                                continue
                            }
                            let created = mc["createdAt"]?.stringValue
                            let reading = created.map(DateParser.read) ?? .unreadable
                            // Out of range keeps the message (and the people), without a time;
                            // no date or an unreadable one skips it.
                            if case .outOfRange = reading, let created {
                                b.result.issues.append(
                                    ImportIssue(
                                        source: label, file: e, line: 0, severity: .warning,
                                        message: reading.keptWithoutDate(field: "createdAt", value: created),
                                        location: "\(mpath).messageCreate.createdAt"))
                            } else if reading.seconds == nil {
                                summary.skipped["messages without a date", default: 0] += 1
                                b.result.issues.append(
                                    ImportIssue(
                                        source: label, file: e, line: 0, severity: .warning,
                                        message: "message without a valid createdAt skipped", location: mpath))
                                continue
                            }
                            let t = reading.seconds
                            let actor = b.person(sender, file: e, location: mpath)
                            let recipients = members.subtracting([sender]).sorted().map {
                                b.person($0, file: e, location: mpath)
                            }
                            let text = mc["text"]?.stringValue
                            b.result.interactions.append(
                                Interaction(
                                    kind: .message, time: t, actor: actor, recipients: recipients, thread: convID,
                                    isGroup: isGroup, text: text, flags: (text ?? "").isEmpty ? .empty : [],
                                    provenance: Provenance(source: label, file: e, line: 0, location: mpath)))
                            summary.interactions += 1
                            // Reactions nested in the message.
                            for (ri, r) in (mc["reactions"]?.arrayValue ?? []).enumerated() {
                                guard
                                    let who = Self.id(r["senderId"] ?? r["reactionSenderId"] ?? r["reactionSenderID"]),
                                    who != sender
                                else { continue }
                                // A reaction without its own plausible time takes the message's.
                                let rt =
                                    (r["createdAt"] ?? r["reactionCreatedAt"])?.stringValue.flatMap(DateParser.parse)
                                    ?? t
                                b.result.interactions.append(
                                    Interaction(
                                        kind: .reaction, time: rt, actor: b.person(who, file: e, location: mpath),
                                        recipients: [actor], thread: convID, isGroup: isGroup,
                                        detail: (r["reactionKey"] ?? r["reaction"])?.stringValue,
                                        provenance: Provenance(
                                            source: label, file: e, line: 0, location: "\(mpath).reactions[\(ri)]")))
                                summary.interactions += 1
                            }
                        } else if m["reactionCreate"] != nil || m["participantsJoin"] != nil
                            || m["participantsLeave"] != nil
                            || m["joinConversation"] != nil || m["conversationNameUpdate"] != nil
                        {
                            continue  // membership and reaction bookkeeping, not conversation
                        } else {
                            summary.skipped["unknown DM items", default: 0] += 1
                            b.result.issues.append(
                                ImportIssue(
                                    source: label, file: e, line: 0, severity: .info,
                                    message: "unknown direct-message item kind skipped", location: mpath))
                        }
                    }
                }
                summary.people =
                    Set(b.result.interactions.filter { $0.provenance.file == e }.flatMap { [$0.actor] + $0.recipients })
                    .count
                b.result.files.append(summary)
            }
        }
        if b.result.people.isEmpty && !b.result.issues.isEmpty {
            throw ImportError.nothingUsable(path: container.path, reason: b.result.issues[0].message)
        }
        if b.result.people.isEmpty {
            b.result.issues.append(
                ImportIssue(
                    source: label, file: "data", line: 0, severity: .info,
                    message: "the archive has no account, follows or direct messages"))
        }
        return b.result
    }
}
