import Foundation

/// The `stream` object of a media report: the forward leg of the stream (client -> its relay ->
/// the second relay -> the client's second allocation, so every packet crosses this computer's
/// uplink and downlink once and is timed on one clock), the E-model score, and the return leg
/// (each packet echoed back the same way).
///
/// - `rttMs`: the forward leg's transit (min/median/p95): a round trip from this computer to the
///   relay, as media takes it.
/// - `mos`/`rFactor`/`eModel`: `MediaEModel` with Ta = median RTT / 2 + codec packetisation and
///   look-ahead + the 60 ms playout buffer, and Ppl = packets lost or later than that buffer.
///   Since every packet crossed both directions, the loss is that of both directions together:
///   a pessimistic figure for one listener.
public struct MediaStreamReport: Sendable, Equatable, Codable {
    public let sent: Int
    public let received: Int
    public let lost: Int
    public let lossPercent: Double?
    public let duplicates: Int
    /// Loss runs and the G.113 burst ratio (`LossBursts`).
    public let bursts: LossBursts?
    public let burstRatio: Double?
    public let worstWindowLossPercent: Double?
    public let jitterMs: Double?
    public let delayVariationMs: MediaLegFigures.Percentiles?
    public let latePercent: MediaLegFigures.Late?
    public let reorderedPercent: Double?
    public let rttMs: RttSummary?
    public let rFactor: Double?
    public let mos: Double?
    public let mosBand: MosBand?
    public let eModel: MediaEModel?
    /// The echoes: packets the second allocation sent back, as the first one received them.
    public let returnLeg: ReturnLeg

    public struct ReturnLeg: Sendable, Equatable, Codable {
        public let sent: Int
        public let received: Int
        public let lossPercent: Double?
        public let duplicates: Int
        public let jitterMs: Double?
        public let reorderedPercent: Double?
        public let transitMs: RttSummary?

        private enum CodingKeys: String, CodingKey {
            case sent, received, lossPercent, duplicates, jitterMs, reorderedPercent, transitMs
        }

        /// Not measured is JSON `null`, never a missing key.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(sent, forKey: .sent)
            try c.encode(received, forKey: .received)
            try c.encode(lossPercent, forKey: .lossPercent)
            try c.encode(duplicates, forKey: .duplicates)
            try c.encodeMilliseconds(jitterMs, forKey: .jitterMs)
            try c.encode(reorderedPercent, forKey: .reorderedPercent)
            try c.encode(transitMs, forKey: .transitMs)
        }
    }

    private enum CodingKeys: String, CodingKey {
        case sent, received, lost, lossPercent, duplicates, bursts, burstRatio, worstWindowLossPercent, jitterMs
        case delayVariationMs, latePercent, reorderedPercent, rttMs, rFactor, mos, mosBand, eModel, returnLeg
    }

    /// Not measured is JSON `null`, never a missing key.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(sent, forKey: .sent)
        try c.encode(received, forKey: .received)
        try c.encode(lost, forKey: .lost)
        try c.encode(lossPercent, forKey: .lossPercent)
        try c.encode(duplicates, forKey: .duplicates)
        try c.encode(bursts, forKey: .bursts)
        try c.encode(burstRatio, forKey: .burstRatio)
        try c.encode(worstWindowLossPercent, forKey: .worstWindowLossPercent)
        try c.encodeMilliseconds(jitterMs, forKey: .jitterMs)
        try c.encode(delayVariationMs, forKey: .delayVariationMs)
        try c.encode(latePercent, forKey: .latePercent)
        try c.encode(reorderedPercent, forKey: .reorderedPercent)
        try c.encode(rttMs, forKey: .rttMs)
        try c.encode(rFactor, forKey: .rFactor)
        try c.encode(mos, forKey: .mos)
        try c.encode(mosBand, forKey: .mosBand)
        try c.encode(eModel, forKey: .eModel)
        try c.encode(returnLeg, forKey: .returnLeg)
    }

    /// From the two legs' figures and the codec.
    public init(forward: MediaLegFigures, back: MediaLegFigures, codec: MediaCodec) {
        sent = forward.sent
        received = forward.received
        lost = forward.lost
        lossPercent = forward.lossPercent
        duplicates = forward.duplicates
        bursts = forward.bursts
        burstRatio = forward.bursts?.burstRatio
        worstWindowLossPercent = forward.bursts?.worstWindowLossPercent
        jitterMs = forward.jitterMs
        delayVariationMs = forward.delayVariationMs
        latePercent = forward.latePercent
        reorderedPercent = forward.reorderedPercent
        rttMs = forward.transitMs.map(RttSummary.init)
        returnLeg = ReturnLeg(sent: back.sent, received: back.received, lossPercent: back.lossPercent,
                              duplicates: back.duplicates, jitterMs: back.jitterMs,
                              reorderedPercent: back.reorderedPercent, transitMs: back.transitMs.map(RttSummary.init))
        var model: MediaEModel?
        if let rtt = forward.transitMs, forward.sent > 0 {
            let unusable = forward.usable.filter { !$0 }.count
            let ppl = Double(unusable) * 100 / Double(forward.sent)
            let burst = LossBursts(answered: forward.usable, spacingMs: MediaCodec.packetIntervalMs)?.burstRatio ?? 1
            let ta = max(0, rtt.median) / 2 + codec.senderDelay.delayMs + MediaLegFigures.playoutBuffersMs[0]
            model = MediaEModel(oneWayDelayMs: ta, effectiveLossPercent: ppl, burstRatio: max(burst, 1),
                                equipmentImpairment: codec.equipmentImpairment,
                                packetLossRobustness: codec.packetLossRobustness)
        }
        eModel = model
        rFactor = model?.rFactor
        mos = model?.mos
        mosBand = model.flatMap { MosBand(mos: $0.mos) }
    }
}
