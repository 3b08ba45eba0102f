import Foundation
import Testing
@testable import Lab

@Suite struct ProbeRetryTests {
    static func result(_ probe: ProbeSpec, passing: Bool) -> ProbeResult {
        let expectation = Expectation(path: JSONPath("state")!, matcher: .equals(.string("connected")))
        let output = JSONValue.object(["state": .string(passing ? "connected" : "failed")])
        return ProbeResult(probe: probe, command: "iceprobe gather", exitCode: 0, durationMs: 1, output: output,
                           rawOutput: "", stderr: "", problem: nil,
                           outcomes: [expectation.evaluate(output: output, facts: [:])])
    }

    @Test func aFailureIsRetriedAndReportedEvenWhenTheRetryPasses() {
        var probe = ProbeSpec(name: "connect", client: "a", kind: "gather", target: "stun:x")
        probe.retries = 2
        var runs = 0
        let result = ScenarioRunner.withRetries(probe, timeLeft: { true }) {
            runs += 1
            return Self.result(probe, passing: runs == 2)
        }
        #expect(runs == 2)
        #expect(result.passed)
        #expect(result.failedAttempts.count == 1)
        #expect(result.failedAttempts.first?.contains(#"state == "connected", got "failed""#) == true, "\(result.failedAttempts)")
        #expect(ResultTable.render([ScenarioResult(scenario: Scenario(name: "s", regions: [], sites: [], probes: [probe]), prefix: "p",
                                                   probes: [result], buildMs: 0, totalMs: 0)]).contains("retry"))
    }

    @Test func retriesAreBoundedAndNotUsedByDefault() {
        var probe = ProbeSpec(name: "connect", client: "a", kind: "gather", target: "stun:x")
        var runs = 0
        let once = ScenarioRunner.withRetries(probe, timeLeft: { true }) { runs += 1; return Self.result(probe, passing: false) }
        #expect(runs == 1 && !once.passed && once.failedAttempts.isEmpty)
        probe.retries = 3
        runs = 0
        let all = ScenarioRunner.withRetries(probe, timeLeft: { true }) { runs += 1; return Self.result(probe, passing: false) }
        #expect(runs == 4 && !all.passed && all.failedAttempts.count == 3)
        runs = 0
        _ = ScenarioRunner.withRetries(probe, timeLeft: { false }) { runs += 1; return Self.result(probe, passing: false) }
        #expect(runs == 1, "no retry once the scenario's time is up")
    }

    @Test func parserReadsAndBoundsRetries() throws {
        let yaml = """
        name: r
        regions: [{name: jp1}]
        sites: [{name: s, clients: [a]}]
        probes:
          - {name: p, client: a, run: stun, region: jp1, retries: RETRIES, expect: {$exitCode: 0}}
        """
        let scenario = try ScenarioParser.parse(yaml: yaml.replacingOccurrences(of: "RETRIES", with: "2"), file: "r.yaml")
        #expect(scenario.probes.first?.retries == 2)
        #expect(throws: ScenarioValidationError.self) {
            try ScenarioParser.parse(yaml: yaml.replacingOccurrences(of: "RETRIES", with: "4"), file: "r.yaml")
        }
    }
}
