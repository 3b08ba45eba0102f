/// The delay an audio codec adds at the sender: the packetisation time (one frame is collected
/// before it is sent) plus the encoder's algorithmic look-ahead, in milliseconds.
public struct Codec: Sendable, Hashable, Codable {
    public let name: String
    public let frameMs: Double
    public let lookaheadMs: Double

    public init(name: String, frameMs: Double, lookaheadMs: Double) {
        self.name = name
        self.frameMs = frameMs
        self.lookaheadMs = lookaheadMs
    }

    /// Opus with 20 ms frames (WebRTC's default): 6.5 ms look-ahead, 26.5 ms algorithmic
    /// delay in total (RFC 6716 section 2).
    public static let opus20 = Codec(name: "opus", frameMs: 20, lookaheadMs: 6.5)
    /// G.711 (PCMU/PCMA) with 20 ms packets: no look-ahead.
    public static let g711 = Codec(name: "g711", frameMs: 20, lookaheadMs: 0)

    /// Frame plus look-ahead, in ms.
    public var delayMs: Double { frameMs + lookaheadMs }
}
