/// Facts about a gathered candidate set that lab scenarios assert on without knowing the order of
/// the candidates: how many of each type, which server transports produced relays, and whether the
/// NAT kept the local port in the server-reflexive mappings.
public struct CandidateCounts: Hashable, Sendable, Codable {
    public var host: Int
    public var srflx: Int
    public var prflx: Int
    public var relay: Int
    /// UDP srflx candidates (what media uses); TURN over TCP also yields TCP srflx candidates
    /// (tcp-active/tcp-passive) from the connection's mapped address.
    public var srflxUDP: Int
    /// Relay candidates by the transport used towards the TURN server (from the server outcomes;
    /// a `tls` relay is plain TCP in libnice, see ``ServerOutcome/transport``).
    public var relayViaUDP: Int
    public var relayViaTCP: Int
    public var relayViaTLS: Int
    /// True when every UDP srflx candidate has the same port as its base (`relatedPort`), false when
    /// at least one differs, `nil` when there is no UDP srflx candidate with a known base (TCP
    /// srflx candidates are left out: tcp-active ones have port 0).
    public var srflxPortPreserved: Bool?
    /// The inverse of `srflxPortPreserved` (the symmetric-NAT sign), `nil` when not measured.
    public var srflxPortDiffersFromHost: Bool?
    /// True when some srflx candidate has the same address and port as a host candidate (no NAT);
    /// libnice normally prunes those, so this is usually false.
    public var srflxEqualsHost: Bool
    /// The distinct srflx addresses (the NAT's public addresses as the servers saw them), sorted.
    public var srflxAddresses: [String]

    public init(candidates: [IceCandidate], servers: [ServerOutcome]) {
        host = candidates.filter { $0.type == .host }.count
        srflx = candidates.filter { $0.type == .srflx }.count
        prflx = candidates.filter { $0.type == .prflx }.count
        relay = candidates.filter { $0.type == .relay }.count
        srflxUDP = candidates.filter { $0.type == .srflx && $0.transport == .udp }.count
        var transports: [String: String] = [:]
        for outcome in servers { transports[outcome.server] = outcome.transport }
        let relayTransports = candidates.filter { $0.type == .relay }.map { $0.server.flatMap { transports[$0] } }
        relayViaUDP = relayTransports.filter { $0 == "udp" }.count
        relayViaTCP = relayTransports.filter { $0 == "tcp" }.count
        relayViaTLS = relayTransports.filter { $0 == "tls" }.count
        let reflexive = candidates.filter { $0.type == .srflx && $0.transport == .udp && $0.relatedPort != nil }
        if reflexive.isEmpty {
            srflxPortPreserved = nil
            srflxPortDiffersFromHost = nil
        } else {
            let preserved = reflexive.allSatisfy { $0.port == $0.relatedPort }
            srflxPortPreserved = preserved
            srflxPortDiffersFromHost = !preserved
        }
        srflxAddresses = Set(candidates.filter { $0.type == .srflx }.map(\.address)).sorted()
        let hosts = Set(candidates.filter { $0.type == .host }.map { "\($0.address) \($0.port)" })
        srflxEqualsHost = candidates.contains { $0.type == .srflx && hosts.contains("\($0.address) \($0.port)") }
    }
}
