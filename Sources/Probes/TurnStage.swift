/// The step of a TURN probe at which it stopped.
public enum TurnStage: String, Hashable, Sendable, Codable, CaseIterable {
    /// Resolving the server name.
    case resolve
    /// Opening the socket or TCP connection.
    case connect
    /// The TLS handshake (turns:).
    case tlsHandshake = "tls-handshake"
    /// The Allocate exchange (challenge, authenticated request, redirects).
    case allocate
    /// Refreshing the allocation.
    case refresh
    /// The relay check's second allocation (the peer).
    case peerAllocate = "peer-allocate"
    /// ChannelBind / CreatePermission for the relay check.
    case permission
    /// Sending packets relay to relay.
    case relay
}
