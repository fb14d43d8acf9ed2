import Foundation
import WarmPathSupport
import WarmPathModel

/// Address books: vCard 2.1/3.0/4.0 (`.vcf`), xCard (XML), jCard (JSON), Google Contacts CSV and
/// Outlook CSV — one file, or a folder of them. Cards become people with e-mails, phones,
/// organisations and titles that join identities across sources. An address book has no
/// owner and carries no dated interaction: an entry alone is weak evidence of a relationship.
public struct ContactsImporter: SourceImporter {
    public init() {}
    public var kinds: [SourceKind] { [.vcard, .xcard, .jcard, .googleContacts, .outlookContacts] }
    public var name: String { "contacts (vCard, xCard, jCard, Google CSV, Outlook CSV)" }

    /// What a file is, from its first bytes.
    static func sniff(_ head: [UInt8]) -> SourceKind? {
        // xCard in UTF-16 is read (libxml2 decodes it); the other contact formats are UTF-8 only.
        if let utf8 = UTF16Sniff.utf8(head) { return sniffUTF8(utf8) == .xcard ? .xcard : nil }
        return sniffUTF8(head)
    }

    static func sniffUTF8(_ head: [UInt8]) -> SourceKind? {
        var h = head
        if h.starts(with: [0xEF, 0xBB, 0xBF]) { h.removeFirst(3) }
        let text = String(decoding: h.prefix(4096), as: UTF8.self)
        let trimmed = text.drop(while: { $0.isWhitespace })
        if trimmed.uppercased().hasPrefix("BEGIN:VCARD") { return .vcard }
        if trimmed.hasPrefix("<"), text.contains("urn:ietf:params:xml:ns:vcard-4.0") || text.contains("<vcards") {
            return .xcard
        }
        if trimmed.hasPrefix("["), text.replacingOccurrences(of: " ", with: "").lowercased().contains("[\"vcard\"") {
            return .jcard
        }
        if let firstLine = text.split(whereSeparator: \.isNewline).first {
            let fields = firstLine.split(separator: ",").map {
                String($0).trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
            }
            switch ContactsCSVReader.flavor(ofHeader: fields) {
            case .google: return .googleContacts
            case .outlook: return .outlookContacts
            case nil: break
            }
        }
        return nil
    }

    func files(_ container: SourceContainer) -> [(String, SourceKind)] {
        var out: [(String, SourceKind)] = []
        for e in container.entries where !SourceContainer.isJunk(e) {
            let ext = (e as NSString).pathExtension.lowercased()
            guard ["vcf", "vcard", "xml", "json", "csv", "txt", ""].contains(ext) else { continue }
            guard let head = try? container.head(e, bytes: 4096), let k = Self.sniff(head) else { continue }
            out.append((e, k))
        }
        return out
    }

    public func detect(_ container: SourceContainer) -> Detection? {
        let found = files(container)
        guard let first = found.first else { return nil }
        // Other archives (LinkedIn, Facebook, X) may hold contact files too; a container that is
        // only address books is certain, a mixed one is left to the archive importers.
        let certainty = found.count * 2 >= container.entries.count ? 70 : 20
        return Detection(kind: first.1, confidence: certainty, reason: "\(first.0) is \(first.1.rawValue)")
    }

    public func importSource(_ container: SourceContainer, options: ImportOptions) throws -> SourceImport {
        let found = files(container)
        guard let kind = found.first?.1 else {
            throw ImportError.nothingUsable(
                path: container.path, reason: "no vCard, xCard, jCard, Google or Outlook contacts file")
        }
        let label = options.label ?? kind.rawValue
        var result = SourceImport(kind: kind, path: container.path, label: label)
        var index: [IdentityKey: Int32] = [:]
        for (entry, k) in found {
            let data: Data
            do { data = try container.read(entry) } catch {
                result.issues.append(
                    ImportIssue(source: label, file: entry, line: 0, severity: .error, message: "\(error)"))
                continue
            }
            var cards: [ContactCard] = []
            var summary = FileSummary(file: entry)
            switch k {
            case .vcard:
                let parsed = VCardReader.parse(data, file: entry, source: label)
                cards = parsed.cards.map(\.contactCard)
                result.issues += parsed.issues
                summary.rows = parsed.cards.count
            case .jcard:
                do {
                    let v = try JSONReader.parse(data, options: .lenient)
                    result.issues += v.duplicateKeyIssues(source: label, file: entry)
                    let r = JCardReader.cards(v, file: entry, source: label)
                    cards = r.cards
                    result.issues += r.issues
                    summary.rows = r.cards.count
                } catch {
                    result.issues.append(
                        ImportIssue(
                            source: label, file: entry, line: error.line, severity: .error,
                            message: "not valid JSON at \(error.position): \(error.message)", location: error.path))
                    continue
                }
            case .xcard:
                do {
                    let r = try XCardReader.cards(data, file: entry, source: label)
                    cards = r.cards
                    result.issues += r.issues
                    summary.rows = r.cards.count
                } catch {
                    result.issues.append(
                        ImportIssue(source: label, file: entry, line: 0, severity: .error, message: "\(error)"))
                    continue
                }
            case .googleContacts, .outlookContacts:
                do {
                    let table = try CSVTable.open(data, file: entry, source: label)
                    let r = ContactsCSVReader.cards(table)
                    cards = r.cards
                    result.issues += r.issues
                    summary.rows = r.rows
                    if r.skipped > 0 { summary.skipped["empty contacts"] = r.skipped }
                } catch {
                    result.issues.append(
                        ImportIssue(source: label, file: entry, line: 0, severity: .error, message: "\(error)"))
                    continue
                }
            default: continue
            }
            for c in cards {
                if c.isEmpty {
                    summary.skipped["empty contacts", default: 0] += 1
                    result.issues.append(
                        ImportIssue(
                            source: label, file: entry, line: c.line, severity: .info,
                            message: "contact without a name, e-mail or phone skipped", location: c.location))
                    continue
                }
                let rec = c.record(
                    provenance: Provenance(source: label, file: entry, line: c.line, location: c.location))
                // The same person twice in one address book (shared e-mail) is one record.
                let keys = rec.emails.map(IdentityKey.email) + rec.profileURLs.map(IdentityKey.profileURL)
                if let existing = keys.lazy.compactMap({ index[$0] }).first {
                    var r = result.people[Int(existing)]
                    r.emails = Array(Set(r.emails + rec.emails)).sorted()
                    r.phones = Array(Set(r.phones + rec.phones)).sorted()
                    if r.company.isEmpty { r.company = rec.company }
                    if r.position.isEmpty { r.position = rec.position }
                    result.people[Int(existing)] = r
                    continue
                }
                let i = Int32(result.people.count)
                result.people.append(rec)
                for k in keys { index[k] = i }
                summary.people += 1
            }
            result.files.append(summary)
        }
        result.counters["contacts"] = result.people.count
        if result.people.isEmpty && result.issues.contains(where: { $0.severity == .error }) {
            throw ImportError.nothingUsable(
                path: container.path, reason: result.issues.first { $0.severity == .error }!.message)
        }
        return result
    }
}
