import StunWire

/// A relay the server allocated (RFC 8656 7.3): the relayed transport address, the client's
/// reflexive address as the server saw it, and the granted lifetime.
public struct TurnAllocation: Hashable, Sendable {
    public var relayedAddress: TransportAddress
    /// XOR-MAPPED-ADDRESS; nil when the server did not send one.
    public var mappedAddress: TransportAddress?
    /// LIFETIME in seconds; nil when absent.
    public var lifetime: UInt32?

    public init(relayedAddress: TransportAddress, mappedAddress: TransportAddress?, lifetime: UInt32?) {
        self.relayedAddress = relayedAddress
        self.mappedAddress = mappedAddress
        self.lifetime = lifetime
    }
}
