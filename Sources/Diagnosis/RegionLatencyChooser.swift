/// Picks how a region's latency is reported from everything the probes measured on it. Pure.
///
/// Rule: the first method in `RegionLatencyMethod` order (STUN/UDP, STUN/TCP, STUN/TLS, TCP
/// connect, TLS handshake) with at least one answered attempt gives the region's RTT, jitter,
/// loss and loss bursts; every method tried is listed in `methods` with its failure. When no
/// method got an answer the region is unreachable (`reachable: false`), except when the profile
/// marks the region unverified (`verified: false`): silence from a target nobody confirmed
/// answers is reported as not measured (`reachable: nil`) with a note, never as a failure.
/// A region with no method that sent anything (none given, or every name failed to resolve) is
/// not measured; the methods that could not start are still listed with their error (`dns`).
public enum RegionLatencyChooser {
    public static func choose(region: String, tried: [LatencyMethodSamples], verified: Bool? = nil) -> RegionResult {
        // Methods that sent nothing (their name did not resolve) are listed but prove nothing.
        let listed = tried.sorted { $0.method < $1.method }
        let ordered = listed.filter { $0.sent > 0 }
        let methods = listed.map { samples in
            RegionMethodResult(method: samples.method, target: samples.target, sent: samples.sent,
                               received: samples.received,
                               rttMedianMs: SampleStatistics(samples: samples.rttSamplesMs)?.median,
                               error: samples.received > 0 ? nil : (samples.error ?? "timeout"))
        }
        guard !ordered.isEmpty else {
            return RegionResult(id: region, rttMs: nil, jitterMs: nil, lossPercent: nil, reachable: nil, samplesSent: nil,
                                methods: methods.isEmpty ? nil : methods)
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

    /// Whether STUN over UDP reaches the media servers, from each region's STUN/UDP attempt:
    /// true when any answered; false when regions were probed and none answered; nil when none
    /// was probed. Silence from a region marked unverified proves nothing and is left out.
    public static func udpReachable(_ probes: [(sent: Int, received: Int, verified: Bool?)]) -> Bool? {
        let sent = probes.filter { $0.sent > 0 }
        if sent.contains(where: { $0.received > 0 }) { return true }
        return sent.contains { $0.verified != false } ? false : nil
    }
}
