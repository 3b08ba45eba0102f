import StunWire

/// A datagram that matched a registered exchange.
struct NatArrival: Sendable {
    var message: StunMessage
    var source: TransportAddress
    var receivedAt: UInt64
}
