/// How reports write measured numbers. Milliseconds are rounded to 0.001 ms (a microsecond, finer
/// than anything a probe measures meaningfully) when a report is encoded, so JSON shows `138.85`
/// rather than the binary noise of `138.85000000000002` left by sums and means. Rounding an
/// already rounded value changes nothing; non-finite values pass through unchanged.
public enum ReportNumber {
    /// Decimal places kept for milliseconds.
    public static let millisecondDecimals = 3

    /// `value` rounded to ``millisecondDecimals`` decimals.
    public static func milliseconds(_ value: Double) -> Double {
        guard value.isFinite else { return value }
        let scaled = value * 1_000
        // Beyond 2^52 a double has no fractional part left to round.
        guard abs(scaled) < 4_503_599_627_370_496 else { return value }
        return scaled.rounded() / 1_000
    }

    /// Any measured figure (a percentage, a ratio, a mean count) rounded to three decimals, as
    /// milliseconds are.
    public static func thousandths(_ value: Double) -> Double { milliseconds(value) }
}

extension KeyedEncodingContainer {
    /// Encodes a millisecond value rounded by ``ReportNumber/milliseconds(_:)``.
    public mutating func encodeMilliseconds(_ value: Double, forKey key: Key) throws {
        try encode(ReportNumber.milliseconds(value), forKey: key)
    }

    /// Encodes a rounded millisecond value, or JSON `null` ("not measured") for nil.
    public mutating func encodeMilliseconds(_ value: Double?, forKey key: Key) throws {
        try encode(value.map(ReportNumber.milliseconds), forKey: key)
    }
}
