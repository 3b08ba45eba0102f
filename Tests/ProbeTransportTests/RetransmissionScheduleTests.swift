import Testing
@testable import ProbeTransport

private func ms(_ value: UInt64) -> UInt64 { Nanoseconds.milliseconds(value) }

struct RetransmissionScheduleTests {
    @Test func rfc8489DefaultsGiveSevenSendsAnd39Point5Seconds() {
        let schedule = RetransmissionSchedule.standard
        #expect(schedule.sendOffsets == [0, 500, 1_500, 3_500, 7_500, 15_500, 31_500].map(ms))
        #expect(schedule.finalDeadline == ms(39_500))
        #expect(schedule.requestCount == 7)
    }

    static let shapes: [(UInt64, Int, UInt64, [UInt64], UInt64)] = [
        // rto ms, Rc, Rm, expected offsets ms, expected deadline ms
        (500, 7, 16, [0, 500, 1_500, 3_500, 7_500, 15_500, 31_500], UInt64(39_500)),
        (100, 3, 16, [0, 100, 300], 1_900),
        (1_000, 1, 4, [0], 4_000),
        (250, 0, 2, [0], 500),          // Rc below 1 behaves as 1
        (50, 4, 1, [0, 50, 150, 350], 400),
    ]

    @Test(arguments: shapes)
    func rfc8489Shape(rto: UInt64, count: Int, lastWait: UInt64, offsets: [UInt64], deadline: UInt64) {
        let schedule = RetransmissionSchedule.rfc8489(rto: ms(rto), requestCount: count, lastWaitMultiplier: lastWait)
        #expect(schedule.sendOffsets == offsets.map(ms))
        #expect(schedule.finalDeadline == ms(deadline))
    }

    static let adaptiveCases: [(UInt64, UInt64)] = [
        // rtt ms, expected rto ms (3 x rtt, floor 100)
        (0, 100), (10, 100), (33, 100), (34, 102), (200, 600),
    ]

    @Test(arguments: adaptiveCases)
    func adaptiveUsesThreeTimesRTTWithFloor(rtt: UInt64, rto: UInt64) {
        let schedule = RetransmissionSchedule.adaptive(measuredRTT: ms(rtt))
        #expect(schedule == RetransmissionSchedule.rfc8489(rto: ms(rto)))
        #expect(schedule.sendOffsets[1] == ms(rto))
        #expect(schedule.finalDeadline == ms(rto) * 79)   // 63 RTO of sends + 16 RTO last wait
    }

    @Test func adaptiveHonoursCustomFloorAndCount() {
        let schedule = RetransmissionSchedule.adaptive(
            measuredRTT: ms(5), rttMultiplier: 4, floor: ms(50), requestCount: 3, lastWaitMultiplier: 2)
        #expect(schedule.sendOffsets == [0, 50, 150].map(ms))
        #expect(schedule.finalDeadline == ms(250))
    }

    @Test func hugeValuesSaturateInsteadOfTrapping() {
        let schedule = RetransmissionSchedule.rfc8489(rto: .max / 3, requestCount: 200, lastWaitMultiplier: .max)
        #expect(schedule.finalDeadline == .max)
        #expect(schedule.sendOffsets.first == 0)
        #expect(schedule.sendOffsets == schedule.sendOffsets.sorted())
        let adaptive = RetransmissionSchedule.adaptive(measuredRTT: .max)
        #expect(adaptive.finalDeadline == .max)
    }

    @Test func reliableIsOneSendWith39Point5Seconds() {
        #expect(RetransmissionSchedule.reliable.sendOffsets == [0])
        #expect(RetransmissionSchedule.reliable.finalDeadline == ms(39_500))
    }

    static let caps: [(UInt64, [UInt64], UInt64)] = [
        (5_000, [0, 500, 1_500, 3_500], 5_000),
        (3_500, [0, 500, 1_500], 3_500),      // a send exactly at the budget is pointless
        (0, [0], 0),
        (100_000, [0, 500, 1_500, 3_500, 7_500, 15_500, 31_500], 39_500),
    ]

    @Test(arguments: caps)
    func cappedToBudget(budget: UInt64, offsets: [UInt64], deadline: UInt64) {
        let schedule = RetransmissionSchedule.standard.capped(at: ms(budget))
        #expect(schedule.sendOffsets == offsets.map(ms))
        #expect(schedule.finalDeadline == ms(deadline))
    }

    @Test func explicitOffsetsAreNormalised() {
        let schedule = RetransmissionSchedule(sendOffsets: [ms(300), ms(100), ms(100), ms(900)], finalDeadline: ms(500))
        #expect(schedule.sendOffsets == [0, ms(100), ms(300)])
        #expect(schedule.description == "sends at [0, 100, 300] ms, gives up at 500 ms")
    }
}
