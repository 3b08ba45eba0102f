/// Why an HTTP CONNECT proxy did not open a tunnel, with the names reports use.
public enum ProxyFailure: String, Hashable, Sendable, Codable, CaseIterable {
    /// The proxy could not be reached (no TCP connection to it).
    case unreachable = "proxy-unreachable"
    /// The proxy refused the tunnel by policy (403, or another 4xx): e.g. CONNECT only to 443.
    case refused = "proxy-refused"
    /// The proxy wants credentials (407 Proxy Authentication Required).
    case authenticationRequired = "proxy-auth-required"
    /// The proxy could not reach the server (502, 503, 504).
    case badGateway = "proxy-bad-gateway"
    /// The proxy did not answer like an HTTP proxy (not HTTP, header too long, closed early).
    case protocolError = "proxy-protocol"
}
