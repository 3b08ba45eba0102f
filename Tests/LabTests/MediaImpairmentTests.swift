import Testing
@testable import Lab
import Diagnosis
import IceprobeTestSupport

/// The impairments the media scenarios rely on, simulated with the lab's own `ImpairmentSchedule`
/// and the probe's own `MediaLegFigures`: the band `media-jitter.yaml` asserts, reordering, and
/// Gilbert loss with `slotMs` (per packet on a stream, long-run rate on sparse traffic).
@Suite struct MediaImpairmentTests {
    /// A 20 ms stream through one impaired direction that its echoes cross too (as in the lab:
    /// each packet, then its echo `echoAfterMs` after it was released, enter the same queue).
    /// Returns the forward leg's figures.
    static func stream(packets: Int, schedule initial: ImpairmentSchedule, echoAfterMs: Double = 0.5,
                       seed: UInt64) -> MediaLegFigures {
        var random = SplitMix64(seed: seed)
        var schedule = initial
        // Pending arrivals at the queue: (time, index, isEcho), processed in time order.
        var pending: [(time: Double, index: Int, echo: Bool)] = (0..<packets).map { (Double($0) * 20, $0, false) }
        var arrivals: [MediaArrival] = []
        while !pending.isEmpty {
            let next = pending.indices.min { pending[$0].time < pending[$1].time }!
            let item = pending.remove(at: next)
            guard let release = schedule.admit(nowMs: item.time, random: &random) else { continue }
            if !item.echo {
                arrivals.append(MediaArrival(sequence: item.index, receivedAtMs: release))
                pending.append((release + echoAfterMs, item.index, true))
            }
        }
        arrivals.sort { $0.receivedAtMs < $1.receivedAtMs }
        return MediaLegFigures(sendTimesMs: (0..<packets).map { Double($0) * 20 }, arrivals: arrivals)
    }

    /// 20 +/- 20 ms, order kept: RFC 3550 jitter of 500-packet streams. Independent delays would
    /// give E|X1 - X2| = 40/3 = 13.3 ms; the FIFO and the echoes sharing the queue lower it. The
    /// scenario asserts 6.5...17 ms; this prints where 2000 simulated streams fall.
    @Test func jitterBandOfTwentyMillisecondsUniform() {
        let schedule = ImpairmentSchedule(delayMs: 20, jitterMs: 20, reorder: false, burstLoss: nil)
        var values: [Double] = []
        for seed in 0..<2000 {
            let leg = Self.stream(packets: 500, schedule: schedule, seed: UInt64(seed) &* 0x9E37_79B9 &+ 7)
            values.append(leg.jitterMs ?? -1)
            #expect(leg.reorderedPercent == 0)
        }
        values.sort()
        let p005 = values[10], median = values[1000], p995 = values[1989]
        print("RFC 3550 jitter for 20 +/- 20 ms (2000 streams of 500): p0.5 \(p005) median \(median) p99.5 \(p995) ms")
        #expect(p005 >= 6.5 && p995 <= 17, "band \(p005)...\(p995)")
        #expect(median > 9 && median < 13)
    }

    /// 15 +/- 15 ms with reordering allowed: P(overtaking the packet 20 ms ahead) = (10/30)^2 / 2.
    @Test func reorderingShareOfFifteenMillisecondsUniform() {
        let schedule = ImpairmentSchedule(delayMs: 15, jitterMs: 15, reorder: true, burstLoss: nil)
        var total = 0.0
        for seed in 0..<200 {
            let leg = Self.stream(packets: 250, schedule: schedule, seed: UInt64(seed) + 11)
            let share = leg.reorderedPercent ?? 0
            #expect(share >= 1 && share <= 15, "reordered \(share) %")
            total += share
        }
        let mean = total / 200
        #expect(mean > 4 && mean < 7.5, "mean reordered share \(mean) %")
    }

    /// Gilbert 2 % / 25 % with 20 ms slots on a stream whose echoes share the queue: bursts of
    /// about 4 (BurstR about 3.4); random loss of the same rate stays near 1.
    @Test func gilbertBurstRatioAgainstRandomLoss() {
        let gilbert = ImpairmentSchedule(delayMs: 0, jitterMs: 0, reorder: false,
                                         burstLoss: Impairment.BurstLoss(enterPercent: 2, exitPercent: 25, slotMs: 20))
        var ratios: [Double] = []
        for seed in 0..<300 {
            let leg = Self.stream(packets: 750, schedule: gilbert, seed: UInt64(seed) + 101)
            ratios.append(leg.bursts?.burstRatio ?? 0)
        }
        ratios.sort()
        #expect(ratios[0] > 1.5, "lowest burst ratio \(ratios[0])")
        print("Gilbert 2/25 burst ratio (300 streams of 750): min \(ratios[0]) median \(ratios[150]) max \(ratios[299])")
    }

    @Test func slotsLetSparseTrafficMeetTheLongRunRate() {
        // One packet a second: without slots a bad state lasts 4 packets (4 s); with 20 ms slots
        // each packet meets the stationary loss 2 / 27 = 7.4 %, lost ones isolated.
        let burst = Impairment.BurstLoss(enterPercent: 2, exitPercent: 25, slotMs: 20)
        var schedule = ImpairmentSchedule(delayMs: 0, jitterMs: 0, reorder: false, burstLoss: burst)
        var random = SplitMix64(seed: 42)
        var answered: [Bool] = []
        for second in 0..<20_000 {
            answered.append(schedule.admit(nowMs: Double(second) * 1000, random: &random) != nil)
        }
        let bursts = LossBursts(answered: answered, spacingMs: 1000)
        let loss = Double(bursts?.lost ?? 0) / 20_000
        #expect(loss > 0.06 && loss < 0.09, "loss \(loss)")
        #expect((bursts?.burstRatio ?? 9) < 1.2, "burst ratio \(bursts?.burstRatio ?? -1)")
    }
}
