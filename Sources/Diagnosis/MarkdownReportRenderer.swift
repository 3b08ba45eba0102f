import Foundation

/// Renders a `CheckReport` as Markdown (for tickets and wikis).
public enum MarkdownReportRenderer {
    public static func render(_ report: CheckReport) -> String {
        var lines: [String] = []
        let opening = ReportText.causeLines(report)
        lines.append("**\(cell(opening.cause))**  ")
        lines.append("**\(cell(opening.action))**")
        lines.append("")
        lines.append("# iceprobe check: \(report.verdict.rawValue)")
        lines.append("")
        if let evidence = report.diagnosis?.evidence, !evidence.isEmpty {
            lines.append("Evidence:")
            lines.append("")
            for line in evidence { lines.append("- \(cell(line))") }
            lines.append("")
        }
        lines.append("| | |")
        lines.append("|---|---|")
        lines.append("| site | \(cell(report.site ?? "-")) |")
        lines.append("| agent | \(cell(report.agent ?? "-")) |")
        lines.append("| started | \(ReportText.date(report.startedAt)) |")
        lines.append("| duration | \(NumberText.integer(report.durationMs)) ms |")
        lines.append("| nearest region | \(cell(report.nearestRegion ?? "-")) |")
        lines.append("| home region | \(cell(report.homeRegion ?? "-")) |")

        lines.append("")
        lines.append("## Checks")
        lines.append("")
        lines.append("| check | verdict |")
        lines.append("|---|---|")
        for check in report.checks { lines.append("| \(check.check.rawValue) | \(ReportText.verdict(check.verdict)) |") }

        if !report.regions.isEmpty {
            lines.append("")
            lines.append("## Regions (RTT by the best method that answered)")
            lines.append("")
            lines.append("| region | reachable | min ms | median ms | p95 ms | jitter ms | loss % | method |")
            lines.append("|---|---|--:|--:|--:|--:|--:|---|")
            for region in report.regions {
                lines.append("| \(cell(ReportText.regionLabel(region, report: report))) | \(ReportText.bool(region.reachable)) | "
                    + "\(ReportText.optionalMs(region.rttMs?.min)) | \(ReportText.optionalMs(region.rttMs?.median)) | "
                    + "\(ReportText.optionalMs(region.rttMs?.p95)) | \(ReportText.optionalMs(region.jitterMs)) | "
                    + "\(region.lossPercent.map { NumberText.decimal($0, 1) } ?? "-") | \(region.method?.rawValue ?? "-") |")
            }
            let failed = report.regions.compactMap(ReportText.failedMethods)
            if !failed.isEmpty {
                lines.append("")
                for line in failed { lines.append("- \(cell(line))") }
            }
            let steering = (report.steering ?? []).map(ReportText.steering)
            if !steering.isEmpty {
                lines.append("")
                lines.append("## DNS steering")
                lines.append("")
                for line in steering { lines.append("- \(cell(line))") }
            }
            let bursts = report.regions.compactMap(ReportText.lossBursts)
            if !bursts.isEmpty {
                lines.append("")
                for line in bursts { lines.append("- Loss bursts, \(cell(line))") }
            }
        }

        lines.append("")
        lines.append("## Connectivity")
        lines.append("")
        lines.append("- UDP: \(ReportText.bool(report.udpReachable, yes: "reachable", no: "blocked"))")
        lines.append("- TURN: \(ReportText.turn(report.turn))")
        if let nat = report.nat {
            lines.append("- NAT: \(ReportText.nat(nat)). \(nat.callImpact)")
        } else {
            lines.append("- NAT: not measured")
        }
        lines.append("- IPv6: \(ReportText.bool(report.ipv6Available, yes: "available", no: "not available"))")
        if let candidates = report.candidates, !candidates.isEmpty {
            lines.append("- Candidates:")
            for line in CandidateGroups(candidates).lines() {
                lines.append("  - \(line.type): \(line.text)")
            }
        } else {
            lines.append("- Candidates: \(report.candidates == nil ? "not gathered" : "none")")
        }

        lines.append("")
        lines.append("## This computer")
        lines.append("")
        lines += ReportText.localLines(report.localFacts).map { "- " + $0 }

        if let routing = report.routing {
            lines.append("")
            lines.append("## Queue routing")
            lines.append("")
            lines.append("| path | one-way ms | R | MOS | within G.114 |")
            lines.append("|---|--:|--:|--:|---|")
            for path in routing.paths {
                let name = path.via == .anchored ? "anchored in \(path.region)" : "bridged via \(path.region)"
                lines.append("| \(cell(name)) | \(NumberText.decimal(path.oneWayDelayMs, 1)) | \(NumberText.decimal(path.rFactor, 1)) | "
                    + "\(NumberText.decimal(path.mos, 2)) | \(path.withinG114 ? "yes" : "no") |")
            }
            lines.append("")
            lines.append("Detour: \(NumberText.decimal(routing.detourMs, 1)) ms one way. \(routing.recommendation)")
            lines.append("")
            lines.append("Model: \(routing.formula); " + routing.assumptions.joined(separator: "; ") + ".")
        }

        lines.append("")
        lines.append("## Findings")
        lines.append("")
        if report.findings.isEmpty {
            lines.append("None.")
        } else {
            lines.append("| severity | id | message | action |")
            lines.append("|---|---|---|---|")
            for finding in report.findings {
                let action = finding.explainedBy.map { "(explained by `\($0.rawValue)`)" } ?? cell(finding.action ?? "")
                lines.append("| \(finding.severity.rawValue) | `\(finding.id.rawValue)` | \(cell(finding.message)) | \(action) |")
            }
        }
        if let baseline = report.baseline {
            lines.append("")
            lines.append("## " + BaselineText.heading(baseline))
            lines.append("")
            lines += BaselineText.lines(baseline).map { "- " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Escapes what would break a table cell.
    private static func cell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
