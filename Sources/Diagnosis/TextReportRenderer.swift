/// Renders a `CheckReport` for people in a terminal: short, aligned, most important first.
public enum TextReportRenderer {
    public static func render(_ report: CheckReport) -> String {
        var lines: [String] = []
        let opening = ReportText.causeLines(report)
        lines.append(opening.cause)
        lines.append(opening.action)
        lines.append("")
        lines.append("iceprobe check: \(report.verdict.rawValue.uppercased())")
        var header = TextTable([.left, .left])
        header.add(["site", report.site ?? "-"])
        header.add(["agent", report.agent ?? "-"])
        header.add(["started", ReportText.date(report.startedAt)])
        header.add(["duration", "\(NumberText.integer(report.durationMs)) ms"])
        lines += header.render()
        if let evidence = report.diagnosis?.evidence, !evidence.isEmpty {
            lines.append("")
            lines.append("Evidence")
            for line in evidence { lines.append("  - " + line) }
        }

        lines.append("")
        lines.append("Checks")
        var checks = TextTable([.left, .left])
        for check in report.checks { checks.add([check.check.rawValue, ReportText.verdict(check.verdict)]) }
        lines += checks.render(indent: "  ")

        if !report.regions.isEmpty && !report.regions.contains(where: { $0.reachable == true }) {
            // Nothing answered: one line instead of a table of "unreachable" (keeps one screen).
            let silent = report.regions.filter { $0.reachable == false }.map(\.id)
            let unprobed = report.regions.filter { $0.reachable == nil }.map(\.id)
            var parts: [String] = []
            if !silent.isEmpty { parts.append("no answer from \(silent.joined(separator: ", "))") }
            if !unprobed.isEmpty { parts.append("not measured: \(unprobed.joined(separator: ", "))") }
            lines.append("")
            lines.append("Regions: " + parts.joined(separator: "; "))
        } else if !report.regions.isEmpty {
            lines.append("")
            lines.append("Regions (RTT by the best method that answered, ms)")
            var table = TextTable([.left, .right, .right, .right, .right, .right, .left])
            table.add(["", "min", "median", "p95", "jitter", "loss %", "method"])
            for region in report.regions {
                let label = ReportText.regionLabel(region, report: report)
                if region.reachable == false {
                    table.add([label, "unreachable"])
                } else if region.reachable == nil {
                    table.add([label, "not measured"])
                } else {
                    table.add([label, ReportText.optionalMs(region.rttMs?.min), ReportText.optionalMs(region.rttMs?.median),
                               ReportText.optionalMs(region.rttMs?.p95), ReportText.optionalMs(region.jitterMs),
                               region.lossPercent.map { NumberText.decimal($0, 1) } ?? "-", region.method?.rawValue ?? "-"])
                }
            }
            lines += table.render(indent: "  ")
            for line in report.regions.compactMap(ReportText.failedMethods) { lines.append("  " + line) }
            for line in report.regions.compactMap(ReportText.lossBursts) { lines.append("  loss bursts  " + line) }
        }

        lines.append("")
        var facts = TextTable([.left, .left])
        facts.add(["UDP", ReportText.bool(report.udpReachable, yes: "reachable", no: "blocked")])
        facts.add(["TURN", ReportText.turn(report.turn)])
        facts.add(["NAT", report.nat.map(ReportText.nat) ?? "not measured"])
        if let nat = report.nat { facts.add(["", nat.callImpact]) }
        for (index, attempt) in (report.egress ?? []).enumerated() {
            facts.add([index == 0 ? "Direct" : "", ReportText.egress(attempt)])
        }
        if let proxy = report.proxy { facts.add(["Proxy", "\(proxy) (\(proxy.source))"]) }
        facts.add(["IPv6", ReportText.bool(report.ipv6Available, yes: "available", no: "not available")])
        for (index, line) in ReportText.candidateLines(report.candidates).enumerated() {
            facts.add([index == 0 ? "Candidates" : "", line])
        }
        lines += facts.render()

        lines.append("")
        lines.append("This computer")
        lines += ReportText.localLines(report.localFacts).map { "  " + $0 }

        let steered = report.steering ?? []
        if !steered.isEmpty && steered.allSatisfy({ $0.answer.isEmpty }) {
            // No steering name resolved (the DNS findings say why): one line.
            lines.append("")
            lines.append("DNS steering: not resolved: " + steered.map(\.name).joined(separator: ", "))
        } else if !steered.isEmpty {
            lines.append("")
            lines.append("DNS steering")
            lines += steered.map { "  " + ReportText.steering($0) }
        }

        if let routing = report.routing {
            lines.append("")
            lines.append("Queue routing (one-way mouth-to-ear estimate)")
            for path in routing.paths { lines.append("  " + ReportText.path(path)) }
            lines.append("  detour \(NumberText.decimal(routing.detourMs, 1)) ms; \(routing.recommendation)")
        }

        lines.append("")
        let own = report.findings.filter { $0.explainedBy == nil }
        if own.isEmpty {
            lines.append("Findings: none")
        } else {
            lines.append("Findings")
            for finding in own {
                lines.append("  \(finding.severity.rawValue.uppercased()) \(finding.id.rawValue): \(finding.message)")
                if let action = finding.action { lines.append("    -> \(action)") }
            }
        }
        if let consequences = ReportText.consequenceLine(report.findings) {
            lines.append("  Explained by \(report.diagnosis?.rootCause?.rawValue ?? "the cause"): \(consequences)")
        }
        if let baseline = report.baseline {
            lines.append("")
            lines.append(BaselineText.heading(baseline))
            lines += BaselineText.lines(baseline).map { "  " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
