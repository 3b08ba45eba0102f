import Credentials
import IceAgent
import ProbeTransport
import Probes

/// After gathering: libnice hides why a TURN server gave no relay (a 401, 403 or 486 only ends
/// discovery) and speaks plain TCP for `turns:`. For each such server, iceprobe's own TURN client
/// (the one behind `iceprobe turn`) makes one attempt with the same credential, so the report
/// names the cause (`wrong-credentials`, `quota-reached`, `tls-untrusted-certificate`, ...) and
/// whether TURN over TLS really works. The attempts run concurrently, each bounded by
/// ``timeoutSeconds`` (DNS, connect, TLS, Allocate, relay check and deallocation included).
enum GatherTurnCheck {
    static let timeoutSeconds: Double = 4

    /// The TURN servers to check: every `turns:` server, and every other TURN server that gave no
    /// relay candidate although it was probed (not unresolved or unsupported).
    static func targets(report: GatheringReport, plan: GatheringPlan) -> [IceServer] {
        plan.servers.filter { server in
            guard case .turn(let transport, _, _) = server.kind else { return false }
            if transport == .tls { return true }
            guard let outcome = report.servers.first(where: { $0.server == server.label }) else { return false }
            switch outcome.status {
            case .unresolved, .unsupported: return false
            default: return outcome.firstCandidateMs.relay == nil
            }
        }
    }

    /// One attempt per target, concurrently; results in the targets' order.
    static func run(_ targets: [IceServer], caFile: String?, insecure: Bool) async -> [TurnAttemptResult] {
        var configurations: [TurnProbeConfiguration] = []
        for server in targets {
            guard case .turn(_, let username, let credential) = server.kind,
                  let uri = try? ServerURI(parsing: server.label) else { continue }
            configurations.append(TurnProbeConfiguration(
                server: uri, credential: TurnCredential(username: username, password: credential),
                timeout: Nanoseconds.seconds(timeoutSeconds), caFile: caFile, insecure: insecure))
        }
        return await TurnProbe.runAll(configurations).map(TurnAttemptResult.init)
    }
}
