/// What the queue-routing estimate needs: the agent's measurements to the home region (where
/// the site's customers are) and to the far region (where a queue would anchor media).
public struct QueueRoutingInput: Sendable, Equatable, Codable {
    public var homeRegion: String
    public var farRegion: String
    /// Agent to home region RTT (for example the median STUN RTT), ms.
    public var homeRttMs: Double
    /// Agent to far region RTT, ms.
    public var farRttMs: Double
    public var homeJitterMs: Double?
    public var farJitterMs: Double?
    public var homeLossPercent: Double?
    public var farLossPercent: Double?
    /// Home to far region RTT, ms, when known (for example from the profile); otherwise estimated.
    public var interRegionRttMs: Double?
    /// Customer to home region RTT, ms, when known; otherwise assumed equal to `homeRttMs`.
    public var customerRttMs: Double?
    /// Media would go over a TURN relay reached by TCP or TLS (UDP blocked): the model adds
    /// head-of-line blocking (see `QueueRoutingEstimate`).
    public var mediaOverTcp: Bool
    /// How the home and far RTTs were measured (nil: not said; reports before methods).
    public var homeMethod: RegionLatencyMethod? = nil
    public var farMethod: RegionLatencyMethod? = nil

    public init(homeRegion: String, farRegion: String, homeRttMs: Double, farRttMs: Double,
                homeJitterMs: Double? = nil, farJitterMs: Double? = nil, homeLossPercent: Double? = nil,
                farLossPercent: Double? = nil, interRegionRttMs: Double? = nil, customerRttMs: Double? = nil,
                mediaOverTcp: Bool = false) {
        self.homeRegion = homeRegion
        self.farRegion = farRegion
        self.homeRttMs = homeRttMs
        self.farRttMs = farRttMs
        self.homeJitterMs = homeJitterMs
        self.farJitterMs = farJitterMs
        self.homeLossPercent = homeLossPercent
        self.farLossPercent = farLossPercent
        self.interRegionRttMs = interRegionRttMs
        self.customerRttMs = customerRttMs
        self.mediaOverTcp = mediaOverTcp
    }
}
