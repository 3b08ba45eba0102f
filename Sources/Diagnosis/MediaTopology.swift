/// Where a service's media flows, which decides whether a symmetric NAT needs a TURN relay.
///
/// - `peer-to-peer`: media goes between the two endpoints (browser to browser, agent to agent).
///   Behind a symmetric NAT, a peer's checks to this computer's mapped address fail, so calls
///   need a working TURN relay. The strict default.
/// - `client-to-server`: media goes between this computer and the provider's media servers, which
///   have public addresses (Twilio Voice: 168.86.128.0/18). This computer sends first, so its NAT
///   maps the server's address whatever the mapping behaviour, and calls connect through a
///   symmetric NAT without a relay.
public enum MediaTopology: String, Sendable, Codable, CaseIterable {
    case peerToPeer = "peer-to-peer"
    case clientToServer = "client-to-server"
}
