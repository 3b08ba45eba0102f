import Testing
@testable import ProbeTransport

struct ClockTests {
    @Test func systemClockIsMonotonicAndSleepsAtLeastTheRequestedTime() async throws {
        let clock = SystemClock()
        let start = clock.now
        try await clock.sleep(nanoseconds: Nanoseconds.milliseconds(20))
        let elapsed = clock.elapsed(since: start)
        #expect(elapsed >= Nanoseconds.milliseconds(20))
        #expect(elapsed < Nanoseconds.seconds(2))
    }

    @Test func manualClockSleepAdvancesWithoutWaiting() async throws {
        let wall = SystemClock()
        let wallStart = wall.now
        let clock = ManualClock(start: 1_000)
        try await clock.sleep(until: Nanoseconds.seconds(39.5))
        #expect(clock.now == Nanoseconds.seconds(39.5))
        try await clock.sleep(until: 5)          // the past: no change
        #expect(clock.now == Nanoseconds.seconds(39.5))
        clock.advance(by: 10)
        #expect(clock.now == Nanoseconds.seconds(39.5) + 10)
        clock.set(to: 0)                         // never goes back
        #expect(clock.now == Nanoseconds.seconds(39.5) + 10)
        #expect(clock.sleepRequests == [Nanoseconds.seconds(39.5), 5])
        #expect(wall.elapsed(since: wallStart) < Nanoseconds.seconds(1))
    }

    @Test func manualClockSaturates() {
        let clock = ManualClock(start: .max - 1)
        clock.advance(by: 10)
        #expect(clock.now == .max)
    }

    static let conversions: [(Double, UInt64)] = [
        (0.0, 0), (-1.0, 0), (Double.nan, 0), (1.5, 1_500_000_000), (1e30, UInt64.max),
    ]

    @Test(arguments: conversions)
    func secondsConversion(seconds: Double, expected: UInt64) {
        #expect(Nanoseconds.seconds(seconds) == expected)
    }
}
