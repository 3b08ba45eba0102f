import StunWire

/// One received UDP datagram.
public struct Datagram: Hashable, Sendable {
    public var bytes: [UInt8]
    /// Where it came from (nil only if the kernel reported an unknown address family).
    public var source: TransportAddress?
    /// When it was read from the socket, on the receiving channel's clock (nanoseconds).
    public var receivedAt: UInt64

    public init(bytes: [UInt8], source: TransportAddress?, receivedAt: UInt64) {
        self.bytes = bytes
        self.source = source
        self.receivedAt = receivedAt
    }
}
