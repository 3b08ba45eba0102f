import Testing
@testable import Lab

/// The runner's judgement of one finished probe run: a probe that hung, was killed, printed no
/// JSON or unparseable JSON fails whatever its expectations say, and JUnit says why.
@Suite struct ProbeJudgementTests {
    /// Expectations the output below meets, so only the run's own problem can fail the probe.
    static let probe = ProbeSpec(name: "stun-jp1", client: "pc1", kind: "stun", region: "jp1", timeoutSeconds: 5,
                                 expectations: [Lab.Expectation(path: JSONPath("ok")!, matcher: .equals(.bool(true)))])
    static let goodJSON = #"{"ok": true}"#

    static func judge(status: Int32 = 0, stdout: String = goodJSON, stderr: String = "", timedOut: Bool = false,
                      signal: Int32? = nil, probe: ProbeSpec = probe) -> ProbeResult {
        let run = CommandRunner.Result(status: status, stdout: stdout, stderr: stderr, timedOut: timedOut,
                                       durationMs: 42, signal: signal)
        return ScenarioRunner.judge(probe, command: "iceprobe stun stun:jp1.iceprobe.test:3478", run: run,
                                    timeoutSeconds: 5)
    }

    /// The JUnit "probe runs" case of a one-probe scenario: its failure message, nil when it passed.
    static func junitProbeRuns(_ result: ProbeResult) -> (xml: String, failure: String?) {
        let scenario = ScenarioResult(scenario: Scenario(name: "s", regions: [], sites: [], probes: [result.probe]),
                                      probes: [result])
        let xml = JUnitReport.render([scenario])
        let item = JUnitReport.cases(for: scenario).first { $0.name == "probe runs" }
        return (xml, item?.failure)
    }

    @Test func aCleanRunPassesAndRecordsItsExitCode() {
        let result = Self.judge()
        #expect(result.passed && result.problem == nil)
        #expect(result.exitCode == 0)
        let junit = Self.junitProbeRuns(result)
        #expect(junit.failure == nil)
        #expect(junit.xml.contains(#"failures="0""#))
    }

    @Test func aProbeKilledAtItsTimeoutFailsAlthoughItsJSONMeetsTheExpectations() {
        let result = Self.judge(status: 143, timedOut: true, signal: 15)
        #expect(result.outcomes.allSatisfy { $0.passed }, "the printed JSON alone would pass")
        #expect(!result.passed)
        #expect(result.exitCode == nil, "a killed probe has no exit code")
        #expect(result.problem == "timed out: killed after 5 s")
        let junit = Self.junitProbeRuns(result)
        #expect(junit.failure == "timed out: killed after 5 s")
        #expect(junit.xml.contains(#"<failure message="timed out: killed after 5 s""#), "\(junit.xml)")
        #expect(junit.xml.contains("exit: none (timed out: killed after 5 s)"), "\(junit.xml)")
    }

    @Test func aProbeKilledByASignalFails() {
        let result = Self.judge(status: 134, stderr: "Fatal error: Index out of range\nmore", signal: 6)
        #expect(!result.passed)
        #expect(result.exitCode == nil)
        #expect(result.problem == "killed by signal 6; stderr: Fatal error: Index out of range")
        #expect(Self.junitProbeRuns(result).failure == result.problem)
    }

    @Test func aProbeThatPrintsNoJSONFailsEvenWithOnlyAnExitCodeExpectation() {
        var probe = Self.probe
        probe.expectations = [Lab.Expectation(path: JSONPath("$exitCode")!, matcher: .equals(.number(1)))]
        for stdout in ["", "  \n"] {
            let result = Self.judge(status: 1, stdout: stdout, stderr: "error: no route", probe: probe)
            #expect(result.outcomes.allSatisfy { $0.passed }, "the exit code alone would pass")
            #expect(!result.passed)
            #expect(result.exitCode == 1)
            #expect(result.problem == "printed no JSON (exit 1); stderr: error: no route")
            #expect(Self.junitProbeRuns(result).failure == result.problem)
        }
    }

    @Test func aProbeWhoseJSONDoesNotParseFails() {
        // Truncated after the expected field: a parser that stopped early would still find `ok`.
        let result = Self.judge(stdout: #"{"ok": true, "rttMs": {"#)
        #expect(!result.passed)
        #expect(result.output == nil)
        #expect(result.problem?.hasPrefix("output is not JSON (invalid JSON at byte") == true, "\(result.problem ?? "nil")")
        #expect(result.problem?.hasSuffix("; exit 0") == true, "\(result.problem ?? "nil")")
        #expect(Self.junitProbeRuns(result).failure == result.problem)
    }

    @Test func aRetryCannotHideAHang() {
        var probe = Self.probe
        probe.retries = 0
        let result = ScenarioRunner.withRetries(probe, timeLeft: { true }) { Self.judge(status: 143, timedOut: true, signal: 15) }
        #expect(!result.passed)
        let table = ResultTable.render([ScenarioResult(scenario: Scenario(name: "s", regions: [], sites: [], probes: [probe]),
                                                       probes: [result])])
        #expect(table.contains("FAIL    s         stun-jp1  probe runs"), "\(table)")
        #expect(table.contains("FAILED s"), "\(table)")
    }
}
