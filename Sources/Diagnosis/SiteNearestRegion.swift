/// Which region the agents of a site found nearest, and how much they agree.
public struct SiteNearestRegion: Sendable, Equatable, Codable {
    /// The region most agents found nearest (ties: the alphabetically first); `nil` when none had one.
    public let majority: String?
    /// Share of the agents with a nearest region that agree with `majority`.
    public let agreementPercent: Double?
    /// Every nearest region with its agents, most first.
    public let counts: [SiteCount]
    /// Agents without a nearest region (no region answered).
    public let none: Int

    public init(majority: String?, agreementPercent: Double?, counts: [SiteCount], none: Int) {
        self.majority = majority
        self.agreementPercent = agreementPercent
        self.counts = counts
        self.none = none
    }

    private enum CodingKeys: String, CodingKey {
        case majority, agreementPercent, counts, none
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(majority, forKey: .majority)
        try c.encode(agreementPercent, forKey: .agreementPercent)
        try c.encode(counts, forKey: .counts)
        try c.encode(none, forKey: .none)
    }
}
