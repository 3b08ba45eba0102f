import Diagnosis
import ProbeTransport

extension MediaObservation {
    /// The report of this observation: the set-up failure named like `iceprobe turn` names it
    /// (`TurnClassifier`), the figures of both legs (`MediaLegFigures`, `MediaStreamReport`) and
    /// the judgement of `MediaAssessment`.
    public func report(_ configuration: MediaProbeConfiguration, thresholds: MediaThresholds = .defaults) -> MediaReport {
        var error: MediaReport.MediaSetupError?
        var stream: MediaStreamReport?
        if sendTimesMs.isEmpty {
            let diagnosis = TurnClassifier.classify(setup.facts)
            error = MediaReport.MediaSetupError(
                id: diagnosis == .ok ? "protocol-error" : diagnosis.id,
                stage: setup.failedStage?.rawValue ?? "allocate",
                message: setup.message.isEmpty ? diagnosis.explanation : setup.message)
        } else {
            let forward = MediaLegFigures(sendTimesMs: sendTimesMs, arrivals: forwardArrivals)
            let back = MediaLegFigures(sendTimesMs: echoTimesMs, arrivals: echoArrivals)
            stream = MediaStreamReport(forward: forward, back: back, codec: configuration.codec)
        }
        var relays: [String] = []
        if let relayed = setup.allocation?.relayedAddress { relays.append(relayed.description) }
        if let peerRelayedAddress { relays.append(peerRelayedAddress) }
        var report = MediaReport(server: setup.server, resolvedAddress: setup.resolvedAddress,
                           transport: setup.transport.rawValue, codec: configuration.codec, seconds: configuration.seconds,
                           relayedAddresses: relays, datagrams: datagrams, stream: stream, error: error,
                           deallocated: setup.deallocated, durationMs: Nanoseconds.toMilliseconds(setup.duration),
                           thresholds: thresholds)
        if let streamProblem { report.notes.append(streamProblem) }
        return report
    }
}
