/// Pure: turns what the check saw of each DNS steering name into `SteeringResult`s, comparing the
/// steered address with the nearest region. The finding (`dns-steers-to-far-region`) is the
/// readiness evaluator's, from `extraOneWayMs` against `Thresholds.steeringExtraOneWayMs`.
///
/// The steered region is recognised by address: first an address one of the region's own latency
/// targets resolved to, then the region's address ranges when exactly one region's ranges hold it.
public enum DnsSteeringClassifier {
    public static func classify(_ measurements: [SteeringMeasurement], regions: [RegionResult], resolvers: [String]?,
                                regionAddresses: [String: [String]], regionRanges: [String: [String]],
                                nearestRegion: String?) -> [SteeringResult] {
        let nearestRtt = regions.first { $0.id == nearestRegion }?.rttMs?.median
        let order = regions.map(\.id)
        return measurements.map { measurement in
            let samples = measurement.samples
            let rtt = samples.flatMap { SampleStatistics(samples: $0.rttSamplesMs)?.median }
            var region: String?
            if let address = measurement.timedAddress {
                // By ranges only when exactly one region's ranges hold the address (shared ranges
                // cannot tell regions apart).
                let inRanges = order.filter { id in (regionRanges[id] ?? []).contains { IPv4RangeMatcher.contains($0, address) } }
                region = order.first { regionAddresses[$0]?.contains(address) == true } ?? (inRanges.count == 1 ? inRanges[0] : nil)
            }
            let extra: Double? = rtt.flatMap { steered in nearestRtt.map { max(0, (steered - $0) / 2) } }
            let error = measurement.error ?? ((samples?.received ?? 0) == 0 ? samples?.error ?? (measurement.timedAddress == nil ? nil : "timeout") : nil)
            return SteeringResult(name: measurement.name, target: measurement.target, resolvers: resolvers,
                                  answer: measurement.answer, timedAddress: measurement.timedAddress,
                                  method: samples?.method, rttMs: rtt, region: region, nearestRegion: nearestRegion,
                                  nearestRttMs: nearestRtt, extraOneWayMs: extra, error: error)
        }
    }
}
