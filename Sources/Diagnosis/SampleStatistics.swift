/// Summary statistics of a series of delay samples (for example STUN round-trip times), in
/// milliseconds, in the order they were taken.
///
/// Definitions (chosen so the figures can be compared with other tools):
/// - `min`: the smallest sample.
/// - `median`: the middle sample; for an even count, the mean of the two middle samples.
/// - `p95`: the 95th percentile by the nearest-rank method: the sample at rank
///   `ceil(0.95 * n)` of the sorted samples (so with fewer than 20 samples it is the maximum).
/// - `jitter`: the mean absolute difference between successive samples,
///   `sum(|x[i] - x[i-1]|) / (n - 1)`. This is the quantity RFC 3550 section 6.4.1 smooths
///   (`D(i-1, i)`), averaged plainly instead of through RFC 3550's 1/16 running filter, because a
///   probe takes only tens of samples and the filter, starting from zero, would under-report.
///   `rfc3550Jitter` gives the filtered value as well. With a single sample jitter is `nil`.
///
/// Every function is total: samples that are not finite (NaN, infinity) are ignored, and a
/// series with no usable sample gives `nil`, never a trap.
public struct SampleStatistics: Sendable, Equatable, Codable {
    /// Number of finite samples the figures were computed from.
    public let count: Int
    public let min: Double
    public let median: Double
    public let p95: Double
    /// Mean absolute successive difference; `nil` with fewer than two samples.
    public let jitter: Double?

    public init(count: Int, min: Double, median: Double, p95: Double, jitter: Double?) {
        self.count = count
        self.min = min
        self.median = median
        self.p95 = p95
        self.jitter = jitter
    }

    /// Computes the summary of `samples` (kept in measurement order); `nil` when there is no
    /// finite sample.
    public init?(samples: [Double]) {
        let finite = samples.filter { $0.isFinite }
        guard let median = Self.median(finite), let p95 = Self.percentile(finite, 95),
              let smallest = finite.min() else { return nil }
        self.init(count: finite.count, min: smallest, median: median, p95: p95,
                  jitter: Self.meanSuccessiveDifference(finite))
    }

    /// The median of the finite samples; `nil` when there is none.
    public static func median(_ samples: [Double]) -> Double? {
        let sorted = samples.filter { $0.isFinite }.sorted()
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[middle] }
        return (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The nearest-rank percentile `p` (0 < p <= 100) of the finite samples; `nil` when there is
    /// no sample or `p` is outside (0, 100].
    public static func percentile(_ samples: [Double], _ p: Double) -> Double? {
        let sorted = samples.filter { $0.isFinite }.sorted()
        guard !sorted.isEmpty, p.isFinite, p > 0, p <= 100 else { return nil }
        let rank = (p / 100 * Double(sorted.count)).rounded(.up)
        let index = Swift.min(Swift.max(Int(rank) - 1, 0), sorted.count - 1)
        return sorted[index]
    }

    /// Mean absolute difference of successive finite samples (in the given order); `nil` with
    /// fewer than two samples.
    public static func meanSuccessiveDifference(_ samples: [Double]) -> Double? {
        let finite = samples.filter { $0.isFinite }
        guard finite.count >= 2 else { return nil }
        var total = 0.0
        for index in 1..<finite.count {
            total += abs(finite[index] - finite[index - 1])
        }
        return total / Double(finite.count - 1)
    }

    /// The RFC 3550 section 6.4.1 interarrival jitter estimator applied to successive samples:
    /// `J += (|D| - J) / 16`, starting from 0. `nil` with fewer than two finite samples.
    public static func rfc3550Jitter(_ samples: [Double]) -> Double? {
        let finite = samples.filter { $0.isFinite }
        guard finite.count >= 2 else { return nil }
        var jitter = 0.0
        for index in 1..<finite.count {
            let difference = abs(finite[index] - finite[index - 1])
            jitter += (difference - jitter) / 16
        }
        return jitter
    }

    /// Loss in percent, `100 * (sent - received) / sent`. `nil` when nothing was sent (or a
    /// count is negative). More answers than requests (duplicates) count as 0 % loss.
    public static func lossPercent(sent: Int, received: Int) -> Double? {
        guard sent > 0, received >= 0 else { return nil }
        let answered = Swift.min(received, sent)
        return Double(sent - answered) * 100 / Double(sent)
    }
}
