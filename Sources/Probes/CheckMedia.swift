import Diagnosis
import ProbeTransport

/// `check --media SECONDS`: the media stream through the home region's relay, run after the
/// check's budget (it extends the run by about SECONDS + 3 s, at most SECONDS + 13.5 s: see
/// `MediaProbeConfiguration`).
public enum CheckMedia {
    /// The home region's TURN server to stream through: the first transport, in the order UDP,
    /// TCP, TLS, whose relay the check found working; else the first with a credential (the
    /// stream then names why it cannot run). nil when there is no home region or no credential.
    public static func target(plan: CheckPlan, turn: [TurnObservation]) -> CheckTurnTarget? {
        guard let home = plan.homeRegion, let region = plan.region(home) else { return nil }
        let candidates = region.turn.filter { $0.credential != nil }
        let order: [TransportProtocol] = [.udp, .tcp, .tls]
        let working = candidates.filter { target in
            turn.contains { observation in
                observation.server == target.server.description && observation.transport == target.transport
                    && TurnClassifier.classify(observation.facts) == .ok
            }
        }
        func first(_ list: [CheckTurnTarget]) -> CheckTurnTarget? {
            for transport in order { if let target = list.first(where: { $0.transport == transport }) { return target } }
            return list.first
        }
        return first(working) ?? first(candidates)
    }

    /// Runs the stream through `target` (TCP and TLS through the check's proxy, as its TURN
    /// attempts go) and returns its report.
    public static func run(_ target: CheckTurnTarget, seconds: Double, plan: CheckPlan) async -> MediaReport {
        let turn = TurnProbeConfiguration(server: target.server, transport: target.transport, credential: target.credential,
                                          timeout: Nanoseconds.seconds(5), caFile: plan.caFile, insecure: plan.insecure,
                                          proxy: plan.proxy.map { ($0.host, UInt16(clamping: $0.port)) })
        let configuration = MediaProbeConfiguration(turn: turn, seconds: seconds)
        let observation = await MediaProbe.run(configuration)
        return observation.report(configuration)
    }
}
