import Foundation
import WarmPathSupport
import WarmPathModel

/// An address-book entry in a form common to vCard, xCard, jCard, Google and Outlook CSV.
public struct ContactCard: Sendable, Hashable {
    public var displayName: String = ""
    public var firstName: String = ""
    public var lastName: String = ""
    public var organization: String = ""
    public var title: String = ""
    public var emails: [String] = []
    public var phones: [String] = []
    public var urls: [String] = []
    public var categories: [String] = []
    /// Physical line (or 0) and a path for structured formats.
    public var line: Int = 0
    public var location: String?

    public init() {}

    /// Anything that identifies a person: a name, an e-mail or a phone.
    public var isEmpty: Bool {
        displayName.isEmpty && firstName.isEmpty && lastName.isEmpty && emails.isEmpty && phones.isEmpty
    }

    /// The contact as a person record: e-mails (deterministic keys), LinkedIn URLs, phones;
    /// a card with only a name is a weak, name-only identity.
    public func record(provenance: Provenance) -> PersonRecord {
        var name = displayName
        if name.isEmpty { name = [firstName, lastName].filter { !$0.isEmpty }.joined(separator: " ") }
        if name.isEmpty { name = organization }
        if name.isEmpty { name = emails.first ?? phones.first ?? "" }
        let cleanEmails = Array(Set(emails.compactMap(IdentityNormalizer.email))).sorted()
        let cleanPhones = Array(Set(phones.compactMap(IdentityNormalizer.phone))).sorted()
        let linkedIn = Array(
            Set(
                urls.filter { $0.lowercased().contains("linkedin.com/in/") }
                    .compactMap(IdentityNormalizer.canonicalProfileURL))
        ).sorted()
        var attributes: [String: String] = [:]
        if !categories.isEmpty { attributes["categories"] = categories.joined(separator: ";") }
        return PersonRecord(
            displayName: IdentityNormalizer.displayName(name), firstName: firstName, lastName: lastName,
            company: organization, position: title, profileURLs: linkedIn, emails: cleanEmails, phones: cleanPhones,
            nameOnly: cleanEmails.isEmpty && linkedIn.isEmpty && cleanPhones.isEmpty, attributes: attributes,
            provenance: provenance)
    }
}

extension VCard {
    /// The card's identity fields.
    public var contactCard: ContactCard {
        var c = ContactCard()
        c.line = line
        c.displayName = formattedName
        if let n = first("N")?.components {
            c.lastName = (n.first ?? "").trimmingCharacters(in: .whitespaces)
            c.firstName = (n.count > 1 ? n[1] : "").trimmingCharacters(in: .whitespaces)
        }
        if let org = first("ORG")?.components.first { c.organization = org.trimmingCharacters(in: .whitespaces) }
        if let t = first("TITLE")?.text { c.title = t.trimmingCharacters(in: .whitespaces) }
        c.emails = all("EMAIL").map { $0.text.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        c.phones = all("TEL").map {
            var v = $0.text.trimmingCharacters(in: .whitespaces)
            if v.lowercased().hasPrefix("tel:") { v.removeFirst(4) }
            if let semi = v.firstIndex(of: ";") { v = String(v[..<semi]) }
            return v
        }.filter { !$0.isEmpty }
        c.urls = (all("URL") + all("X-SOCIALPROFILE")).map { $0.text.trimmingCharacters(in: .whitespaces) }
        c.categories = all("CATEGORIES").flatMap { VCardReader.split($0.rawValue, on: ",").map(VCardReader.unescape) }
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return c
    }
}

/// jCard (RFC 7095): `["vcard", [[name, params, type, value…], …]]`, or an array of those.
public enum JCardReader {
    public static func cards(_ value: JSONValue, file: String, source: String) -> (
        cards: [ContactCard], issues: [ImportIssue]
    ) {
        var cards: [ContactCard] = []
        var issues: [ImportIssue] = []
        func one(_ v: JSONValue, path: String) {
            guard let arr = v.arrayValue, arr.count >= 2, arr[0].stringValue?.lowercased() == "vcard",
                let props = arr[1].arrayValue
            else {
                issues.append(
                    ImportIssue(
                        source: source, file: file, line: 0, severity: .warning,
                        message: "not a jCard (expected [\"vcard\", [...]]); skipped", location: path))
                return
            }
            var c = ContactCard()
            c.location = path
            for (i, p) in props.enumerated() {
                guard let pa = p.arrayValue, pa.count >= 4, let name = pa[0].stringValue?.lowercased() else {
                    issues.append(
                        ImportIssue(
                            source: source, file: file, line: 0, severity: .warning,
                            message: "jCard property is not [name, params, type, value]; skipped",
                            location: "\(path)[1][\(i)]"))
                    continue
                }
                let values = Array(pa[3...])
                func flat(_ v: JSONValue) -> [String] {
                    if let a = v.arrayValue { return a.flatMap(flat) }
                    return v.scalarText.map { [$0] } ?? []
                }
                let firstText = values.first.flatMap { $0.arrayValue == nil ? $0.scalarText : nil } ?? ""
                switch name {
                case "fn": c.displayName = firstText
                case "n":
                    if let comps = values.first?.arrayValue {
                        c.lastName = comps.first.map { flat($0).joined(separator: " ") } ?? ""
                        c.firstName = comps.count > 1 ? flat(comps[1]).joined(separator: " ") : ""
                    }
                case "org":
                    c.organization = values.first.map { flat($0).first ?? "" } ?? ""
                case "title": c.title = firstText
                case "email": c.emails.append(firstText)
                case "tel":
                    var t = firstText
                    if t.lowercased().hasPrefix("tel:") { t.removeFirst(4) }
                    if let semi = t.firstIndex(of: ";") { t = String(t[..<semi]) }
                    c.phones.append(t)
                case "url": c.urls.append(firstText)
                case "categories": c.categories += values.flatMap(flat)
                default: break
                }
            }
            cards.append(c)
        }
        if let arr = value.arrayValue, arr.first?.stringValue?.lowercased() == "vcard" {
            one(value, path: "$")
        } else if let arr = value.arrayValue {
            for (i, v) in arr.enumerated() { one(v, path: "$[\(i)]") }
        } else {
            issues.append(
                ImportIssue(
                    source: source, file: file, line: 0, severity: .error,
                    message: "not a jCard document", location: "$"))
        }
        return (cards, issues)
    }
}

/// Google Contacts CSV (current and legacy headers) and Outlook CSV (desktop and Outlook.com).
public enum ContactsCSVReader {
    public enum Flavor: Sendable { case google, outlook }

    /// Which flavor a header is, or nil.
    public static func flavor(ofHeader header: [String]) -> Flavor? {
        let names = Set(header.map(CSVTable.normalizedName))
        if names.contains("email1value") || names.contains("givenname") && names.contains("familyname") {
            return .google
        }
        if names.contains("emailaddress") && names.contains("firstname")
            && (names.contains("businessphone") || names.contains("jobtitle") || names.contains("company"))
        {
            return .outlook
        }
        return nil
    }

    public static func cards(_ table: CSVTable) -> (
        cards: [ContactCard], issues: [ImportIssue], rows: Int, skipped: Int
    ) {
        let norm = table.header.map(CSVTable.normalizedName)
        func cols(where pred: (String) -> Bool) -> [CSVColumn] {
            norm.enumerated().filter { pred($0.element) }.map {
                CSVColumn(index: $0.offset, name: table.header[$0.offset])
            }
        }
        // Variable groups: `E-mail N - Value`, `Phone N - Value`, `Website N - Value`.
        func numbered(_ prefix: String, _ suffix: String) -> [CSVColumn] {
            norm.indices.filter {
                let n = norm[$0]
                guard n.hasPrefix(prefix), n.hasSuffix(suffix) else { return false }
                let mid = n.dropFirst(prefix.count).dropLast(suffix.count)
                return !mid.isEmpty && mid.allSatisfy(\.isNumber)
            }.map { CSVColumn(index: $0, name: table.header[$0]) }
        }
        let flavor = flavor(ofHeader: table.header) ?? .google
        let first = table.column("First Name", "Given Name")
        let last = table.column("Last Name", "Family Name")
        let full = table.column("Name", "Display Name", "File As")
        let org = table.column("Organization Name", "Organization 1 - Name", "Company")
        let title = table.column("Organization Title", "Organization 1 - Title", "Job Title")
        let labels = table.column("Labels", "Group Membership", "Categories")
        var emailCols = numbered("email", "value")
        emailCols += cols { ["emailaddress", "email2address", "email3address"].contains($0) }
        let phoneCols =
            numbered("phone", "value")
            + cols { $0.hasSuffix("phone") || $0.hasSuffix("phone2") || $0 == "primaryphone" }
        let webCols = numbered("website", "value") + cols { $0 == "webpage" }
        var reader = table.records()
        var cards: [ContactCard] = []
        var skipped = 0
        while let r = reader.next() {
            func multi(_ c: CSVColumn) -> [String] {
                r[c].components(separatedBy: " ::: ").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                    !$0.isEmpty
                }
            }
            var c = ContactCard()
            c.line = r.line
            c.firstName = r[first].trimmingCharacters(in: .whitespaces)
            c.lastName = r[last].trimmingCharacters(in: .whitespaces)
            c.displayName = r[full].trimmingCharacters(in: .whitespaces)
            if flavor == .outlook || c.displayName.isEmpty {
                c.displayName = [c.firstName, r[table.column("Middle Name", "Additional Name")], c.lastName]
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
            }
            c.organization = r[org].trimmingCharacters(in: .whitespaces)
            c.title = r[title].trimmingCharacters(in: .whitespaces)
            c.emails = emailCols.flatMap(multi)
            c.phones = phoneCols.flatMap(multi)
            c.urls = webCols.flatMap(multi)
            c.categories =
                labels.map { l in
                    r[l].components(separatedBy: flavor == .outlook ? ";" : " ::: ").map {
                        var s = $0.trimmingCharacters(in: .whitespaces)
                        if s.hasPrefix("* ") { s.removeFirst(2) }
                        return s
                    }.filter { !$0.isEmpty }
                } ?? []
            if c.isEmpty {
                skipped += 1
                continue
            }
            cards.append(c)
        }
        return (cards, table.issues + reader.issues, reader.rows, skipped)
    }
}
