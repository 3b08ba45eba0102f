/// One size of the largest-datagram test: `bytes` of UDP payload between the two relays (the
/// client's datagram to the server is 4 bytes larger: the ChannelData header), how many copies
/// were sent (the test stops at the first that arrives), and whether one arrived (`nil`: not
/// tried, because the time bound ran out or the stream failed).
public struct MediaDatagramResult: Sendable, Equatable, Codable {
    public let bytes: Int
    public let copiesSent: Int
    public let arrived: Bool?

    public init(bytes: Int, copiesSent: Int, arrived: Bool?) {
        self.bytes = bytes
        self.copiesSent = copiesSent
        self.arrived = arrived
    }

    private enum CodingKeys: String, CodingKey { case bytes, copiesSent, arrived }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(bytes, forKey: .bytes)
        try c.encode(copiesSent, forKey: .copiesSent)
        try c.encode(arrived, forKey: .arrived)
    }

    /// The sizes tried by default: the IPv4 minimum reassembly size, WebRTC's usual DTLS/SCTP
    /// datagram ceiling (1200), the IPv6 minimum MTU, a typical video packet, and the largest UDP
    /// payload of a 1500-byte Ethernet frame.
    public static let defaultSizes = [576, 1200, 1280, 1400, 1472]

    /// The largest size that arrived; nil when none did.
    public static func largest(_ results: [MediaDatagramResult]) -> Int? {
        results.filter { $0.arrived == true }.map(\.bytes).max()
    }

    /// True when small datagrams arrive but none of `size` bytes or more does: an MTU black hole
    /// (a link with a smaller MTU that drops instead of fragmenting or signalling). nil when it
    /// cannot be told (nothing arrived, or no size at or above `size` was tried).
    public static func blackHole(_ results: [MediaDatagramResult], at size: Int = 1200) -> Bool? {
        let small = results.filter { $0.bytes < size && $0.arrived != nil }
        let large = results.filter { $0.bytes >= size && $0.arrived != nil }
        guard small.contains(where: { $0.arrived == true }), !large.isEmpty else { return nil }
        return large.allSatisfy { $0.arrived == false }
    }
}
