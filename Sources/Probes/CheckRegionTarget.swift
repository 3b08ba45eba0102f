import ProbeTransport

/// One region as the check probes it: the STUN server for latency and the TURN servers to try
/// when the region is the home or the nearest one.
public struct CheckRegionTarget: Sendable, Equatable {
    public var id: String
    /// The UDP STUN server measured for latency; nil when the profile gives none (not measured).
    public var stun: ServerURI?
    public var turn: [CheckTurnTarget]
    public var addressRanges: [String]

    public init(id: String, stun: ServerURI?, turn: [CheckTurnTarget], addressRanges: [String]) {
        self.id = id
        self.stun = stun
        self.turn = turn
        self.addressRanges = addressRanges
    }
}
