import Prometheus

/// The collector's Prometheus metrics (served at `/metrics`, text exposition format):
/// - `iceprobe_reports_received_total`: reports stored (201);
/// - `iceprobe_reports_duplicate_total`: reports already stored (same agent and start time);
/// - `iceprobe_reports_rejected_total{reason}`: refused uploads, by `IntakeRejection.Reason`;
/// - `iceprobe_storage_duration_seconds{operation}`: time of each store call (insert or read).
public final class CollectorMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()
    let received: Counter
    let duplicates: Counter
    private let rejected: [IntakeRejection.Reason: Counter]
    let insertDuration: DurationHistogram
    let readDuration: DurationHistogram

    public init() {
        received = registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "iceprobe", metricName: "reports_received", unitName: "total",
            helpText: "Check reports stored (answered 201)."), labels: [])
        duplicates = registry.makeCounter(descriptor: MetricNameDescriptor(
            namespace: "iceprobe", metricName: "reports_duplicate", unitName: "total",
            helpText: "Check reports already stored (same agent and startedAt), not stored again."), labels: [])
        var rejected: [IntakeRejection.Reason: Counter] = [:]
        for reason in IntakeRejection.Reason.allCases {
            rejected[reason] = registry.makeCounter(descriptor: MetricNameDescriptor(
                namespace: "iceprobe", metricName: "reports_rejected", unitName: "total",
                helpText: "Uploads refused, by reason."), labels: [("reason", reason.rawValue)])
        }
        self.rejected = rejected
        let buckets: [Duration] = [.microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
                                   .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
                                   .milliseconds(500), .seconds(1), .seconds(5)]
        let storage = MetricNameDescriptor(namespace: "iceprobe", metricName: "storage_duration", unitName: "seconds",
                                           helpText: "Time of each storage call.")
        insertDuration = registry.makeDurationHistogram(descriptor: storage, labels: [("operation", "insert")], buckets: buckets)
        readDuration = registry.makeDurationHistogram(descriptor: storage, labels: [("operation", "read")], buckets: buckets)
    }

    func reject(_ reason: IntakeRejection.Reason) {
        rejected[reason]?.increment()
    }

    /// Runs `body` and records its duration in `histogram`, also when it throws.
    func timed<T>(_ histogram: DurationHistogram, _ body: () async throws -> T) async rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        defer { histogram.record(clock.now - start) }
        return try await body()
    }

    public func exposition() -> String {
        registry.emitToString()
    }
}
