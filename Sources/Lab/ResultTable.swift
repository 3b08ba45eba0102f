/// The pass/fail table printed after scenario runs (plain text, fixed-width columns).
public enum ResultTable {
    public static func render(_ results: [ScenarioResult]) -> String {
        var rows: [[String]] = [["RESULT", "SCENARIO", "PROBE", "EXPECTATION", "ACTUAL"]]
        for result in results {
            let name = result.scenario.name
            if let error = result.buildError {
                rows.append(["FAIL", name, "(build)", "lab builds", truncate(error, 90)])
                continue
            }
            for probe in result.probes {
                for attempt in probe.failedAttempts {
                    rows.append(["retry", name, probe.probe.name, "earlier attempt failed", truncate(attempt, 90)])
                }
                if let problem = probe.problem {
                    rows.append(["FAIL", name, probe.probe.name, "probe runs", truncate(problem, 90)])
                }
                for outcome in probe.outcomes {
                    rows.append([outcome.passed ? "pass" : "FAIL", name, probe.probe.name,
                                 outcome.expectation.summary, truncate(outcome.actual, 60)])
                }
                if probe.outcomes.isEmpty && probe.problem == nil {
                    rows.append(["pass", name, probe.probe.name, "(no expectations)", "exit \(probe.exitCode.map(String.init) ?? "-")"])
                }
            }
            for problem in result.teardownProblems {
                rows.append(["FAIL", name, "(teardown)", "nothing left behind", truncate(problem, 90)])
            }
        }
        var widths = [Int](repeating: 0, count: 5)
        for row in rows {
            for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) }
        }
        var out = rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }.joined(separator: "  ")
        }
        out.append("")
        for result in results {
            let rtts = result.probes.compactMap { probe -> String? in
                guard let path = JSONPath("rttMs.median"), case let .number(median)? = probe.output?.value(at: path) else { return nil }
                return "\(probe.probe.name) rtt median \(format(median)) ms"
            }
            out.append("\(result.passed ? "PASSED" : "FAILED") \(result.scenario.name): build \(format(result.buildMs / 1000)) s, total \(format(result.totalMs / 1000)) s" + (rtts.isEmpty ? "" : "; " + rtts.joined(separator: ", ")))
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func truncate(_ text: String, _ length: Int) -> String {
        let flat = text.replacingAll("\n", with: " ")
        return flat.count <= length ? flat : String(flat.prefix(length - 3)) + "..."
    }

    static func format(_ value: Double) -> String {
        let scaled = (value * 10).rounded() / 10
        return scaled == scaled.rounded() ? String(Int(scaled)) : String(scaled)
    }
}
