import Testing
@testable import Diagnosis

@Suite struct QueueRoutingEstimateTests {
    /// A Japanese site: jp1 10 ms away, us1 150 ms away, no inter-region RTT given.
    @Test func japaneseSiteBridgedThroughUs1() throws {
        let input = QueueRoutingInput(homeRegion: "jp1", farRegion: "us1", homeRttMs: 10, farRttMs: 150,
                                      homeJitterMs: 2, farJitterMs: 3, homeLossPercent: 0, farLossPercent: 0)
        let estimate = try #require(QueueRoutingEstimate.estimate(input))
        // Anchored: (10 + 10) / 2 + 20 + 26.5 + 40 = 96.5
        #expect(estimate.anchored.oneWayDelayMs == 96.5)
        #expect(estimate.anchored.delay.networkMs == 10)
        #expect(estimate.anchored.withinG114)
        #expect(estimate.anchored.g114 == .preferred)
        // Inter-region estimated as 150 - 10 = 140; bridged: (150 + 10 + 140) / 2 + 86.5 = 236.5
        #expect(estimate.interRegionRttMs == 140)
        #expect(estimate.interRegionRttEstimated)
        #expect(estimate.customerRttAssumed)
        #expect(estimate.bridged.customerLegRttMs == 150)
        #expect(estimate.bridged.oneWayDelayMs == 236.5)
        #expect(!estimate.bridged.withinG114)
        #expect(estimate.bridged.g114 == .acceptableWithImpact)
        #expect(estimate.detourMs == 140)
        // E-model: R = 93.2 - 0.024 d (- 0.11 (d - 177.3) above 177.3)
        #expect(abs(estimate.anchored.rFactor - 90.884) < 1e-9)
        #expect(abs(estimate.bridged.rFactor - 81.012) < 1e-9)
        #expect(estimate.anchored.mos > estimate.bridged.mos)
        #expect(estimate.recommendation == "Anchor the call in a conference in jp1 instead of bridging through a us1 queue: saves ~140 ms one way (237 -> 97 ms mouth-to-ear) and keeps the call within the ITU-T G.114 150 ms budget.")
        #expect(estimate.assumptions.contains { $0.contains("estimated") && $0.contains("lower bound") })
        #expect(estimate.assumptions.contains { $0.contains("customer is near jp1") })
        #expect(estimate.formula.contains("G.107"))
    }

    @Test func givenInterRegionAndCustomerRtt() throws {
        let input = QueueRoutingInput(homeRegion: "jp1", farRegion: "us1", homeRttMs: 20, farRttMs: 160,
                                      interRegionRttMs: 120, customerRttMs: 30)
        let estimate = try #require(QueueRoutingEstimate.estimate(input))
        #expect(!estimate.interRegionRttEstimated && !estimate.customerRttAssumed)
        // Anchored network (20 + 30) / 2 = 25; bridged (160 + 30 + 120) / 2 = 155
        #expect(estimate.anchored.delay.networkMs == 25)
        #expect(estimate.bridged.delay.networkMs == 155)
        #expect(estimate.detourMs == 130)
        #expect(estimate.assumptions.contains("jp1-us1 RTT given: 120 ms"))
    }

    @Test func negligibleDetourSaysNoChange() throws {
        let input = QueueRoutingInput(homeRegion: "us1", farRegion: "us2", homeRttMs: 30, farRttMs: 36,
                                      interRegionRttMs: 2)
        let estimate = try #require(QueueRoutingEstimate.estimate(input))
        #expect(estimate.detourMs == 4)
        #expect(estimate.recommendation == "Bridging through a us2 queue costs about 4 ms one way from here: no change needed.")
    }

    @Test func bothPathsOverBudgetStillRecommendsAnchoring() throws {
        let input = QueueRoutingInput(homeRegion: "jp1", farRegion: "br1", homeRttMs: 120, farRttMs: 380,
                                      homeLossPercent: 2, farLossPercent: 2)
        let estimate = try #require(QueueRoutingEstimate.estimate(input))
        #expect(!estimate.anchored.withinG114 && !estimate.bridged.withinG114)
        #expect(estimate.recommendation.hasPrefix("Anchor the call in a conference in jp1"))
        #expect(!estimate.recommendation.contains("G.114"))
        #expect(estimate.anchored.lossPercent == 2)
    }

    @Test func invalidInputGivesNil() {
        for bad in [-1.0, .nan, .infinity] {
            #expect(QueueRoutingEstimate.estimate(QueueRoutingInput(homeRegion: "a", farRegion: "b", homeRttMs: bad, farRttMs: 1)) == nil)
            #expect(QueueRoutingEstimate.estimate(QueueRoutingInput(homeRegion: "a", farRegion: "b", homeRttMs: 1, farRttMs: 1, farJitterMs: bad)) == nil)
            #expect(QueueRoutingEstimate.estimate(QueueRoutingInput(homeRegion: "a", farRegion: "b", homeRttMs: 1, farRttMs: 1, interRegionRttMs: bad)) == nil)
        }
        #expect(QueueRoutingEstimate.estimate(QueueRoutingInput(homeRegion: "a", farRegion: "b", homeRttMs: 1, farRttMs: 1, homeLossPercent: 101)) == nil)
        // Huge but finite values: no trap, just nil (the sum overflows to infinity).
        #expect(QueueRoutingEstimate.estimate(QueueRoutingInput(homeRegion: "a", farRegion: "b", homeRttMs: 1e308, farRttMs: 1e308, interRegionRttMs: 1e308)) == nil)
    }

    @Test func numberTextIsDeterministicAndTotal() {
        #expect(NumberText.integer(96.5) == "97")
        #expect(NumberText.integer(-2.4) == "-2")
        #expect(NumberText.decimal(3.14159, 2) == "3.14")
        #expect(NumberText.decimal(-0.05, 1) == "-0.1")
        #expect(NumberText.decimal(0.04, 2) == "0.04")
        #expect(NumberText.decimal(7, 1) == "7.0")
        #expect(NumberText.ms(26.5) == "26.5 ms")
        #expect(NumberText.ms(40) == "40 ms")
        #expect(NumberText.integer(1e300) == "1e+300")
        #expect(NumberText.decimal(.nan, 1) == "nan")
        #expect(NumberText.compact(12) == "12")
        #expect(NumberText.compact(12.5) == "12.5")
        #expect(NumberText.compact(0.12549) == "0.125")
        #expect(NumberText.compact(-0.0004) == "0")
        #expect(NumberText.compact(.infinity) == "inf")
    }
}
