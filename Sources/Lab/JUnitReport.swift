/// JUnit XML for scenario runs: one test suite per scenario, one test case per expectation
/// plus one "probe runs" per probe (failed when the probe timed out, was killed or printed no
/// parseable JSON), one for the build when it failed, and one for teardown problems.
public enum JUnitReport {
    public static func render(_ results: [ScenarioResult]) -> String {
        var xml = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        let total = results.reduce(0) { $0 + cases(for: $1).count }
        let failures = results.reduce(0) { $0 + cases(for: $1).filter { $0.failure != nil }.count }
        xml.append("<testsuites name=\"iceprobe scenarios\" tests=\"\(total)\" failures=\"\(failures)\">")
        for result in results {
            let items = cases(for: result)
            xml.append("  <testsuite name=\"\(escape(result.scenario.name))\" tests=\"\(items.count)\" failures=\"\(items.filter { $0.failure != nil }.count)\" time=\"\(seconds(result.totalMs))\">")
            for item in items {
                let open = "    <testcase classname=\"\(escape(result.scenario.name)).\(escape(item.probe))\" name=\"\(escape(item.name))\" time=\"\(seconds(item.ms))\""
                if let failure = item.failure {
                    xml.append(open + ">")
                    xml.append("      <failure message=\"\(escape(failure))\">\(escape(failure))</failure>")
                    if !item.output.isEmpty { xml.append("      <system-out>\(escape(item.output))</system-out>") }
                    xml.append("    </testcase>")
                } else {
                    xml.append(open + "/>")
                }
            }
            xml.append("  </testsuite>")
        }
        xml.append("</testsuites>")
        return xml.joined(separator: "\n") + "\n"
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

    static func seconds(_ ms: Double) -> String {
        String((ms / 1000 * 1000).rounded() / 1000)
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // XML 1.0 forbids most control characters.
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r" {
                    out += "?"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
