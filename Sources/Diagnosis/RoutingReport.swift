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
        self.detourMs = ReportNumber.milliseconds(detourMs)
        self.interRegionRttMs = ReportNumber.milliseconds(interRegionRttMs)
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

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(paths, forKey: .paths)
        try container.encodeMilliseconds(detourMs, forKey: .detourMs)
        try container.encodeMilliseconds(interRegionRttMs, forKey: .interRegionRttMs)
        try container.encode(interRegionRttEstimated, forKey: .interRegionRttEstimated)
        try container.encode(customerRttAssumed, forKey: .customerRttAssumed)
        try container.encode(recommendation, forKey: .recommendation)
        try container.encode(assumptions, forKey: .assumptions)
        try container.encode(formula, forKey: .formula)
    }
}
