/// The check report as a JUnit test suite, for CI systems (`check --junit FILE`).
///
/// Suite `iceprobe check AGENT`: one test case per check of the report (dns, udp, turn, nat,
/// latency, routing, ipv6, and any check a later report adds), named by its id, with the class
/// name `iceprobe.check.AGENT` (`iceprobe.check` without an agent name), so the files of several
/// agents can be merged in one CI report:
/// - not-ready: a failure; its message is the first failure finding (`id: message`), its body
///   every finding of that check with its action;
/// - ready-with-warnings: passes (fails with `warningsFail`, as `check --strict` does), and the
///   warnings, each with its message and action, are its `system-out`;
/// - not measured: skipped.
/// Findings about the run as a whole (no check) form one more case, `run`, when there are any.
///
/// With a baseline comparison, suite `iceprobe check baseline AGENT` (class name
/// `iceprobe.check.baseline.AGENT`) has one case per kind of change
/// (`BaselineChangeKind`: failure-finding, verdict, rtt, loss, reachability, nat-type,
/// turn-transport), failing with its regressions; improvements and notes are its `system-out`.
public enum CheckJUnitRenderer {
    public static func render(_ report: CheckReport, warningsFail: Bool = false) -> String {
        let agent = report.agent.map { " " + $0 } ?? ""
        let classname = "iceprobe.check" + (report.agent.map { "." + $0 } ?? "")
        var properties: [(name: String, value: String)] = [("verdict", report.verdict.rawValue)]
        if let site = report.site { properties.append(("site", site)) }
        if let agent = report.agent { properties.append(("agent", agent)) }
        if let home = report.homeRegion { properties.append(("homeRegion", home)) }
        if let nearest = report.nearestRegion { properties.append(("nearestRegion", nearest)) }
        var cases = report.checks.map { result in
            checkCase(classname: classname, name: result.check.rawValue, verdict: result.verdict,
                      findings: report.findings.filter { $0.check == result.check }, warningsFail: warningsFail)
        }
        let runWide = report.findings.filter { $0.check == nil }
        if !runWide.isEmpty {
            cases.append(checkCase(classname: classname, name: "run", verdict: Verdict(severities: runWide.map(\.severity)), findings: runWide,
                                   warningsFail: warningsFail))
        }
        var suites = [JUnitSuite(name: "iceprobe check" + agent, seconds: report.durationMs / 1000,
                                 timestamp: ReportText.date(report.startedAt), properties: properties, cases: cases)]
        if let baseline = report.baseline {
            suites.append(baselineSuite(baseline, name: "iceprobe check baseline" + agent,
                                        classname: "iceprobe.check.baseline" + (report.agent.map { "." + $0 } ?? "")))
        }
        return JUnitWriter.render(name: "iceprobe check", suites: suites)
    }

    static func checkCase(classname: String, name: String, verdict: Verdict?, findings: [Finding], warningsFail: Bool) -> JUnitCase {
        let details = findings.map(describe).joined(separator: "\n")
        guard let verdict else {
            return JUnitCase(classname: classname, name: name, outcome: .skipped(message: "not measured"), systemOut: details)
        }
        let failing = findings.filter { $0.severity == .failure || (warningsFail && $0.severity == .warning) }
        guard let first = failing.first, verdict == .notReady || warningsFail else {
            return JUnitCase(classname: classname, name: name, outcome: .passed,
                             systemOut: findings.isEmpty ? "" : verdict.rawValue + "\n" + details)
        }
        let more = failing.count > 1 ? " (and \(failing.count - 1) more)" : ""
        return JUnitCase(classname: classname, name: name,
                         outcome: .failure(message: "\(first.id.rawValue): \(first.message)\(more)", type: first.id.rawValue,
                                           details: verdict.rawValue + "\n" + details))
    }

    /// `WARNING high-rtt (us1): message` and `  -> action`.
    static func describe(_ finding: Finding) -> String {
        let subject = finding.subject.map { " (\($0))" } ?? ""
        return "\(finding.severity.rawValue.uppercased()) \(finding.id.rawValue)\(subject): \(finding.message)"
            + (finding.action.map { "\n  -> \($0)" } ?? "")
    }

    static func baselineSuite(_ comparison: BaselineComparison, name: String, classname: String) -> JUnitSuite {
        let cases = BaselineChangeKind.allCases.map { kind in
            let regressions = comparison.regressions.filter { $0.kind == kind }
            let improvements = comparison.improvements.filter { $0.kind == kind }
            let out = improvements.map { BaselineText.line($0, regression: false) }.joined(separator: "\n")
            guard let first = regressions.first else {
                return JUnitCase(classname: classname, name: kind.rawValue, outcome: .passed, systemOut: out)
            }
            let more = regressions.count > 1 ? " (and \(regressions.count - 1) more)" : ""
            return JUnitCase(classname: classname, name: kind.rawValue,
                             outcome: .failure(message: first.message + more, type: "regression",
                                               details: regressions.map { BaselineText.line($0, regression: true) }.joined(separator: "\n")),
                             systemOut: out)
        }
        var properties: [(name: String, value: String)] = [
            ("summary", BaselineText.heading(comparison)),
            ("thresholds", BaselineText.thresholds(comparison.thresholds)),
        ]
        if !comparison.notes.isEmpty { properties.append(("notes", comparison.notes.joined(separator: "; "))) }
        return JUnitSuite(name: name, properties: properties, cases: cases)
    }
}
