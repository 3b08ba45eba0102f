/// The voice codecs the media stream imitates: the RTP payload size of one 20 ms packet, the RTP
/// payload type and clock rate written in the header, and the E-model values (ITU-T G.113
/// Appendix I) used for the stream's R and MOS.
///
/// | codec | payload (20 ms) | RTP PT | clock | Ie | Bpl |
/// |---|---|---|---|---|---|
/// | `opus` (default) | 80 bytes (32 kbit/s, WebRTC's default mono voice rate) | 111 (dynamic, as WebRTC offers it) | 48 kHz | 0 | 25.1 (stand-in, see below) |
/// | `pcmu` (G.711 mu-law) | 160 bytes | 0 | 8 kHz | 0 | 25.1 (G.711 with packet-loss concealment, G.113 Appendix I) |
///
/// ITU-T publishes no Ie/Bpl for Opus; iceprobe uses the G.711-with-concealment values for it
/// and says so in its output.
public enum MediaCodec: String, Sendable, Codable, CaseIterable {
    case opus
    case pcmu

    /// Packet interval of the stream, milliseconds.
    public static let packetIntervalMs: Double = 20

    /// RTP payload bytes of one 20 ms packet.
    public var payloadBytes: Int {
        switch self {
        case .opus: 80
        case .pcmu: 160
        }
    }

    /// RTP payload type written in the header.
    public var rtpPayloadType: UInt8 {
        switch self {
        case .opus: 111
        case .pcmu: 0
        }
    }

    /// RTP timestamp clock rate, Hz.
    public var clockRate: Int {
        switch self {
        case .opus: 48_000
        case .pcmu: 8_000
        }
    }

    /// RTP timestamp units per 20 ms packet.
    public var timestampStep: UInt32 { UInt32(clockRate / 50) }

    /// Equipment impairment factor Ie (G.113 Appendix I).
    public var equipmentImpairment: Double { 0 }

    /// Packet-loss robustness factor Bpl (G.113 Appendix I; stand-in for Opus).
    public var packetLossRobustness: Double { 25.1 }

    /// True when Ie/Bpl are a stand-in rather than ITU-T's published values for this codec.
    public var robustnessIsStandIn: Bool { self == .opus }

    /// Sender delay (packetisation plus look-ahead) for the mouth-to-ear estimate.
    public var senderDelay: Codec {
        switch self {
        case .opus: .opus20
        case .pcmu: .g711
        }
    }
}
