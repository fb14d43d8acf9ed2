extension Array where Element: Comparable {
    /// The elements in ascending order, equal ones in their original order (as `sorted()`).
    ///
    /// Sorts indices rather than elements: the standard sort copies large elements (retaining
    /// and releasing every string they hold) at each merge step. An array already in order is
    /// returned as it is.
    /// - Complexity: O(n) when already sorted, else O(n log n) comparisons and one copy per element.
    package func sortedByIndex() -> [Element] {
        var ordered = true
        for i in indices.dropFirst() where self[i] < self[i - 1] {
            ordered = false
            break
        }
        if ordered { return self }
        return indices.sorted { self[$0] < self[$1] }.map { self[$0] }
    }
}
