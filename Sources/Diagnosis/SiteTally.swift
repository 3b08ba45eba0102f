/// Counting helpers of the rollup: counts by key and the deterministic "most common" choice.
struct SiteTally<Key: Hashable & Comparable> {
    private(set) var counts: [Key: Int] = [:]

    mutating func add(_ key: Key) { counts[key, default: 0] += 1 }

    /// The most counted key; ties go to the smallest key. `nil` when empty.
    var mostCommon: (key: Key, count: Int)? {
        var best: (key: Key, count: Int)?
        for (key, count) in counts {
            if let current = best, current.count > count || (current.count == count && current.key < key) { continue }
            best = (key, count)
        }
        return best
    }
}
