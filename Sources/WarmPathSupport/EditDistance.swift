/// Levenshtein distance, for "did you mean …?" suggestions (config keys, subcommands).
///
/// ```
/// EditDistance.distance("reprot", "report")                              // 2
/// EditDistance.closest(to: "reprot", among: ["report", "paths"])          // "report"
/// ```
public enum EditDistance {
    /// Insertions, deletions and substitutions (on UTF-8 bytes) that turn `a` into `b`.
    /// - Complexity: O(a.count × b.count) time, O(b.count) memory.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.utf8)
        let b = Array(b.utf8)
        if a.isEmpty { return b.count }
        var prev = Array(0...b.count)
        var cur = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            cur[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[b.count]
    }

    /// The candidate closest to `word` within `maxDistance` edits; the earliest one on a tie;
    /// nil when none is that close.
    public static func closest(to word: String, among candidates: [String], maxDistance: Int = 3) -> String? {
        var best: (distance: Int, name: String)?
        for c in candidates {
            let d = distance(word, c)
            if d <= maxDistance, best.map({ d < $0.distance }) ?? true { best = (d, c) }
        }
        return best?.name
    }
}
