/// How far a region's figures may move against the baseline before `check --baseline` calls it a
/// regression (or, the other way, an improvement).
///
/// RTT: the median must rise by more than `rttPercent` % of the baseline median AND by more than
/// `rttMs` milliseconds (so 1 ms -> 2 ms on a LAN is not a regression, nor 300 -> 306 ms far away).
/// Loss: the loss percentage must rise by more than `lossPoints` percentage points.
public struct BaselineThresholds: Sendable, Equatable, Codable {
    public static let defaultRttPercent = 30.0
    public static let defaultRttMs = 5.0
    public static let defaultLossPoints = 1.0

    public var rttPercent: Double
    public var rttMs: Double
    public var lossPoints: Double

    public init(rttPercent: Double = BaselineThresholds.defaultRttPercent, rttMs: Double = BaselineThresholds.defaultRttMs,
                lossPoints: Double = BaselineThresholds.defaultLossPoints) {
        self.rttPercent = rttPercent
        self.rttMs = rttMs
        self.lossPoints = lossPoints
    }

    /// Whether a median RTT moved from `before` to `after` by more than both thresholds.
    func rttExceeded(from before: Double, to after: Double) -> Bool {
        let change = abs(after - before)
        return change > rttMs && change > before * rttPercent / 100
    }
}
