import WarmPathSupport
import WarmPathModel
import WarmPathImport

/// String comparison used by identity resolution and target matching.
///
/// Everything here works on names already passed through ``IdentityNormalizer/matchName(_:)``
/// (NFKC, case and diacritics folded, credentials and emoji removed), so `𝐌𝐚𝐫𝐭𝐚 Olsen, PMP`
/// and `Marta Olsen` compare equal.
public enum NameMatching {
    /// Jaro–Winkler similarity in [0, 1] (prefix scale 0.1, prefix up to 4 characters).
    ///
    /// ```
    /// NameMatching.jaroWinkler("martha", "marhta") // ≈ 0.961
    /// ```
    /// - Complexity: O(|a| · |b|) in the worst case, O(|a| + |b|) for typical names.
    public static func jaroWinkler(_ a: String, _ b: String) -> Double {
        let s1 = Array(a.unicodeScalars)
        let s2 = Array(b.unicodeScalars)
        if s1.isEmpty && s2.isEmpty { return 1 }
        if s1.isEmpty || s2.isEmpty { return 0 }
        if s1 == s2 { return 1 }
        let window = max(0, max(s1.count, s2.count) / 2 - 1)
        var m1 = [Bool](repeating: false, count: s1.count)
        var m2 = [Bool](repeating: false, count: s2.count)
        var matches = 0
        for i in 0..<s1.count {
            let lo = max(0, i - window)
            let hi = min(s2.count - 1, i + window)
            if lo > hi { continue }
            for j in lo...hi where !m2[j] && s1[i] == s2[j] {
                m1[i] = true
                m2[j] = true
                matches += 1
                break
            }
        }
        if matches == 0 { return 0 }
        var transpositions = 0
        var k = 0
        for i in 0..<s1.count where m1[i] {
            while !m2[k] { k += 1 }
            if s1[i] != s2[k] { transpositions += 1 }
            k += 1
        }
        let m = Double(matches)
        let jaro = (m / Double(s1.count) + m / Double(s2.count) + (m - Double(transpositions / 2)) / m) / 3
        var prefix = 0
        while prefix < min(4, s1.count, s2.count) && s1[prefix] == s2[prefix] { prefix += 1 }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }

    /// Company name for comparison: ``IdentityNormalizer/matchName(_:)`` of the text before any
    /// comma is **not** applied (commas are common in `Fjord Analytics, AS`); instead the whole
    /// name is folded and legal-form suffixes (`inc`, `ltd`, `llc`, `gmbh`, `as`, `ab`, `sa`,
    /// `bv`, `plc`, `corp`, `co`, `company`, `limited`) are dropped.
    ///
    /// ```
    /// NameMatching.company("Fjord Analytics, AS") == "fjord analytics"
    /// ```
    public static func company(_ raw: String) -> String {
        // Commas become spaces (matchName would cut at the first comma); 0x2C never occurs
        // inside a multi-byte UTF-8 sequence.
        let spaced = raw.utf8.contains(44) ? String(decoding: raw.utf8.map { $0 == 44 ? 32 : $0 }, as: UTF8.self) : raw
        let folded = IdentityNormalizer.matchName(spaced)
        var words = folded.split(separator: " ").map(String.init)
        while let last = words.last, words.count > 1, legalForms.contains(last) { words.removeLast() }
        return words.joined(separator: " ")
    }

    static let legalForms: Set<String> = [
        "inc", "ltd", "llc", "gmbh", "as", "asa", "ab", "sa", "bv", "nv", "plc", "corp", "corporation", "co",
        "company", "limited", "ag", "srl", "spa", "oy", "aps", "sas", "pty",
    ]
}

/// A person's name split for matching: first and last token of the normalised name (middle
/// names ignored), with the first name possibly only an initial (`J. Smith`).
public struct NameParts: Sendable, Hashable {
    public var first: String
    public var last: String

    /// Uses the record's first/last name fields when present, else splits the display name.
    public init(first rawFirst: String, last rawLast: String, display: String) {
        let f = IdentityNormalizer.matchName(rawFirst)
        let l = IdentityNormalizer.matchName(rawLast)
        if !f.isEmpty || !l.isEmpty {
            let fTokens = f.split(separator: " ")
            let lTokens = l.split(separator: " ")
            first = fTokens.first.map(String.init) ?? ""
            last = lTokens.last.map(String.init) ?? ""
            if last.isEmpty, fTokens.count > 1 { last = String(fTokens.last!) }
            return
        }
        let tokens = IdentityNormalizer.matchName(display).split(separator: " ")
        first = tokens.count > 1 ? String(tokens[0]) : ""
        last = tokens.last.map(String.init) ?? ""
    }

    public init(display: String) { self.init(first: "", last: "", display: display) }

    /// One letter: the record gives only an initial.
    public var firstIsInitial: Bool { first.unicodeScalars.count == 1 }
    public var isEmpty: Bool { first.isEmpty && last.isEmpty }
    public var initial: String { first.isEmpty ? "" : String(first.unicodeScalars.first!) }
}
