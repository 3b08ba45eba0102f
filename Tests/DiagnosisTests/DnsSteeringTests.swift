import Foundation
import Testing
@testable import Diagnosis

private func region(_ id: String, _ rtt: Double) -> RegionResult {
    RegionResult(id: id, rttMs: RttSummary(min: rtt, median: rtt, p95: rtt), jitterMs: 0.2,
                 lossPercent: 0, reachable: true, samplesSent: 10, method: .stunUdp)
}

private func steered(to address: String, rtt: Double) -> SteeringMeasurement {
    SteeringMeasurement(name: "roaming.example.test", target: "tcp:roaming.example.test:443", answer: [address],
                        timedAddress: address,
                        samples: LatencyMethodSamples(method: .tcpConnect, target: "tcp:roaming.example.test:443",
                                                      rttSamplesMs: [rtt, rtt + 0.2, rtt - 0.1], sent: 3,
                                                      answered: [true, true, true], spacingMs: 50))
}

/// DNS edge steering: the pure comparison and the evaluator's finding.
struct DnsSteeringTests {
    let regions = [region("jp1", 10), region("us1", 160)]
    let addresses = ["jp1": ["203.0.113.2"], "us1": ["203.0.113.18"]]

    func facts(_ measurement: SteeringMeasurement) -> ReadinessFacts {
        var facts = ReadinessFacts(udpReachable: true, regions: regions, homeRegion: "jp1",
                                   dns: DnsFacts(resolved: ["jp1.example.test"], failed: []), ipv6Available: true)
        facts.steering = DnsSteeringClassifier.classify([measurement], regions: regions, resolvers: ["10.97.0.1"],
                                                        regionAddresses: addresses, regionRanges: ["jp1": ["203.0.113.0/28"], "us1": ["203.0.113.16/28"]],
                                                        nearestRegion: "jp1")
        facts.regionEdges = ["jp1": "tokyo", "us1": "ashburn"]
        return facts
    }

    @Test("a resolver steering to a far region: the finding names the resolver, the answer, both RTTs, the extra delay and the action")
    func farRegion() throws {
        let facts = facts(steered(to: "203.0.113.18", rtt: 160))
        let result = try #require(facts.steering?.first)
        #expect(result.region == "us1" && result.nearestRegion == "jp1")
        #expect(result.rttMs == 160 && result.nearestRttMs == 10 && result.extraOneWayMs == 75)
        let assessment = ReadinessEvaluator.evaluate(facts)
        let finding = try #require(assessment.findings.first { $0.id == .dnsSteersToFarRegion })
        #expect(finding.severity == .warning && finding.check == .dns && finding.subject == "roaming.example.test")
        for part in ["10.97.0.1", "203.0.113.18", "us1", "160 ms", "jp1", "10 ms", "75 ms"] {
            #expect(finding.message.contains(part), "\(part) missing: \(finding.message)")
        }
        #expect(finding.action?.contains("resolver") == true && finding.action?.contains("tokyo") == true)
        #expect(assessment.checks.first { $0.check == .dns }?.verdict == .readyWithWarnings)
        #expect(assessment.verdict == .readyWithWarnings)
    }

    @Test("steered to the nearest region, or only a little farther: no finding")
    func nearOrClose() {
        for measurement in [steered(to: "203.0.113.2", rtt: 10.5), steered(to: "198.51.100.77", rtt: 45)] {
            let assessment = ReadinessEvaluator.evaluate(facts(measurement))
            #expect(!assessment.findings.contains { $0.id == .dnsSteersToFarRegion })
        }
        // An unrecognised address 50 ms farther (25 ms one way) is above the 20 ms default.
        let far = ReadinessEvaluator.evaluate(facts(steered(to: "198.51.100.77", rtt: 60)))
        #expect(far.findings.contains { $0.id == .dnsSteersToFarRegion })
        var strict = Thresholds.defaults
        strict.steeringExtraOneWayMs = 100
        #expect(!ReadinessEvaluator.evaluate(facts(steered(to: "203.0.113.18", rtt: 160)), thresholds: strict).findings
            .contains { $0.id == .dnsSteersToFarRegion })
    }

    @Test("the region is recognised by the address ranges when no target resolved to it")
    func byRange() {
        let result = DnsSteeringClassifier.classify([steered(to: "203.0.113.20", rtt: 160)], regions: regions, resolvers: nil,
                                                    regionAddresses: [:], regionRanges: ["jp1": ["203.0.113.0/28"], "us1": ["203.0.113.16/28"]],
                                                    nearestRegion: "jp1")
        #expect(result.first?.region == "us1")
        // Ranges shared by two regions tell nothing.
        let shared = DnsSteeringClassifier.classify([steered(to: "203.0.113.20", rtt: 160)], regions: regions, resolvers: nil,
                                                    regionAddresses: [:], regionRanges: ["jp1": ["203.0.113.0/24"], "us1": ["203.0.113.0/24"]],
                                                    nearestRegion: "jp1")
        #expect(shared.first?.region == nil)
    }

    @Test("a name that did not resolve, or an untimed answer, is reported without a finding")
    func notMeasured() throws {
        let failed = SteeringMeasurement(name: "roaming.example.test", target: "tcp:roaming.example.test:443", error: "dns: no such host")
        let facts = facts(failed)
        let result = try #require(facts.steering?.first)
        #expect(result.answer.isEmpty && result.rttMs == nil && result.extraOneWayMs == nil && result.error?.hasPrefix("dns") == true)
        #expect(!ReadinessEvaluator.evaluate(facts).findings.contains { $0.id == .dnsSteersToFarRegion })
        var silent = steered(to: "203.0.113.18", rtt: 0)
        silent.samples = LatencyMethodSamples(method: .tcpConnect, target: "t", sent: 10, answered: Array(repeating: false, count: 10), error: "timeout")
        let untimed = try #require(self.facts(silent).steering?.first)
        #expect(untimed.rttMs == nil && untimed.error == "timeout")
    }

    @Test("the steering block round-trips through the report JSON, and older reports decode without it")
    func reportJSON() throws {
        let facts = facts(steered(to: "203.0.113.18", rtt: 160))
        let report = CheckReport(facts: facts, assessment: ReadinessEvaluator.evaluate(facts), site: "s", agent: "a",
                                 startedAt: Date(timeIntervalSince1970: 0), durationMs: 1, candidates: nil)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(report)
        #expect(String(decoding: data, as: UTF8.self).contains("\"extraOneWayMs\":75"))
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(CheckReport.self, from: data).steering == report.steering)
    }
}
