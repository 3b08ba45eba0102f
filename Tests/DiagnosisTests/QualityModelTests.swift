import Testing
@testable import Diagnosis

private func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance
}

/// Expected values computed independently (by hand / a calculator) from the published formulas.
@Suite struct QualityModelTests {
    @Test(arguments: [
        // rtt, jitter, loss%, R, MOS
        (160.0, 5.0, 0.0, 88.768, 4.3076603652341765),   // the field-facts example: still 4.3
        (20, 2, 0, 93.918, 4.422749933563576),
        (150, 0, 0, 90.768, 4.357358664626177),          // EL = 160: second branch
        (300, 10, 1, 71.268, 3.655892190554176),
        (100, 0, 5, 79.518, 4.005651082421176),
        (50, 5, 40, 0, 1),                               // loss above R / 2.5: R = 0
        (1200, 0, 0, 6.52, 1.0000314733439999),          // EL >= 1000: R = 0, then floored at 6.52
    ])
    func twilioFormula(rtt: Double, jitter: Double, loss: Double, r: Double, mos: Double) {
        #expect(close(TwilioMos.rFactor(rttMs: rtt, jitterMs: jitter, lossPercent: loss), r))
        #expect(close(TwilioMos.mos(rttMs: rtt, jitterMs: jitter, lossPercent: loss), mos))
    }

    @Test(arguments: [
        // one-way d, loss%, R, MOS
        (80.0, 0.0, 91.28, 4.369083751936),
        (200, 0, 85.903, 4.226180123814712),             // above 177.3: the second delay term
        (30, 1, 87.33093267438073, 4.268255531385017),
        (500, 3, 33.08830536440885, 1.7410142644640012),
        (0, 0, 93.2, 4.409285824),
        (150, 100, 21.799599439055612, 1.3071344174550719),
    ])
    func simplifiedEModel(d: Double, loss: Double, r: Double, mos: Double) {
        #expect(close(EModel.rFactor(oneWayDelayMs: d, lossPercent: loss), r))
        #expect(close(EModel.mos(oneWayDelayMs: d, lossPercent: loss), mos))
    }

    @Test func vonageDelayEstimate() {
        #expect(EModel.oneWayDelayEstimate(rttMs: 100) == 80)
    }

    @Test func invalidInputsGiveNil() {
        for bad in [-1.0, .nan, .infinity] {
            #expect(TwilioMos.rFactor(rttMs: bad, jitterMs: 0, lossPercent: 0) == nil)
            #expect(TwilioMos.rFactor(rttMs: 0, jitterMs: bad, lossPercent: 0) == nil)
            #expect(TwilioMos.rFactor(rttMs: 0, jitterMs: 0, lossPercent: bad) == nil)
            #expect(EModel.rFactor(oneWayDelayMs: bad, lossPercent: 0) == nil)
            #expect(EModel.rFactor(oneWayDelayMs: 0, lossPercent: bad) == nil)
        }
        #expect(EModel.rFactor(oneWayDelayMs: 0, lossPercent: 100.5) == nil)
        #expect(MosScale.mos(rFactor: .nan) == nil)
    }

    @Test func rToMosClampsAndIsMonotonic() {
        #expect(MosScale.mos(rFactor: -5) == 1)
        #expect(MosScale.mos(rFactor: 0) == 1)
        #expect(MosScale.mos(rFactor: 100) == 4.5)
        #expect(MosScale.mos(rFactor: 120) == 4.5)
        var previous = 1.0
        for step in 0...1000 {
            let mos = MosScale.mos(rFactor: Double(step) / 10) ?? -1
            #expect(mos >= previous)
            previous = mos
        }
    }

    @Test(arguments: [
        (4.5, MosBand.excellent), (4.2001, .excellent), (4.2, .great), (4.1, .great), (4.15, .great),
        (4.0999, .good), (4.05, .good), (3.7, .good), (3.6999, .fair), (3.65, .fair), (3.1, .fair),
        (3.0999, .degraded), (1.0, .degraded), (-3, .degraded),
    ])
    func mosBandBoundaries(mos: Double, band: MosBand) {
        #expect(MosBand(mos: mos) == band)
    }

    @Test func mosBandsAreContiguousAndOrdered() {
        #expect(MosBand(mos: .nan) == nil)
        let order: [MosBand] = [.degraded, .fair, .good, .great, .excellent]
        var lastIndex = 0
        for step in 1000...4500 {   // every 0.001 from 1.0 to 4.5
            guard let band = MosBand(mos: Double(step) / 1000), let index = order.firstIndex(of: band) else {
                Issue.record("no band for \(step)")
                continue
            }
            #expect(index >= lastIndex, "bands must not go down as MOS rises (\(step))")
            lastIndex = index
        }
        #expect(lastIndex == order.count - 1)
    }

    @Test(arguments: [
        (0.0, G114Band.preferred as G114Band?), (149.9, .preferred), (150, .acceptableWithImpact),
        (400, .acceptableWithImpact), (400.1, .unacceptable), (-1, nil), (.nan, nil),
    ])
    func g114Budget(delay: Double, band: G114Band?) {
        #expect(G114Band(oneWayDelayMs: delay) == band)
    }

    @Test func mouthToEarModelTerms() throws {
        let model = MouthToEarModel()
        #expect(MouthToEarModel.networkOneWayMs(legRttsMs: [40, 20]) == 30)
        #expect(MouthToEarModel.networkOneWayMs(legRttsMs: []) == nil)
        #expect(MouthToEarModel.networkOneWayMs(legRttsMs: [10, -1]) == nil)
        // Low jitter: buffer at its 20 ms minimum. 30 + 20 + 26.5 + 40 = 116.5
        let quiet = try #require(model.delay(networkOneWayMs: 30, jitterMs: 3))
        #expect(quiet == MouthToEarDelay(networkMs: 30, jitterBufferMs: 20, codecMs: 26.5, deviceMs: 40))
        #expect(quiet.totalMs == 116.5)
        #expect(quiet.g114 == .preferred)
        // High jitter: buffer 2 x 25 = 50. 30 + 50 + 26.5 + 40 = 146.5
        #expect(model.delay(networkOneWayMs: 30, jitterMs: 25)?.totalMs == 146.5)
        #expect(model.delay(networkOneWayMs: 30, jitterMs: nil)?.jitterBufferMs == 20)
        let g711 = MouthToEarModel(codec: .g711, jitterBufferMinimumMs: 0, jitterBufferJitterFactor: 1, deviceAllowanceMs: 0)
        #expect(g711.delay(networkOneWayMs: 100, jitterMs: 10)?.totalMs == 130)
        #expect(model.delay(networkOneWayMs: .nan, jitterMs: 1) == nil)
        #expect(model.delay(networkOneWayMs: 1, jitterMs: -1) == nil)
    }
}
