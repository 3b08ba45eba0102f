import Foundation
import Testing
@testable import Diagnosis
import IceprobeTestSupport

@Suite struct LossBurstsTests {
    static func flags(_ pattern: String) -> [Bool] { pattern.map { $0 == "." } }

    @Test func nothingSentOrBadSpacingIsNil() {
        #expect(LossBursts(answered: [], spacingMs: 20) == nil)
        #expect(LossBursts(answered: [true], spacingMs: 0) == nil)
        #expect(LossBursts(answered: [true], spacingMs: -5) == nil)
        #expect(LossBursts(answered: [true], spacingMs: .nan) == nil)
        #expect(LossBursts(answered: [true], spacingMs: .infinity) == nil)
    }

    @Test func noLoss() throws {
        let bursts = try #require(LossBursts(answered: Array(repeating: true, count: 50), spacingMs: 20))
        #expect(bursts.lost == 0 && bursts.bursts == 0 && bursts.maxLength == 0)
        #expect(bursts.meanLength == nil && bursts.burstRatio == nil)
        #expect(bursts.worstWindowLossPercent == 0)
    }

    @Test func runsAreCounted() throws {
        // lost: 1, then 3 in a row, then 2 at the very end
        let bursts = try #require(LossBursts(answered: Self.flags("..x....xxx.....xx"), spacingMs: 20))
        #expect(bursts.sent == 17 && bursts.lost == 6 && bursts.bursts == 3 && bursts.maxLength == 3)
        #expect(bursts.meanLength == 2)
        // BurstR = mean length x (1 - p) = 2 x (1 - 6/17)
        #expect(bursts.burstRatio == ReportNumber.thousandths(2 * (1 - 6.0 / 17)))
    }

    @Test func randomAndBurstyLossDifferInBurstRatio() throws {
        let isolated = try #require(LossBursts(answered: Self.flags(String(repeating: "...................x", count: 10)),
                                               spacingMs: 20))
        #expect(isolated.burstRatio == 0.95)          // p = 5 %, every burst of one: 1 x 0.95
        let clustered = try #require(LossBursts(answered: Self.flags(String(repeating: ".", count: 190) + "xxxxxxxxxx"),
                                                spacingMs: 20))
        #expect(clustered.burstRatio == 9.5)          // one burst of ten: 10 x 0.95
    }

    @Test func worstWindowNeedsTenRequestsPer200ms() throws {
        let pattern = Self.flags(String(repeating: ".", count: 40) + "xxxx" + String(repeating: ".", count: 40))
        #expect(try #require(LossBursts(answered: pattern, spacingMs: 20)).worstWindowLossPercent == 40)
        #expect(try #require(LossBursts(answered: pattern, spacingMs: 10)).worstWindowLossPercent == 20)
        #expect(try #require(LossBursts(answered: pattern, spacingMs: 21)).worstWindowLossPercent == nil)
        #expect(try #require(LossBursts(answered: pattern, spacingMs: 50)).worstWindowLossPercent == nil)
        // fewer requests than one window: not measured
        #expect(try #require(LossBursts(answered: Self.flags("xxxx"), spacingMs: 20)).worstWindowLossPercent == nil)
    }

    @Test func slidingWindowMatchesBruteForce() throws {
        var generator = SplitMix64(seed: 0x1CE9_20BE)
        for _ in 0..<300 {
            let count = Int(generator.next() % 200) + 10
            let lossChance = generator.next() % 40
            let answered = (0..<count).map { _ in generator.next() % 100 >= lossChance }
            let bursts = try #require(LossBursts(answered: answered, spacingMs: 20))
            var worst = 0
            for start in 0...(count - 10) {
                worst = max(worst, answered[start..<(start + 10)].filter { !$0 }.count)
            }
            #expect(bursts.worstWindowLossPercent == Double(worst * 10))
            #expect(bursts.lost == answered.filter { !$0 }.count)
        }
    }

    @Test func encodesAndOldReportsDecodeWithoutIt() throws {
        let region = RegionResult(id: "jp1", rttSamplesMs: [10, 11, 12], sent: 4, answered: [true, false, true, true],
                                  spacingMs: 20)
        let data = try JSONEncoder().encode(region)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let bursts = try #require(object["lossBursts"] as? [String: Any])
        #expect(bursts["lost"] as? Int == 1 && bursts["maxLength"] as? Int == 1)
        #expect(bursts["worstWindowLossPercent"] is NSNull)
        let old = #"{"id": "jp1", "rttMs": null, "jitterMs": null, "lossPercent": null, "reachable": null, "samplesSent": null}"#
        let decoded = try JSONDecoder().decode(RegionResult.self, from: Data(old.utf8))
        #expect(decoded.lossBursts == nil)
        // a mismatched flag count is ignored rather than trusted
        #expect(RegionResult(id: "x", rttSamplesMs: [1], sent: 2, answered: [true], spacingMs: 20).lossBursts == nil)
    }
}
