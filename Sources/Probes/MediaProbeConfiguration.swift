import Diagnosis
import ProbeTransport

/// What one media stream does: the TURN server, transport and credential (as for `iceprobe
/// turn`; its `timeout` bounds the set-up of both relays), the codec imitated, the stream's
/// length and the datagram sizes tried after it.
///
/// Time bounds (all on the monotonic clock):
/// - set-up (DNS, connect, TLS, two allocations, two ChannelBinds): `turn.timeout` (default 5 s);
/// - stream: `seconds`, then up to ``drain`` for the last packets and echoes;
/// - largest datagram: each copy waits `clamp(3 x p95 round trip, 200 ms, 1 s)`, at most
///   ``datagramCopies`` copies per size, the whole test at most ``datagramBudget``;
/// - deletion of both allocations: at most 1 s.
public struct MediaProbeConfiguration: Sendable {
    public var turn: TurnProbeConfiguration
    public var codec: MediaCodec
    public var seconds: Double
    public var datagramSizes: [Int]

    /// Wait after the last packet for late packets and echoes.
    public static let drain = Nanoseconds.milliseconds(1_000)
    /// Copies per datagram size (the test stops at the first that arrives).
    public static let datagramCopies = 5
    /// Upper bound of the whole largest-datagram test.
    public static let datagramBudget = Nanoseconds.milliseconds(6_000)
    /// Bound of the deletion of both allocations at the end.
    public static let releaseBudget = Nanoseconds.milliseconds(1_000)

    public init(turn: TurnProbeConfiguration, codec: MediaCodec = .opus, seconds: Double = 10,
                datagramSizes: [Int] = MediaDatagramResult.defaultSizes) {
        self.turn = turn
        self.codec = codec
        self.seconds = seconds
        self.datagramSizes = datagramSizes
    }

    /// Packets in the stream.
    public var packetCount: Int { max(1, Int((seconds * 1000 / MediaCodec.packetIntervalMs).rounded())) }
}
