/// The queue-routing section of a report: one entry per media path, the detour and what to do.
public struct RoutingReport: Sendable, Equatable, Codable {
    public let paths: [RoutingPath]
    public let detourMs: Double
    public let interRegionRttMs: Double
    public let interRegionRttEstimated: Bool
    public let customerRttAssumed: Bool
    public let recommendation: String
    public let assumptions: [String]
    public let formula: String

    public init(paths: [RoutingPath], detourMs: Double, interRegionRttMs: Double, interRegionRttEstimated: Bool,
                customerRttAssumed: Bool, recommendation: String, assumptions: [String], formula: String) {
        self.paths = paths
        self.detourMs = detourMs
        self.interRegionRttMs = interRegionRttMs
        self.interRegionRttEstimated = interRegionRttEstimated
        self.customerRttAssumed = customerRttAssumed
        self.recommendation = recommendation
        self.assumptions = assumptions
        self.formula = formula
    }

    /// The anchored path first, then the bridged one.
    public init(_ estimate: QueueRoutingEstimate) {
        self.init(paths: [estimate.anchored, estimate.bridged], detourMs: estimate.detourMs,
                  interRegionRttMs: estimate.interRegionRttMs, interRegionRttEstimated: estimate.interRegionRttEstimated,
                  customerRttAssumed: estimate.customerRttAssumed, recommendation: estimate.recommendation,
                  assumptions: estimate.assumptions, formula: estimate.formula)
    }
}
