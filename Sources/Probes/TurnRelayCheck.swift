/// What the relay check saw: a second allocation as the peer, permissions both ways, a burst of
/// packets from the first relay to the second and echoed back. Times in nanoseconds.
public struct TurnRelayCheck: Hashable, Sendable {
    /// The peer allocation's relayed address (nil when it could not allocate).
    public var peerRelayedAddress: String?
    /// Packets sent from the client through its relay (ChannelData) towards the peer relay.
    public var sent = 0
    /// Packets that came back: peer received (Data indication), echoed (Send indication), and the
    /// client received the echo (ChannelData) in time.
    public var received = 0
    /// Round trips client -> relay -> peer relay -> peer -> peer relay -> relay -> client.
    public var roundTrips: [UInt64] = []

    public init() {}

    /// 100 x lost / sent; nil when nothing was sent.
    public var lossPercent: Double? {
        guard sent > 0 else { return nil }
        return Double(sent - min(received, sent)) * 100 / Double(sent)
    }
}
