import Foundation

/// Figures of one leg of a media stream, from when each packet was sent and when (in arrival
/// order) packets arrived, both on one clock. A pure value: every input gives figures, never a
/// trap; arrivals of packets that were never sent, or whose times are not finite, are counted in
/// `unexpected` and otherwise ignored.
///
/// Definitions:
/// - `received`: distinct packets that arrived; `duplicates`: further copies of them.
/// - `lossPercent`: `100 * (sent - received) / sent`.
/// - `bursts`: runs of lost packets in sending order and the ITU-T G.113 burst ratio
///   (`LossBursts`, 20 ms spacing, so the worst 200 ms window is measured too).
/// - `transitMs`: arrival minus send time of each packet's first copy (min/median/p95).
/// - `jitterMs`: RFC 3550 section 6.4.1 interarrival jitter, `J += (|D(i-1,i)| - J) / 16` over the
///   packets in arrival order, where `D` is the difference of their transit times; the send time
///   is the real one, so a late sender does not count as network jitter.
/// - `delayVariationMs`: transit minus the smallest transit, p95 and p99 (nearest rank).
/// - `latePercent`: packets that arrived, but more than the playout buffer after the fastest
///   packet (transit - min transit > buffer), in percent of those sent, for 60 and 100 ms buffers.
/// - `reorderedPercent`: packets that arrived after a packet with a higher sequence number
///   (RFC 4737's reordered packets), in percent of those received.
public struct MediaLegFigures: Sendable, Equatable {
    /// Playout buffers the late share is computed for, milliseconds.
    public static let playoutBuffersMs: [Double] = [60, 100]

    public let sent: Int
    public let received: Int
    public let lost: Int
    public let lossPercent: Double?
    public let duplicates: Int
    public let unexpected: Int
    public let bursts: LossBursts?
    public let transitMs: SampleStatistics?
    public let jitterMs: Double?
    public let delayVariationMs: Percentiles?
    public let latePercent: Late?
    public let reorderedPercent: Double?
    /// For each packet sent, in sending order: arrived within the 60 ms buffer (for the E-model).
    public let usable: [Bool]

    /// p95 and p99, milliseconds.
    public struct Percentiles: Sendable, Equatable, Codable {
        public let p95: Double
        public let p99: Double
    }

    /// The late shares for the two playout buffers, percent of packets sent.
    public struct Late: Sendable, Equatable, Codable {
        public let buffer60Ms: Double
        public let buffer100Ms: Double
    }

    /// `sendTimesMs[i]` is when packet `i` was sent (nil: not sent); `arrivals` in arrival order.
    public init(sendTimesMs: [Double?], arrivals: [MediaArrival], spacingMs: Double = MediaCodec.packetIntervalMs) {
        let sendTimes = sendTimesMs.map { time -> Double? in time.flatMap { $0.isFinite ? $0 : nil } }
        let sentCount = sendTimes.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
        var seen = [Bool](repeating: false, count: sendTimes.count)
        var transits: [Double] = []          // arrival order, first copies only
        var transitBySequence = [Double?](repeating: nil, count: sendTimes.count)
        var duplicates = 0
        var unexpected = 0
        var reordered = 0
        var highest = -1
        for arrival in arrivals {
            let index = arrival.sequence
            guard index >= 0, index < sendTimes.count, let sentAt = sendTimes[index], arrival.receivedAtMs.isFinite else {
                unexpected += 1
                continue
            }
            if seen[index] {
                duplicates += 1
                continue
            }
            seen[index] = true
            let transit = arrival.receivedAtMs - sentAt
            transits.append(transit)
            transitBySequence[index] = transit
            if index < highest { reordered += 1 } else { highest = index }
        }
        let received = transits.count
        sent = sentCount
        self.received = received
        lost = max(0, sentCount - received)
        lossPercent = sentCount > 0 ? ReportNumber.thousandths(Double(lost) * 100 / Double(sentCount)) : nil
        self.duplicates = duplicates
        self.unexpected = unexpected
        let answered = sendTimes.indices.compactMap { sendTimes[$0] == nil ? nil : seen[$0] }
        bursts = LossBursts(answered: answered, spacingMs: spacingMs)
        transitMs = SampleStatistics(samples: transits)
        jitterMs = transits.count >= 2 ? ReportNumber.milliseconds(Self.rfc3550Jitter(transits)) : nil
        reorderedPercent = received > 0 ? ReportNumber.thousandths(Double(reordered) * 100 / Double(received)) : nil
        if let fastest = transits.min() {
            let variation = transits.map { $0 - fastest }
            delayVariationMs = Percentiles(
                p95: ReportNumber.milliseconds(SampleStatistics.percentile(variation, 95) ?? 0),
                p99: ReportNumber.milliseconds(SampleStatistics.percentile(variation, 99) ?? 0))
            func late(_ buffer: Double) -> Double {
                let count = variation.filter { $0 > buffer }.count
                return ReportNumber.thousandths(Double(count) * 100 / Double(max(sentCount, 1)))
            }
            latePercent = Late(buffer60Ms: late(Self.playoutBuffersMs[0]), buffer100Ms: late(Self.playoutBuffersMs[1]))
            usable = sendTimes.indices.compactMap { index in
                guard sendTimes[index] != nil else { return nil }
                guard let transit = transitBySequence[index] else { return false }
                return transit - fastest <= Self.playoutBuffersMs[0]
            }
        } else {
            delayVariationMs = nil
            latePercent = nil
            usable = [Bool](repeating: false, count: sentCount)
        }
    }

    /// The RFC 3550 jitter estimate after the given transit times (in arrival order), starting
    /// from 0.
    public static func rfc3550Jitter(_ transits: [Double]) -> Double {
        var jitter = 0.0
        for index in transits.indices.dropFirst() {
            let difference = abs(transits[index] - transits[index - 1])
            jitter += (difference - jitter) / 16
        }
        return jitter
    }
}
