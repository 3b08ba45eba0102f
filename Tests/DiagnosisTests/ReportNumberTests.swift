import Foundation
import Testing
import Diagnosis

@Suite struct ReportNumberTests {
    @Test("milliseconds lose binary noise, keep three decimals, are idempotent")
    func rounding() {
        #expect(ReportNumber.milliseconds(138.85000000000002) == 138.85)
        #expect(ReportNumber.milliseconds(0.1 + 0.2) == 0.3)
        #expect(ReportNumber.milliseconds(12.3456) == 12.346)
        #expect(ReportNumber.milliseconds(-12.3454) == -12.345)
        for value in [0.0, 1.5, 138.85, 99_999.999, 4_000_000.123] {
            #expect(ReportNumber.milliseconds(ReportNumber.milliseconds(value)) == ReportNumber.milliseconds(value))
        }
    }

    @Test("non-finite and huge values pass through unchanged")
    func extremes() {
        #expect(ReportNumber.milliseconds(.infinity) == .infinity)
        #expect(ReportNumber.milliseconds(-.infinity) == -.infinity)
        #expect(ReportNumber.milliseconds(.nan).isNaN)
        #expect(ReportNumber.milliseconds(1e300) == 1e300)
        #expect(ReportNumber.milliseconds(.greatestFiniteMagnitude) == .greatestFiniteMagnitude)
    }

    @Test("report JSON writes rounded milliseconds (RTT, routing) and null for not measured")
    func encoding() throws {
        let region = RegionResult(id: "jp1", rttMs: RttSummary(min: 0.1 + 0.2, median: 138.85000000000002, p95: 200.0004),
                                  jitterMs: 1.0000000000000002, lossPercent: 0, reachable: true, samplesSent: 10)
        let delay = MouthToEarDelay(networkMs: 69.42500000000001, jitterBufferMs: 40, codecMs: 25.000000000000004, deviceMs: 20)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let regionJSON = String(decoding: try encoder.encode(region), as: UTF8.self)
        #expect(regionJSON.contains("\"median\":138.85,"), "\(regionJSON)")
        #expect(regionJSON.contains("\"min\":0.3,"), "\(regionJSON)")
        #expect(regionJSON.contains("\"p95\":200"), "\(regionJSON)")
        let delayJSON = String(decoding: try encoder.encode(delay), as: UTF8.self)
        #expect(delayJSON == "{\"codecMs\":25,\"deviceMs\":20,\"jitterBufferMs\":40,\"networkMs\":69.425}")
        let measured = String(decoding: try encoder.encode(Timing(elapsedMs: 2.0000000000000004, rttMs: 0.30000000000000004)), as: UTF8.self)
        #expect(measured == "{\"elapsedMs\":2,\"rttMs\":0.3}")
        let unmeasured = String(decoding: try encoder.encode(Timing(elapsedMs: 1, rttMs: nil)), as: UTF8.self)
        #expect(unmeasured == "{\"elapsedMs\":1,\"rttMs\":null}")
    }

    @Test("check report durationMs and region jitterMs are stored and encoded rounded; the report round-trips")
    func durationAndJitter() throws {
        let region = RegionResult(id: "jp1", rttSamplesMs: [10.4, 11.0, 10.8, 12.6, 10.9, 11.3, 10.7, 14.2, 11.1, 10.6], sent: 10)
        #expect(region.jitterMs == 1.378)
        var report = CheckReport(verdict: .ready, site: nil, agent: nil, startedAt: Date(timeIntervalSince1970: 0),
                                 durationMs: 4210.400000000001, homeRegion: nil, regions: [region], nearestRegion: nil,
                                 routing: nil, udpReachable: nil, dns: nil, ipv6Available: nil, nat: nil, turn: nil,
                                 candidates: nil, findings: [], checks: [])
        #expect(report.durationMs == 4210.4)
        var json = try ReportJSON.render(report)
        #expect(json.contains("\"durationMs\" : 4210.4,") && json.contains("\"jitterMs\" : 1.378,"), "\(json)")
        #expect(try ReportJSON.decode(Data(json.utf8)) == report)
        // The encoder rounds too: values set after init, or decoded from older unrounded reports.
        report.durationMs = 0.1 + 0.2
        let old = try ReportJSON.render(report).replacingOccurrences(of: "\"jitterMs\" : 1.378", with: "\"jitterMs\" : 1.3777777777777775")
        #expect(old.contains("1.3777777777777775"))
        json = try ReportJSON.render(try ReportJSON.decode(Data(old.utf8)))
        #expect(json.contains("\"durationMs\" : 0.3,") && json.contains("\"jitterMs\" : 1.378,"), "\(json)")
        let unmeasured = RegionResult(id: "de1", rttSamplesMs: [], sent: 10)
        #expect(unmeasured.jitterMs == nil)
    }
}

/// A report-like value using the container helpers.
private struct Timing: Encodable {
    var elapsedMs: Double
    var rttMs: Double?

    enum CodingKeys: String, CodingKey { case elapsedMs, rttMs }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeMilliseconds(elapsedMs, forKey: .elapsedMs)
        try container.encodeMilliseconds(rttMs, forKey: .rttMs)
    }
}
