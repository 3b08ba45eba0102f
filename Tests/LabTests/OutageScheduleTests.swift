import Testing
@testable import Lab
import IceprobeTestSupport

/// Time-based outages: the loss share and the outage length follow the configured means whatever
/// the packet rate (unlike per-packet Gilbert loss), and a long silence cannot stall the daemon.
@Suite struct OutageScheduleTests {
    /// Sends packets every `spacingMs` for `durationMs`; returns the loss share and the mean
    /// length of outages in milliseconds (from the first to the last lost packet of a run, plus
    /// one spacing).
    static func run(spacingMs: Double, durationMs: Double, seed: UInt64) -> (loss: Double, meanOutageMs: Double, outages: Int) {
        var random = SplitMix64(seed: seed)
        var schedule = ImpairmentSchedule(delayMs: 0, jitterMs: 0, reorder: false, burstLoss: nil,
                                          outages: Impairment.Outages(meanGapMs: 1_000, meanOutageMs: 100))
        var lost = 0, total = 0, runs = 0, runPackets = 0
        var previousLost = false
        var now = 0.0
        while now < durationMs {
            let dropped = schedule.admit(nowMs: now, random: &random) == nil
            total += 1
            if dropped { lost += 1; runPackets += 1; if !previousLost { runs += 1 } }
            previousLost = dropped
            now += spacingMs
        }
        return (Double(lost) / Double(total), Double(runPackets) * spacingMs / Double(max(runs, 1)), runs)
    }

    @Test(arguments: [1.0, 20.0])
    func lossAndOutageLengthDoNotDependOnThePacketRate(spacingMs: Double) {
        // 2,000 s of traffic: about 1,800 outages, mean 100 ms each, 100 / 1100 = 9.1 % of the time.
        let result = Self.run(spacingMs: spacingMs, durationMs: 2_000_000, seed: 0x0DA6E)
        #expect(result.loss > 0.08 && result.loss < 0.10, "loss \(result.loss) at \(spacingMs) ms spacing")
        #expect(result.outages > 1_500 && result.outages < 2_100, "\(result.outages) outages")
        // Sampled every 20 ms, short outages are missed or rounded: a looser band there.
        let band = spacingMs < 2 ? 90.0...110.0 : 90.0...135.0
        #expect(band.contains(result.meanOutageMs), "mean outage \(result.meanOutageMs) ms at \(spacingMs) ms spacing")
        #expect(Impairment.Outages(meanGapMs: 1_000, meanOutageMs: 100).lossPercent > 9.09)
    }

    @Test func aLongSilenceIsSkippedInBoundedSteps() {
        var random = SplitMix64(seed: 7)
        var schedule = ImpairmentSchedule(delayMs: 5, jitterMs: 0, reorder: false, burstLoss: nil,
                                          outages: Impairment.Outages(meanGapMs: 1, meanOutageMs: 1))
        _ = schedule.admit(nowMs: 0, random: &random)
        // A billion ms later with 1 ms periods: the timeline restarts instead of walking 10^9 steps.
        let release = schedule.admit(nowMs: 1e9, random: &random)
        #expect(release == nil || release == 1e9 + 5)
    }

    @Test func parsedPerDirectionAndPassedToTheDaemon() throws {
        let scenario = try ScenarioParser.parse(yaml: """
        name: o
        regions: [{name: jp1}]
        sites:
          - name: s
            impair: {delayMs: 5, outbound: {outages: {meanGapMs: 2000, meanOutageMs: 150}}}
            clients: [a]
        probes: []
        """, file: "o.yaml")
        let impairment = try #require(scenario.sites.first?.impairment)
        #expect(impairment.outbound.outages == Impairment.Outages(meanGapMs: 2_000, meanOutageMs: 150))
        #expect(impairment.inbound.outages == nil)
        #expect(throws: ScenarioValidationError.self) {
            try ScenarioParser.parse(yaml: """
            name: o
            regions: [{name: jp1}]
            sites:
              - name: s
                impair: {outages: {meanGapMs: 0, meanOutageMs: 90000}}
                clients: [a]
            probes: []
            """, file: "o.yaml")
        }
    }
}
