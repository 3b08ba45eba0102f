/// The layers of the path from this computer to the media servers, lowest first. The lowest
/// layer that fails is a report's root cause (see `RootCauseAnalyzer`).
public enum PathLayer: String, Sendable, Codable, CaseIterable, Comparable {
    /// A network interface with an address, and a default route.
    case interface
    /// The resolver answers, and the servers' names resolve.
    case dns
    /// UDP reaches the media servers.
    case udp
    /// TCP reaches the media servers, per port (3478, 443).
    case tcp
    /// TLS to the media servers is not intercepted.
    case tls
    /// An HTTP proxy is the only way out.
    case proxy
    /// The TURN server accepts the credentials.
    case turnAuth = "turn-auth"
    /// Loss and jitter on the media path.
    case media
    /// Distance to the region or edge the calls use.
    case steering

    public static func < (lhs: PathLayer, rhs: PathLayer) -> Bool {
        let order = PathLayer.allCases
        return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
    }
}
