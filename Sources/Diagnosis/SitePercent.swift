/// Shares in percent as the site report stores them: rounded to one decimal, always within
/// 0...100 for counts within their total, and 0 when the total is 0 (never NaN).
enum SitePercent {
    static func of(_ part: Int, _ total: Int) -> Double {
        guard total > 0 else { return 0 }
        let raw = Double(part) * 100 / Double(total)
        return min(max((raw * 10).rounded() / 10, 0), 100)
    }

    /// A value rounded to one decimal (milliseconds in the site report).
    static func tenth(_ value: Double) -> Double {
        guard value.isFinite else { return value }
        return (value * 10).rounded() / 10
    }
}
