import Foundation

/// Renders site reports as Markdown (for tickets and wikis).
public enum SiteMarkdownRenderer {
    public static func render(_ reports: [SiteReport], agentLimit: Int = 50) -> String {
        reports.map { render($0, agentLimit: agentLimit) }.joined(separator: "\n")
    }

    public static func render(_ report: SiteReport, agentLimit: Int = 50) -> String {
        var lines: [String] = []
        lines.append("# iceprobe site \(cell(report.site)): \(report.verdict.rawValue)")
        lines.append("")
        lines.append("| | |")
        lines.append("|---|---|")
        lines.append("| grouped by | \(cell(SiteText.grouping(report))) |")
        lines.append("| agents | \(report.agents) (\(SiteText.reportsRead(report.reportsRead))) |")
        lines.append("| checked | \(SiteText.period(report)) |")
        lines.append("| home region | \(cell(report.homeRegion ?? "-")) |")
        lines.append("| verdicts | \(SiteText.verdicts(report.verdictCounts)) |")
        lines.append("| ready or with warnings | \(SiteText.percent(report.readyOrWarningsPercent)) |")

        lines.append("")
        lines.append("## Why")
        lines.append("")
        for reason in report.verdictReasons { lines.append("- \(line(reason))") }
        if !report.actions.isEmpty {
            lines.append("")
            lines.append("## What would change it")
            lines.append("")
            for (index, action) in report.actions.enumerated() { lines.append("\(index + 1). \(line(action))") }
        }

        lines.append("")
        lines.append("## Findings (most shared first)")
        lines.append("")
        if report.findings.isEmpty {
            lines.append("None.")
        } else {
            lines.append("| agents | % | severity | finding | shared | message | action |")
            lines.append("|--:|--:|---|---|---|---|---|")
            for finding in report.findings {
                lines.append("| \(finding.agents) | \(NumberText.decimal(finding.percent, 1)) | \(finding.severity.rawValue) | "
                    + "`\(finding.id.rawValue)`\(finding.subject.map { " \(cell($0))" } ?? "") | \(finding.shared ? "yes" : "no") | "
                    + "\(cell(finding.message)) | \(cell(finding.action ?? "")) |")
            }
        }

        lines.append("")
        lines.append("## Connectivity")
        lines.append("")
        lines.append("- NAT types: " + report.natTypes.map { "\(SiteText.nat($0.name)) \($0.agents) (\(SiteText.percent($0.percent)))" }
            .joined(separator: ", "))
        lines.append("- UDP: \(SiteText.udp(report.udp))")
        lines.append("- TURN: " + SiteText.turnLines(report.turn).joined(separator: "; "))
        lines.append("- Nearest region: \(SiteText.nearest(report.nearestRegion))")

        if !report.regions.isEmpty {
            lines.append("")
            lines.append("## Regions (agents' median STUN RTT)")
            lines.append("")
            lines.append("| region | agents | unreachable | nearest for | median ms | p95 ms | min ms | max ms |")
            lines.append("|---|--:|--:|--:|--:|--:|--:|--:|")
            for region in report.regions {
                lines.append("| \(cell(SiteText.regionName(region))) | \(region.agentsMeasured) | \(region.agentsUnreachable) | "
                    + "\(region.nearestFor) | \(SiteText.ms(region.medianMs)) | \(SiteText.ms(region.p95Ms)) | "
                    + "\(SiteText.ms(region.minMs)) | \(SiteText.ms(region.maxMs)) |")
            }
        }

        if let routing = report.routing {
            lines.append("")
            lines.append("## Queue routing")
            lines.append("")
            for item in SiteText.routing(routing) { lines.append("- \(line(item))") }
        }

        lines.append("")
        lines.append("## Outliers")
        lines.append("")
        if report.outliers.isEmpty {
            lines.append("None.")
        } else {
            for outlier in report.outliers {
                lines.append("- **\(cell(outlier.agent))** (\(outlier.verdict.rawValue)): \(line(outlier.reasons.joined(separator: "; ")))")
            }
        }

        lines.append("")
        lines.append("## Agents")
        lines.append("")
        let regions = SiteText.regionIDs(report)
        lines.append("| agent | from | verdict | nearest | NAT | " + regions.map { "\(cell($0)) ms" }.joined(separator: " | ") + (regions.isEmpty ? "" : " |"))
        lines.append("|---|---|---|---|---|" + regions.map { _ in "--:|" }.joined())
        let shown = SiteText.shownAgents(report, limit: agentLimit)
        for agent in shown.rows {
            let cells = regions.map { id in agent.unreachableRegions.contains(id) ? "unreachable" : SiteText.ms(agent.rttMedianMs[id]) }
            lines.append("| \(cell(agent.agent)) | \(cell(agent.source)) | \(agent.verdict.rawValue) | \(cell(agent.nearestRegion ?? "-")) | "
                + "\(agent.natType?.rawValue ?? "-") |" + cells.map { " \($0) |" }.joined())
        }
        if shown.hidden > 0 {
            lines.append("")
            lines.append("And \(shown.hidden) more agents (all are in the JSON report).")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func cell(_ text: String) -> String { MarkdownEscape.cell(text) }

    /// A list item on one line (it may quote agent names).
    private static func line(_ text: String) -> String { MarkdownEscape.line(text) }
}
