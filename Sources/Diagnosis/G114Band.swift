/// ITU-T G.114 one-way mouth-to-ear delay budget: below 150 ms preferred; 150 to 400 ms
/// acceptable with an impact on conversation; above 400 ms unacceptable.
public enum G114Band: String, Sendable, Codable, CaseIterable {
    case preferred
    case acceptableWithImpact = "acceptable-with-impact"
    case unacceptable

    /// The upper bound (exclusive) of `preferred`, in ms.
    public static let preferredLimitMs = 150.0
    /// The upper bound (inclusive) of `acceptableWithImpact`, in ms.
    public static let acceptableLimitMs = 400.0

    /// The band of a one-way delay in ms; `nil` when it is negative or not finite.
    public init?(oneWayDelayMs: Double) {
        guard oneWayDelayMs.isFinite, oneWayDelayMs >= 0 else { return nil }
        if oneWayDelayMs < Self.preferredLimitMs {
            self = .preferred
        } else if oneWayDelayMs <= Self.acceptableLimitMs {
            self = .acceptableWithImpact
        } else {
            self = .unacceptable
        }
    }
}
