/// The stated model of one-way mouth-to-ear delay used everywhere in iceprobe:
///
///     mouth-to-ear = network + jitter buffer + codec + device allowance
///
/// - network: the sum over the path's legs of each leg's RTT / 2 (symmetric legs assumed);
/// - jitter buffer: `max(jitterBufferMinimumMs, jitterBufferJitterFactor * jitter)`, a common
///   sizing of an adaptive buffer (at least about one frame, about twice the measured jitter);
/// - codec: packetisation (one frame) plus look-ahead, see `Codec` (default Opus 20 ms: 26.5 ms);
/// - device allowance: capture and playout buffering in the two end devices and their OS audio
///   stacks, a fixed assumption (default 40 ms: 20 ms at each end), not a measurement.
///
/// Not modelled: processing inside media servers, transcoding, and PSTN legs.
public struct MouthToEarModel: Sendable, Equatable, Codable {
    public var codec: Codec
    public var jitterBufferMinimumMs: Double
    public var jitterBufferJitterFactor: Double
    public var deviceAllowanceMs: Double

    public static let defaultJitterBufferMinimumMs = 20.0
    public static let defaultJitterBufferJitterFactor = 2.0
    public static let defaultDeviceAllowanceMs = 40.0

    public init(codec: Codec = .opus20,
                jitterBufferMinimumMs: Double = MouthToEarModel.defaultJitterBufferMinimumMs,
                jitterBufferJitterFactor: Double = MouthToEarModel.defaultJitterBufferJitterFactor,
                deviceAllowanceMs: Double = MouthToEarModel.defaultDeviceAllowanceMs) {
        self.codec = codec
        self.jitterBufferMinimumMs = jitterBufferMinimumMs
        self.jitterBufferJitterFactor = jitterBufferJitterFactor
        self.deviceAllowanceMs = deviceAllowanceMs
    }

    /// One-way network delay of a path made of legs with the given RTTs: `sum(RTT) / 2`.
    /// `nil` for no legs, or a negative or non-finite RTT.
    public static func networkOneWayMs(legRttsMs: [Double]) -> Double? {
        guard !legRttsMs.isEmpty, legRttsMs.allSatisfy({ $0.isFinite && $0 >= 0 }) else { return nil }
        return legRttsMs.reduce(0, +) / 2
    }

    /// The delay of a path with the given one-way network delay and jitter (nil jitter: the
    /// buffer's minimum). `nil` on a negative or non-finite input or model parameter.
    public func delay(networkOneWayMs: Double, jitterMs: Double?) -> MouthToEarDelay? {
        let values = [networkOneWayMs, jitterMs ?? 0, jitterBufferMinimumMs, jitterBufferJitterFactor,
                      deviceAllowanceMs, codec.frameMs, codec.lookaheadMs]
        guard values.allSatisfy({ $0.isFinite && $0 >= 0 }) else { return nil }
        let buffer = max(jitterBufferMinimumMs, jitterBufferJitterFactor * (jitterMs ?? 0))
        return MouthToEarDelay(networkMs: networkOneWayMs, jitterBufferMs: buffer,
                               codecMs: codec.delayMs, deviceMs: deviceAllowanceMs)
    }
}
