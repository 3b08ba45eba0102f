import Testing
@testable import Lab

struct ReportRenderingTests {
    func result(passing: Bool) -> ScenarioResult {
        let expectation = Lab.Expectation(path: JSONPath("rttMs.median")!, matcher: .range(min: 117, max: 123))
        let probe = ProbeSpec(name: "p<1>", client: "pc1", kind: "stun", region: "jp1", expectations: [expectation])
        let output = try? JSONValue.parse(#"{"rttMs":{"median":\#(passing ? 120 : 130)}}"#)
        let outcome = expectation.evaluate(output: output, facts: [:])
        let probeResult = ProbeResult(probe: probe, command: "iceprobe stun", exitCode: 0, durationMs: 512, output: output,
                                      rawOutput: "{\"a\":\"<&>\"}", stderr: "", problem: nil, outcomes: [outcome])
        let scenario = Scenario(name: "s&1", regions: [], sites: [], probes: [probe])
        return ScenarioResult(scenario: scenario, prefix: "ip0001", probes: [probeResult], buildMs: 900, totalMs: 2000)
    }

    @Test func junitCountsAndEscapes() {
        let xml = JUnitReport.render([result(passing: true), result(passing: false)])
        #expect(xml.contains("<testsuites name=\"iceprobe scenarios\" tests=\"4\" failures=\"1\">"), "one expectation and one \"probe runs\" case per probe")
        #expect(xml.contains("name=\"s&amp;1\""))
        #expect(xml.contains("classname=\"s&amp;1.p&lt;1&gt;\""))
        #expect(xml.contains("<failure message=\"expected rttMs.median in 117...123, got 130\""))
        #expect(xml.contains("<system-out>$ iceprobe stun\nexit: 0\n{&quot;a&quot;:&quot;&lt;&amp;&gt;&quot;}</system-out>"))
        #expect(!xml.contains("<&>"))
    }

    @Test func tableShowsResultsAndFigures() {
        let table = ResultTable.render([result(passing: true), result(passing: false)])
        #expect(table.contains("pass    s&1       p<1>   rttMs.median in 117...123  120"))
        #expect(table.contains("FAIL    s&1       p<1>   rttMs.median in 117...123  130"))
        #expect(table.contains("PASSED s&1: build 0.9 s, total 2 s; p<1> rtt median 120 ms"))
        #expect(result(passing: true).passed && !result(passing: false).passed)
    }
}
