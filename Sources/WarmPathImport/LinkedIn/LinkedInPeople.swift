import Foundation
import WarmPathSupport
import WarmPathModel

/// The people of one LinkedIn archive while it is read: one ``PersonRecord`` per distinct
/// identity (canonical profile URL, else e-mail, else normalised name for name-only people),
/// plus the indexes used to join files that carry no URL.
struct LinkedInPeople: Sendable {
    private(set) var records: [PersonRecord] = []
    private var byURL: [String: LocalPersonRef] = [:]
    private var byEmail: [String: LocalPersonRef] = [:]
    private var byURN: [String: LocalPersonRef] = [:]
    private var byName: [String: LocalPersonRef] = [:]
    /// Connections by normalised full name (several people may share a name).
    private var connectionsByName: [String: [LocalPersonRef]] = [:]
    /// Records created since the counter was last read (for per-file summaries).
    private(set) var created = 0
    /// Canonical URLs and match names: files repeat the same few hundred values tens of
    /// thousands of times.
    private var urls = StringMemo<String?>(IdentityNormalizer.canonicalProfileURL)
    private var names = StringMemo<String>(IdentityNormalizer.matchName)

    /// ``IdentityNormalizer/canonicalProfileURL(_:)``, memoised.
    mutating func canonicalURL(_ raw: String) -> String? { raw.isEmpty ? nil : urls[raw] }

    /// ``IdentityNormalizer/matchName(_:)``, memoised.
    mutating func matchName(_ raw: String) -> String { raw.isEmpty ? "" : names[raw] }

    /// What a file says about one person.
    struct Mention {
        var firstName = ""
        var lastName = ""
        /// Full display name when first/last are not given separately.
        var fullName = ""
        var url = ""
        var urn = ""
        var email = ""
        var company = ""
        var position = ""
    }

    mutating func resetCreated() -> Int {
        defer { created = 0 }
        return created
    }

    subscript(ref: LocalPersonRef) -> PersonRecord {
        get { records[Int(ref)] }
        set { records[Int(ref)] = newValue }
    }

    static func displayName(_ m: Mention) -> String {
        let raw =
            m.fullName.isEmpty ? [m.firstName, m.lastName].filter { !$0.isEmpty }.joined(separator: " ") : m.fullName
        return IdentityNormalizer.displayName(raw)
    }

    static func matchKey(_ m: Mention) -> String {
        if !m.fullName.isEmpty { return IdentityNormalizer.matchName(m.fullName) }
        // `Olsen, PMP`: credentials are dropped from the last name only.
        let last = IdentityNormalizer.matchName(m.lastName)
        let first = IdentityNormalizer.matchName(m.firstName)
        return [first, last].filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Adds a record directly (the owner) and indexes its keys.
    mutating func add(_ record: PersonRecord) -> LocalPersonRef {
        let ref = LocalPersonRef(records.count)
        records.append(record)
        created += 1
        for u in record.profileURLs where byURL[u] == nil { byURL[u] = ref }
        for e in record.emails where byEmail[e] == nil { byEmail[e] = ref }
        return ref
    }

    /// Attaches a canonical URL to an existing record (the owner's URL found in messages).
    mutating func attach(url: String, to ref: LocalPersonRef) {
        guard byURL[url] == nil else { return }
        byURL[url] = ref
        if !records[Int(ref)].profileURLs.contains(url) { records[Int(ref)].profileURLs.append(url) }
    }

    mutating func attach(email: String, to ref: LocalPersonRef) {
        guard byEmail[email] == nil else { return }
        byEmail[email] = ref
        if !records[Int(ref)].emails.contains(email) { records[Int(ref)].emails.append(email) }
    }

    func lookup(url: String) -> LocalPersonRef? { byURL[url] }

    /// Registers a connection's name so that URL-less files (recommendations, 2018 messages,
    /// URN invitations) can be joined to it.
    mutating func indexConnection(_ ref: LocalPersonRef, mention m: Mention) {
        let key = LinkedInPeople.matchKey(m)
        guard !key.isEmpty else { return }
        if !(connectionsByName[key]?.contains(ref) ?? false) { connectionsByName[key, default: []].append(ref) }
    }

    /// The connection with this name; with several namesakes the one at `company` (normalised),
    /// else nil (ambiguous).
    func connection(named m: Mention) -> LocalPersonRef? {
        let key = LinkedInPeople.matchKey(m)
        guard !key.isEmpty, let refs = connectionsByName[key] else { return nil }
        if refs.count == 1 { return refs[0] }
        let company = IdentityNormalizer.matchName(m.company)
        guard !company.isEmpty else { return nil }
        let hits = refs.filter { IdentityNormalizer.matchName(records[Int($0)].company) == company }
        return hits.count == 1 ? hits[0] : nil
    }

    /// The person a file row mentions: found by canonical URL, e-mail or URN, else (when the row
    /// gives no URL) by name among connections and name-only people, else created. Returns nil
    /// when the mention carries no identity at all.
    /// - Parameter canonical: `m.url` is already canonical (or empty).
    mutating func resolve(_ m: Mention, canonical: Bool = false, provenance: Provenance, joinByName: Bool)
        -> LocalPersonRef?
    {
        let url = canonical ? (m.url.isEmpty ? nil : m.url) : canonicalURL(m.url)
        let email = m.email.isEmpty ? nil : IdentityNormalizer.email(m.email)
        if let url, let ref = byURL[url] {
            // The common case (a known person mentioned again): fill only what is missing.
            fill(ref, m, email: email)
            return ref
        }
        let urn = m.urn.isEmpty ? "" : m.urn.trimmingCharacters(in: .whitespaces).lowercased()
        let name = LinkedInPeople.displayName(m)
        if let email, let ref = byEmail[email] {
            if let url, records[Int(ref)].profileURLs.isEmpty { attach(url: url, to: ref) }
            fill(ref, m, email: nil)
            return ref
        }
        if !urn.isEmpty, let ref = byURN[urn] {
            fill(ref, m, email: nil)
            return ref
        }
        if url == nil && email == nil {
            let key = LinkedInPeople.matchKey(m)
            if joinByName, let ref = connection(named: m) {
                if !urn.isEmpty && byURN[urn] == nil { byURN[urn] = ref }
                return ref
            }
            if !key.isEmpty, let ref = byName[key] {
                if !urn.isEmpty && byURN[urn] == nil { byURN[urn] = ref }
                fill(ref, m, email: nil)
                return ref
            }
            guard !key.isEmpty || !urn.isEmpty else { return nil }
            var rec = PersonRecord(
                displayName: name, firstName: m.firstName, lastName: m.lastName, company: m.company,
                position: m.position, nameOnly: true, provenance: provenance)
            if !urn.isEmpty { rec.attributes["linkedin.urn"] = urn }
            let ref = add(rec)
            if !key.isEmpty { byName[key] = ref }
            if !urn.isEmpty { byURN[urn] = ref }
            return ref
        }
        let rec = PersonRecord(
            displayName: name, firstName: m.firstName, lastName: m.lastName, company: m.company, position: m.position,
            profileURLs: url.map { [$0] } ?? [], emails: email.map { [$0] } ?? [], provenance: provenance)
        let ref = add(rec)
        if !urn.isEmpty { byURN[urn] = ref }
        return ref
    }

    /// Fills empty fields of an existing record from a later mention.
    private mutating func fill(_ ref: LocalPersonRef, _ m: Mention, email: String?) {
        let i = Int(ref)
        if records[i].displayName.isEmpty { records[i].displayName = LinkedInPeople.displayName(m) }
        if records[i].firstName.isEmpty && !m.firstName.isEmpty { records[i].firstName = m.firstName }
        if records[i].lastName.isEmpty && !m.lastName.isEmpty { records[i].lastName = m.lastName }
        if records[i].company.isEmpty && !m.company.isEmpty { records[i].company = m.company }
        if records[i].position.isEmpty && !m.position.isEmpty { records[i].position = m.position }
        if let email { attach(email: email, to: ref) }
    }

    /// Gives every record a display name (the URL slug, else the e-mail) when no file named it.
    mutating func finish() {
        for i in records.indices where records[i].displayName.isEmpty {
            if let u = records[i].profileURLs.first, let slug = u.split(separator: "/").last {
                records[i].displayName = String(slug)
            } else if let e = records[i].emails.first {
                records[i].displayName = e
            }
        }
    }
}

/// A function of a string, computed once per distinct argument.
struct StringMemo<Value: Sendable>: Sendable {
    private var known: [String: Value] = [:]
    private let make: @Sendable (String) -> Value

    init(_ make: @escaping @Sendable (String) -> Value) { self.make = make }

    subscript(_ key: String) -> Value {
        mutating get {
            if let v = known[key] { return v }
            let v = make(key)
            known[key] = v
            return v
        }
    }
}
