import Diagnosis
import ProbeTransport
import StunWire

/// One region as the check probes it: the STUN server for latency and the TURN servers to try
/// when the region is the home or the nearest one.
public struct CheckRegionTarget: Sendable, Equatable {
    public var id: String
    /// The UDP STUN server measured for latency; nil when the profile gives none (not measured).
    public var stun: ServerURI?
    public var turn: [CheckTurnTarget]
    public var addressRanges: [String]
    /// STUN over TCP: the first `turn:...?transport=tcp` URI, else the first `stun:` URI over TCP.
    public var stunTcp: ServerURI?
    /// STUN over TLS: the first `turns:` or `stuns:` URI.
    public var stunTls: ServerURI?
    /// The profile's `latency` targets (TCP connect, TLS handshake).
    public var latency: [LatencyTarget]
    /// The profile's `verified` flag (false: silence is "not measured", never a failure).
    public var verified: Bool?
    /// The provider's edge name for the region (Twilio: `tokyo`), for actions.
    public var edge: String?

    public init(id: String, stun: ServerURI?, turn: [CheckTurnTarget], addressRanges: [String],
                stunTcp: ServerURI? = nil, stunTls: ServerURI? = nil, latency: [LatencyTarget] = [],
                verified: Bool? = nil, edge: String? = nil) {
        self.id = id
        self.stun = stun
        self.turn = turn
        self.addressRanges = addressRanges
        self.stunTcp = stunTcp
        self.stunTls = stunTls
        self.latency = latency
        self.verified = verified
        self.edge = edge
    }

    /// Every host name a latency method of this region needs resolved.
    public var latencyHosts: [String] {
        let uris = [stun, stunTcp, stunTls].compactMap { $0 }.filter { !$0.isIPv6Literal && IPAddress($0.host) == nil }.map(\.host)
        return uris + latency.map(\.host).filter { IPAddress($0) == nil }
    }
}
