/// Picks how a region's latency is reported from everything the probes measured on it. Pure.
///
/// Rule: the first method in `RegionLatencyMethod` order (STUN/UDP, STUN/TCP, STUN/TLS, TCP
/// connect, TLS handshake) with at least one answered attempt gives the region's RTT, jitter,
/// loss and loss bursts; every method tried is listed in `methods` with its failure. When no
/// method got an answer the region is unreachable (`reachable: false`), except when the profile
/// marks the region unverified (`verified: false`): silence from a target nobody confirmed
/// answers is reported as not measured (`reachable: nil`) with a note, never as a failure.
/// A region with no method tried is not measured.
public enum RegionLatencyChooser {
    public static func choose(region: String, tried: [LatencyMethodSamples], verified: Bool? = nil) -> RegionResult {
        let ordered = tried.filter { $0.sent > 0 }.sorted { $0.method < $1.method }
        let methods = ordered.map { samples in
            RegionMethodResult(method: samples.method, target: samples.target, sent: samples.sent,
                               received: samples.received,
                               rttMedianMs: SampleStatistics(samples: samples.rttSamplesMs)?.median,
                               error: samples.received > 0 ? nil : (samples.error ?? "timeout"))
        }
        guard !ordered.isEmpty else {
            return RegionResult(id: region, rttMs: nil, jitterMs: nil, lossPercent: nil, reachable: nil, samplesSent: nil)
        }
        if let best = ordered.first(where: { $0.received > 0 }) {
            let rounded = best.rttSamplesMs.map { ($0 * 1000).rounded() / 1000 }
            return RegionResult(id: region, rttSamplesMs: rounded, sent: best.sent,
                                answered: best.answered.count == best.sent ? best.answered : nil,
                                spacingMs: best.spacingMs > 0 ? best.spacingMs : nil,
                                method: best.method, methods: methods)
        }
        if verified == false {
            let why = methods.map { "\($0.method.rawValue): \($0.error ?? "timeout")" }.joined(separator: ", ")
            return RegionResult(id: region, rttMs: nil, jitterMs: nil, lossPercent: nil, reachable: nil, samplesSent: nil,
                                methods: methods,
                                note: "not measured: the profile marks \(region)'s targets unverified and none answered (\(why)); silence from an unverified target proves nothing")
        }
        // Unreachable: the loss figures are the preferred method's (all attempts lost).
        let first = ordered[0]
        return RegionResult(id: region, rttSamplesMs: [], sent: first.sent,
                            answered: first.answered.count == first.sent ? first.answered : nil,
                            spacingMs: first.spacingMs > 0 ? first.spacingMs : nil, methods: methods)
    }
}
