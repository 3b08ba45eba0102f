import Testing
import ProbeTransport
@testable import Probes

/// The planning and waiting math of the NAT probe (pure).
struct NatTimingTests {
    private let ms = Nanoseconds.milliseconds

    @Test("exchange loss is 1 - (1 - q)^2, clamped", arguments: [
        (0.0, 0.0), (0.02, 0.0396), (0.05, 0.0975), (1.0, 1.0), (-1.0, 0.0), (2.0, 1.0), (Double.nan, 1.0),
    ])
    func exchangeLoss(q: Double, expected: Double) {
        #expect(abs(NatTiming.exchangeLossProbability(lossPerDirection: q) - expected) < 1e-9)
    }

    @Test("copies needed so that loss this long is improbable", arguments: [
        // (loss per direction, target, copies)
        (0.02, 1e-4, 3), (0.05, 1e-4, 4), (0.0, 1e-4, 1), (0.10, 1e-4, 6), (0.05, 1.0, 1),
        (0.5, 1e-9, 10), (1.0, 1e-4, 10), (0.05, 0.0, 10), (0.05, -1.0, 10), (0.05, Double.nan, 10),
    ])
    func sendsNeeded(q: Double, target: Double, copies: Int) {
        #expect(NatTiming.sendsNeeded(lossPerDirection: q, target: target) == copies)
    }

    @Test("the default copy count keeps a false 'filtered' below 1e-4 even at 5 % loss, 2.5e-6 at 2 %")
    func defaultsMeetTheAccuracyTarget() {
        let timing = NatTiming.standard
        #expect(timing.sendsForSilence == 4)
        #expect(NatTiming.falseSilenceProbability(sends: 4, lossPerDirection: 0.05) <= 1e-4)
        let atTwoPercent = NatTiming.falseSilenceProbability(sends: 4, lossPerDirection: 0.02)
        #expect(atTwoPercent < 2.5e-6 && atTwoPercent > 2.4e-6)
        // Two filtering tests per run, 100 runs: expected wrong runs far below 2.
        #expect(atTwoPercent * 2 * 100 < 0.001)
        #expect(NatTiming.falseSilenceProbability(sends: 3, lossPerDirection: 0.05) > 1e-4)
    }

    @Test("schedule from a measured RTT", arguments: [
        // rtt ms, offsets ms, final deadline ms
        (10 as UInt64, [0, 20, 40, 60] as [UInt64], 120 as UInt64),
        (120, [0, 60, 120, 180], 420),
        (1, [0, 20, 40, 60], 111),
        (0, [0, 20, 40, 60], 110),
        (400, [0, 200, 400, 600], 1_400),
    ])
    func adaptiveSchedule(rtt: UInt64, offsets: [UInt64], final: UInt64) {
        let schedule = NatTiming.standard.schedule(forRTT: ms(rtt))
        #expect(schedule.sendOffsets == offsets.map { ms($0) })
        #expect(schedule.finalDeadline == ms(final))
    }

    @Test("the wait after the last copy covers at least two round trips")
    func finalWaitCoversTwoRoundTrips() {
        for rtt: UInt64 in [0, 1, 5, 10, 25, 50, 120, 300, 1_000, 5_000] {
            let wait = NatTiming.standard.finalWait(forRTT: ms(rtt))
            #expect(wait >= ms(rtt) * 2)
            #expect(wait >= ms(rtt) + ms(50))
        }
        #expect(NatTiming.standard.schedule(forRTT: .max).finalDeadline == .max)
    }

    @Test("first contact: six sends within 2 s, nothing after the budget")
    func firstContact() {
        let schedule = NatTiming.standard.firstContactSchedule()
        #expect(schedule.sendOffsets == [0, 50, 150, 350, 750, 1_250].map { ms($0) })
        #expect(schedule.finalDeadline == ms(2_000))
        var short = NatTiming.standard
        short.firstContactBudget = ms(200)
        #expect(short.firstContactSchedule().sendOffsets == [0, 50, 150].map { ms($0) })
        #expect(short.firstContactSchedule().finalDeadline == ms(200))
    }

    @Test("worst case for mapping plus filtering stays inside the targets (0.5 s at 10 ms, 1.5 s at 120 ms)")
    func worstCaseBudget() {
        // Test I (one RTT) then the longest of: mapping II/III (one RTT) and filtering II/III
        // unanswered (full schedule); plus one retransmission of test I if it was lost (50 ms + RTT).
        for (rtt, target): (UInt64, UInt64) in [(10, 500), (120, 1_500)] {
            let schedule = NatTiming.standard.schedule(forRTT: ms(rtt))
            let worst = ms(50) + ms(rtt) + schedule.finalDeadline
            #expect(worst < ms(target), "RTT \(rtt) ms: \(worst / 1_000_000) ms")
        }
    }

    @Test("lifetime waits spread evenly up to the maximum", arguments: [
        (10 as UInt64, 5, [2, 4, 6, 8, 10] as [UInt64]),
        (60, 4, [15, 30, 45, 60]),
        (7, 1, [7]),
        (7, 0, [7]),
    ])
    func lifetimeWaits(maximum: UInt64, sockets: Int, expected: [UInt64]) {
        #expect(NatTiming.lifetimeWaits(maximum: Nanoseconds.seconds(Double(maximum)), sockets: sockets)
            == expected.map { Nanoseconds.seconds(Double($0)) })
    }

    @Test("uneven lifetime waits still end exactly at the maximum and increase")
    func unevenLifetimeWaits() {
        let waits = NatTiming.lifetimeWaits(maximum: 1_000_000_007, sockets: 3)
        #expect(waits.last == 1_000_000_007)
        #expect(waits == waits.sorted())
        #expect(NatTiming.lifetimeWaits(maximum: .max, sockets: 64).last == .max)
    }
}
