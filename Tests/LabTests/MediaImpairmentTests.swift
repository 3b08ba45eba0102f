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
        // Two time-ordered queues of arrivals at the impaired direction: the stream's packets
        // (every 20 ms) and the echoes (kept sorted by insertion).
        var next = 0
        var echoes: [(time: Double, index: Int)] = []
        var arrivals: [MediaArrival] = []
        while next < packets || !echoes.isEmpty {
            let streamTime = Double(next) * 20
            if next < packets, echoes.isEmpty || streamTime <= echoes[0].time {
                let index = next
                next += 1
                guard let release = schedule.admit(nowMs: streamTime, random: &random) else { continue }
                arrivals.append(MediaArrival(sequence: index, receivedAtMs: release))
                let echo = (time: release + echoAfterMs, index: index)
                var at = echoes.count
                while at > 0, echoes[at - 1].time > echo.time { at -= 1 }
                echoes.insert(echo, at: at)
            } else {
                let echo = echoes.removeFirst()
                _ = schedule.admit(nowMs: echo.time, random: &random)
            }
        }
        arrivals.sort { $0.receivedAtMs < $1.receivedAtMs }
        return MediaLegFigures(sendTimesMs: (0..<packets).map { Double($0) * 20 }, arrivals: arrivals)
    }

    /// 20 +/- 20 ms, order kept: RFC 3550 jitter of 500-packet streams. Independent delays would
    /// give E|X1 - X2| = 40/3 = 13.3 ms; the FIFO and the echoes sharing the queue lower it. The
    /// scenario asserts 6...18.5 ms; this prints where 400 simulated streams fall.
    @Test func jitterBandOfTwentyMillisecondsUniform() {
        let schedule = ImpairmentSchedule(delayMs: 20, jitterMs: 20, reorder: false, burstLoss: nil)
        var values: [Double] = []
        for seed in 0..<400 {
            let leg = Self.stream(packets: 500, schedule: schedule, seed: UInt64(seed) &* 0x9E37_79B9 &+ 7)
            values.append(leg.jitterMs ?? -1)
            #expect(leg.reorderedPercent == 0)
        }
        values.sort()
        let p005 = values[2], median = values[200], p995 = values[397]
        print("RFC 3550 jitter for 20 +/- 20 ms (400 streams of 500): p0.5 \(p005) median \(median) p99.5 \(p995) ms, "
              + "all within \(values[0])...\(values[399])")
        #expect(values[0] >= 6 && values[399] <= 18.5, "band \(values[0])...\(values[399])")
        #expect(median > 9 && median < 13)
    }

    /// 15 +/- 15 ms with reordering allowed: P(overtaking the packet 20 ms ahead) = (10/30)^2 / 2.
    @Test func reorderingShareOfFifteenMillisecondsUniform() {
        let schedule = ImpairmentSchedule(delayMs: 15, jitterMs: 15, reorder: true, burstLoss: nil)
        var total = 0.0
        for seed in 0..<100 {
            let leg = Self.stream(packets: 250, schedule: schedule, seed: UInt64(seed) + 11)
            let share = leg.reorderedPercent ?? 0
            #expect(share >= 1 && share <= 15, "reordered \(share) %")
            total += share
        }
        let mean = total / 100
        #expect(mean > 4 && mean < 7.5, "mean reordered share \(mean) %")
    }

    /// Gilbert 2 % / 25 % with 20 ms slots on a stream whose echoes share the queue: bursts of
    /// about 4 (BurstR about 3.4); random loss of the same rate stays near 1.
    @Test func gilbertBurstRatioAgainstRandomLoss() {
        let gilbert = ImpairmentSchedule(delayMs: 0, jitterMs: 0, reorder: false,
                                         burstLoss: Impairment.BurstLoss(enterPercent: 2, exitPercent: 25, slotMs: 20))
        var ratios: [Double] = []
        for seed in 0..<150 {
            let leg = Self.stream(packets: 750, schedule: gilbert, seed: UInt64(seed) + 101)
            ratios.append(leg.bursts?.burstRatio ?? 0)
        }
        ratios.sort()
        #expect(ratios[0] > 1.5, "lowest burst ratio \(ratios[0])")
        print("Gilbert 2/25 burst ratio (150 streams of 750): min \(ratios[0]) median \(ratios[75]) max \(ratios[149])")
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

    // MARK: parsing and planning the keys the media scenarios added

    static func parse(_ impair: String) throws -> LinkImpairment {
        let yaml = """
        name: sample
        regions:
          - name: jp1
            impair: \(impair)
        sites:
          - name: home
            clients: [pc1]
        probes: []
        """
        return try #require(try ScenarioParser.parse(yaml: yaml, file: "t.yaml").regions.first).impairment
    }

    @Test func maxPacketBytesAndSlotsParseAndPlan() throws {
        let link = try Self.parse("{maxPacketBytes: 1300, inbound: {burstLoss: {enterPercent: 2, exitPercent: 25, slotMs: 20}}}")
        #expect(link.outbound.maxPacketBytes == 1300 && link.inbound.maxPacketBytes == 1300)
        #expect(link.inbound.burstLoss == Impairment.BurstLoss(enterPercent: 2, exitPercent: 25, slotMs: 20))
        #expect(link.outbound.burstLoss == nil)
        let plan = ImpairmentPlan(link: ImpairmentPlan.Link(name: "region-jp1", internetInterface: "reg0", farNamespace: "ipab12-s-jp1",
                                                            farInterface: "eth0", impairment: link, queues: (4, 5)),
                                  internetNamespace: "ipab12-inet", runDirectory: "/run/x")
        #expect(plan.rules.map(\.argv).filter { $0.contains("length") } == [
            ["iptables", "-w", "5", "-t", "mangle", "-A", "PREROUTING", "-i", "reg0", "-m", "length", "--length", "1301:65535", "-j", "DROP"],
            ["iptables", "-w", "5", "-t", "mangle", "-A", "POSTROUTING", "-o", "reg0", "-m", "length", "--length", "1301:65535", "-j", "DROP"],
        ])
        #expect(plan.daemons.map(\.queue) == [5])
        #expect(plan.daemons.first?.arguments.suffix(2) == ["--burst-slot-ms", "20.0"])
        let removed = try Self.parse("{maxPacketBytes: 1300, inbound: {maxPacketBytes: null}}")
        #expect(removed.inbound.maxPacketBytes == nil && !removed.inbound.needsQueue && removed.inbound.isEmpty)
    }

    @Test func outOfRangeValuesAreRejected() {
        for impair in ["{maxPacketBytes: 20}", "{maxPacketBytes: 70000}", "{maxPacketBytes: big}",
                       "{burstLoss: {enterPercent: 2, exitPercent: 25, slotMs: 0}}",
                       "{burstLoss: {enterPercent: 2, exitPercent: 25, slot: 20}}"] {
            #expect(throws: ScenarioValidationError.self, "\(impair)") { _ = try Self.parse(impair) }
        }
    }
}
