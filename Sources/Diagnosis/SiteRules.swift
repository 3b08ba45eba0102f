/// The thresholds of the site rollup: when a site is ready, when a finding counts as shared, and
/// when an agent is an outlier. They are written into every site report (`rules`), so a reader
/// can see which rule produced the verdict.
///
/// The site verdict rule (see `SiteVerdictRule`):
/// - `not-ready` when fewer than `readyPercent` % of the agents are `ready` or
///   `ready-with-warnings`, or when a failure finding is *shared*: seen on at least
///   `sharedMinAgents` agents (all of them in a smaller site) and at least `sharedMinPercent` % of them (one firewall rule
///   usually explains many failures, so a shared failure is a site problem);
/// - `ready-with-warnings` otherwise, when some agent is `not-ready` (an isolated, local problem)
///   or a warning finding is shared;
/// - `ready` otherwise.
///
/// Outliers (sites with at least `outlierMinAgents` agents): an agent whose verdict is worse
/// than the verdict of more than `majorityPercent` % of its site; whose nearest region differs
/// from the one more than `majorityPercent` % of the site share; or whose median RTT to a region
/// is above both `outlierRttFactor` x and `outlierRttExtraMs` + the site's median of agent
/// medians for that region (measured by at least `outlierMinAgents` agents).
public struct SiteRules: Sendable, Equatable, Codable {
    public var readyPercent: Int
    public var sharedMinAgents: Int
    public var sharedMinPercent: Int
    public var majorityPercent: Int
    public var outlierMinAgents: Int
    public var outlierRttFactor: Double
    public var outlierRttExtraMs: Double

    public init(readyPercent: Int = 90, sharedMinAgents: Int = 2, sharedMinPercent: Int = 10,
                majorityPercent: Int = 50, outlierMinAgents: Int = 3, outlierRttFactor: Double = 2,
                outlierRttExtraMs: Double = 30) {
        self.readyPercent = readyPercent
        self.sharedMinAgents = sharedMinAgents
        self.sharedMinPercent = sharedMinPercent
        self.majorityPercent = majorityPercent
        self.outlierMinAgents = outlierMinAgents
        self.outlierRttFactor = outlierRttFactor
        self.outlierRttExtraMs = outlierRttExtraMs
    }

    public static let defaults = SiteRules()

    /// The smallest count that is at least `percent` % of `total` (integer arithmetic, clamped
    /// so it never overflows: percentages are clamped to 0...100).
    static func atLeast(percent: Int, of total: Int) -> Int {
        let p = min(max(percent, 0), 100)
        let t = max(total, 0)
        // t * p cannot overflow for any realistic t; guard anyway.
        let (product, overflow) = t.multipliedReportingOverflow(by: p)
        if overflow { return t }
        return (product + 99) / 100
    }

    /// How many agents a finding must be seen on to count as shared in a site of `agents`
    /// (in a site smaller than `sharedMinAgents`, all of its agents).
    func sharedThreshold(agents: Int) -> Int {
        max(min(sharedMinAgents, max(agents, 1)), Self.atLeast(percent: sharedMinPercent, of: agents))
    }

    /// More than `majorityPercent` % of `total`.
    func isMajority(_ count: Int, of total: Int) -> Bool {
        guard total > 0 else { return false }
        let (lhs, o1) = count.multipliedReportingOverflow(by: 100)
        let (rhs, o2) = total.multipliedReportingOverflow(by: min(max(majorityPercent, 0), 100))
        if o1 || o2 { return Double(count) * 100 > Double(total) * Double(majorityPercent) }
        return lhs > rhs
    }
}
