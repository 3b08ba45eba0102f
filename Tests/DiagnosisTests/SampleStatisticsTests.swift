import Testing
@testable import Diagnosis

@Suite struct SampleStatisticsTests {
    @Test func emptyAndNonFiniteInputGiveNil() {
        #expect(SampleStatistics(samples: []) == nil)
        #expect(SampleStatistics(samples: [.nan, .infinity, -.infinity]) == nil)
        #expect(SampleStatistics.median([]) == nil)
        #expect(SampleStatistics.percentile([], 95) == nil)
        #expect(SampleStatistics.meanSuccessiveDifference([5]) == nil)
        #expect(SampleStatistics.rfc3550Jitter([5]) == nil)
    }

    @Test func singleSample() throws {
        let stats = try #require(SampleStatistics(samples: [42]))
        #expect(stats == SampleStatistics(count: 1, min: 42, median: 42, p95: 42, jitter: nil))
    }

    @Test(arguments: [
        ([3.0, 1, 2], 2.0),
        ([4.0, 1, 3, 2], 2.5),
        ([10.0, 10, 10, 10], 10.0),
        ([1.0, .nan, 3], 2.0),
    ])
    func median(samples: [Double], expected: Double) {
        #expect(SampleStatistics.median(samples) == expected)
    }

    @Test func nearestRankPercentile() {
        let twenty = (1...20).map(Double.init)
        #expect(SampleStatistics.percentile(twenty, 95) == 19)
        #expect(SampleStatistics.percentile(twenty, 100) == 20)
        #expect(SampleStatistics.percentile(twenty, 50) == 10)
        #expect(SampleStatistics.percentile(twenty, 5) == 1)
        let ten = (1...10).map(Double.init)
        #expect(SampleStatistics.percentile(ten, 95) == 10)
        #expect(SampleStatistics.percentile(ten, 0) == nil)
        #expect(SampleStatistics.percentile(ten, 101) == nil)
        #expect(SampleStatistics.percentile(ten, .nan) == nil)
    }

    @Test func jitterIsMeanAbsoluteSuccessiveDifferenceInOrder() throws {
        // |12-10| + |9-12| + |13-9| = 2 + 3 + 4 = 9 over 3 differences.
        let stats = try #require(SampleStatistics(samples: [10, 12, 9, 13]))
        #expect(stats.jitter == 3)
        #expect(stats.min == 9)
        #expect(stats.median == 11)
        #expect(stats.p95 == 13)
        #expect(stats.count == 4)
        // Same values, other order: different jitter.
        #expect(SampleStatistics.meanSuccessiveDifference([9, 10, 12, 13]) == 4.0 / 3.0)
    }

    @Test func rfc3550FilterMatchesHandComputation() throws {
        // D = 16, 16: J1 = 1, J2 = 1 + (16 - 1)/16 = 1.9375
        let jitter = try #require(SampleStatistics.rfc3550Jitter([0, 16, 0]))
        #expect(abs(jitter - 1.9375) < 1e-12)
    }

    @Test(arguments: [
        (10, 10, 0.0 as Double?),
        (10, 9, 10.0),
        (10, 0, 100.0),
        (10, 12, 0.0),
        (0, 0, nil),
        (-1, 0, nil),
        (10, -1, nil),
        (3, 2, 100.0 / 3.0),
    ])
    func loss(sent: Int, received: Int, expected: Double?) {
        #expect(SampleStatistics.lossPercent(sent: sent, received: received) == expected)
    }
}
