import WarmPathSupport
import WarmPathModel
import WarmPathImport
import WarmPathAnalysis

/// `rate-these.csv`: about 50 scored people spread over the strength deciles, for the user to
/// rate (`your_strength` 0–4, `would_introduce` yes/no) and give back to `warmpath calibrate`.
///
/// The sample is deterministic: inside each decile the people with the smallest stable hash of
/// their person id (FNV-1a over ``seed`` + id) are taken, so the same network gives the same
/// people on every run and shuffled input changes nothing.
///
/// ```
/// files.append(RateTheseReport.csv(book, network: n))
/// ```
public enum RateTheseReport {
    public static let columns = ["person_id", "name", "company", "strength", "your_strength", "would_introduce"]
    /// People asked for by default.
    public static let defaultCount = 50
    /// Mixed into the hash so the sample is not simply the smallest person ids.
    public static let seed = "warmpath-rate-these/1:"

    /// The sampled people (indices into the network), sorted by person id.
    /// - Complexity: O(P log P) for P scored people.
    public static func sample(_ book: ScoreBook, network: Network, count: Int = defaultCount) -> [Int32] {
        var scored: [Int32] = []
        for (i, p) in book.people.enumerated() where p.scored && Int32(i) != book.owner { scored.append(Int32(i)) }
        let people = network.people
        let byID: (Int32, Int32) -> Bool = { people[Int($0)].id < people[Int($1)].id }
        guard count > 0 else { return [] }
        if scored.count <= count { return scored.sorted(by: byID) }
        // Weakest first, ties by person id; ten consecutive deciles.
        scored.sort {
            let a = book.people[Int($0)].strength
            let b = book.people[Int($1)].strength
            return a != b ? a < b : byID($0, $1)
        }
        var out: [Int32] = []
        let n = scored.count
        for d in 0..<10 {
            let decile = scored[(n * d / 10)..<(n * (d + 1) / 10)]
            let quota = count * (d + 1) / 10 - count * d / 10
            let ranked = decile.map { (StableHash.fnv1a(seed + people[Int($0)].id.rawValue), $0) }
                .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : byID($0.1, $1.1) }
            out += ranked.prefix(quota).map(\.1)
        }
        return out.sorted(by: byID)
    }

    /// `person_id,name,company,strength,your_strength,would_introduce`, the last two blank.
    public static func csv(_ book: ScoreBook, network: Network, count: Int = defaultCount) -> ReportFile {
        var w = CSVWriter(header: columns)
        for i in sample(book, network: network, count: count) {
            let p = network.people[Int(i)]
            w.row([p.id.rawValue, p.name, p.company, Format.fixed(book.people[Int(i)].strength, 4), "", ""])
        }
        return w.file(named: "rate-these.csv")
    }
}
