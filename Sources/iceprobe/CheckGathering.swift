import Diagnosis
import IceAgent
import Probes
import ProbeTransport
import Credentials

/// ICE gathering for `iceprobe check`, through IceAgent (libnice): one agent per server, the
/// check's STUN servers and the TURN targets it holds a plain credential for.
///
/// Time bound: `deadlineMs` for gathering plus at most 1 s for closing the agents (libnice);
/// name resolution inside is bounded by min(1 s, deadline / 2).
enum CheckGathering {
    static func gather(stun: [ServerURI], turn: [CheckTurnTarget], credential: (username: String, secret: RedactedSecret)?,
                       deadlineMs: Int) async -> [CandidateSummary]? {
        var servers: [IceAgent.IceServer] = []
        for uri in stun where uri.scheme == .stun {
            servers.append(IceAgent.IceServer(label: uri.description, host: uri.host, port: uri.port, kind: .stun))
        }
        var relayProtocols: [String: String] = [:]
        if let credential {
            for target in turn where target.credential?.username == credential.username {
                let relay: IceAgent.IceServer.RelayTransport
                switch target.transport {
                case .udp: relay = .udp
                case .tcp: relay = .tcp
                case .tls: relay = .tls
                }
                let label = target.server.description
                relayProtocols[label] = target.transport.rawValue
                servers.append(IceAgent.IceServer(label: label, host: target.server.host, port: target.server.port,
                                                  kind: .turn(relay, username: credential.username, credential: credential.secret)))
            }
        }
        let plan = GatheringPlan(servers: servers, deadlineMs: max(deadlineMs, 100),
                                 resolveTimeoutMs: max(50, min(1000, deadlineMs / 2)), shutdownTimeoutMs: 1000)
        guard let report = try? await Gatherer.gather(plan) else { return nil }
        // One libnice agent per server gathers the same host (and often srflx) candidates again;
        // the report lists each distinct candidate once, in the order first found.
        var seen = Set<String>()
        return report.candidates.compactMap { candidate in
            let summary = CandidateSummary(
                type: candidate.type.rawValue,
                transport: candidate.transport.rawValue,
                address: ObservedAddress(ip: candidate.address, port: candidate.port),
                relayProtocol: candidate.type == .relay ? candidate.server.flatMap { relayProtocols[$0] } : nil)
            let key = "\(summary.type) \(summary.transport) \(summary.address.ip) \(summary.address.port) \(summary.relayProtocol ?? "")"
            return seen.insert(key).inserted ? summary : nil
        }
    }
}
