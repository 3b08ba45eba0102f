/// The queue-routed detour across a site's agents: for the agents whose reports estimated
/// routing through the site's most common far region, the median (and nearest-rank p95) of
/// their detours and of their one-way mouth-to-ear delays on each path.
public struct SiteRoutingSummary: Sendable, Equatable, Codable {
    /// Where media is anchored on the anchored path (the home region).
    public let anchoredRegion: String
    /// The far region a queue would bridge media through.
    public let bridgedRegion: String
    /// Agents whose estimate used these two regions.
    public let agents: Int
    public let detourMedianMs: Double
    public let detourP95Ms: Double
    public let anchoredMedianOneWayMs: Double
    public let bridgedMedianOneWayMs: Double
    /// Agents whose anchored / bridged path is within ITU-T G.114's 150 ms.
    public let anchoredWithinG114: Int
    public let bridgedWithinG114: Int
    /// The recommendation most of these agents' reports gave (ties: alphabetically first).
    public let recommendation: String

    public init(anchoredRegion: String, bridgedRegion: String, agents: Int, detourMedianMs: Double, detourP95Ms: Double,
                anchoredMedianOneWayMs: Double, bridgedMedianOneWayMs: Double, anchoredWithinG114: Int,
                bridgedWithinG114: Int, recommendation: String) {
        self.anchoredRegion = anchoredRegion
        self.bridgedRegion = bridgedRegion
        self.agents = agents
        self.detourMedianMs = detourMedianMs
        self.detourP95Ms = detourP95Ms
        self.anchoredMedianOneWayMs = anchoredMedianOneWayMs
        self.bridgedMedianOneWayMs = bridgedMedianOneWayMs
        self.anchoredWithinG114 = anchoredWithinG114
        self.bridgedWithinG114 = bridgedWithinG114
        self.recommendation = recommendation
    }
}
