import Diagnosis

/// JUnit XML for scenario runs: one test suite per scenario, one test case per expectation
/// plus one "probe runs" per probe (failed when the probe timed out, was killed or printed no
/// parseable JSON), one for the build when it failed, and one for teardown problems.
public enum JUnitReport {
    public static func render(_ results: [ScenarioResult]) -> String {
        let suites = results.map { result in
            JUnitSuite(name: result.scenario.name, seconds: result.totalMs / 1000, cases: cases(for: result).map { item in
                JUnitCase(classname: result.scenario.name + "." + item.probe, name: item.name, seconds: item.ms / 1000,
                          outcome: item.failure.map { .failure(message: $0, type: nil, details: $0) } ?? .passed,
                          systemOut: item.failure == nil ? "" : item.output)
            })
        }
        return JUnitWriter.render(name: "iceprobe scenarios", suites: suites)
    }

    struct Case {
        var probe: String
        var name: String
        var ms: Double
        var failure: String?
        var output: String
    }

    static func cases(for result: ScenarioResult) -> [Case] {
        if let error = result.buildError {
            return [Case(probe: "lab", name: "lab builds", ms: result.buildMs, failure: error, output: "")]
        }
        var items: [Case] = []
        for probe in result.probes {
            for (index, attempt) in probe.failedAttempts.enumerated() {
                // A retried probe: the failed attempt is visible in CI, not a failure of the run.
                items.append(Case(probe: probe.probe.name, name: "retried after a failed attempt \(index + 1): \(attempt)",
                                  ms: 0, failure: nil, output: ""))
            }
            // Every probe has a "probe runs" case: it fails when the probe timed out, was killed,
            // printed no JSON or unparseable JSON, whatever its expectations say.
            items.append(Case(probe: probe.probe.name, name: "probe runs", ms: probe.durationMs,
                              failure: probe.problem, output: probe.problem == nil ? "" : probeOutput(probe)))
            for outcome in probe.outcomes {
                var failure: String?
                if !outcome.passed {
                    failure = "expected \(outcome.expectation.summary), got \(outcome.actual)"
                        + (probe.problem.map { " (\($0))" } ?? "")
                }
                items.append(Case(probe: probe.probe.name, name: outcome.expectation.summary, ms: probe.durationMs,
                                  failure: failure, output: failure == nil ? "" : probeOutput(probe)))
            }
        }
        if !result.teardownProblems.isEmpty {
            items.append(Case(probe: "lab", name: "teardown", ms: 0,
                              failure: result.teardownProblems.joined(separator: "; "), output: ""))
        }
        return items
    }

    /// What a failed case shows: the command, its exit, its stdout and the start of its stderr.
    static func probeOutput(_ probe: ProbeResult) -> String {
        var lines = ["$ \(probe.command)", "exit: \(probe.exitCode.map(String.init) ?? "none (\(probe.problem ?? "not run"))")"]
        if !probe.rawOutput.isEmpty { lines.append(probe.rawOutput) }
        if !probe.stderr.isEmpty {
            lines.append("stderr:")
            lines.append(String(probe.stderr.prefix(4000)))
        }
        return lines.joined(separator: "\n")
    }
}
