/// How a region's site median RTT (the median of the agents' medians) moved between two runs.
public struct SiteRegionShift: Sendable, Equatable, Codable {
    public let region: String
    public let baselineMedianMs: Double?
    public let currentMedianMs: Double?
    /// `current - baseline`, ms; `nil` unless both were measured.
    public let deltaMs: Double?

    public init(region: String, baselineMedianMs: Double?, currentMedianMs: Double?) {
        self.region = region
        self.baselineMedianMs = baselineMedianMs
        self.currentMedianMs = currentMedianMs
        if let baselineMedianMs, let currentMedianMs {
            deltaMs = SitePercent.tenth(currentMedianMs - baselineMedianMs)
        } else {
            deltaMs = nil
        }
    }

    private enum CodingKeys: String, CodingKey {
        case region, baselineMedianMs, currentMedianMs, deltaMs
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(region, forKey: .region)
        try c.encode(baselineMedianMs, forKey: .baselineMedianMs)
        try c.encode(currentMedianMs, forKey: .currentMedianMs)
        try c.encode(deltaMs, forKey: .deltaMs)
    }
}
