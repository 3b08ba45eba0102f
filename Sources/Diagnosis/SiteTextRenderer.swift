/// Renders site reports for a terminal: verdict and why first, then the shared findings.
public enum SiteTextRenderer {
    /// `agentLimit` bounds the per-agent table (the JSON has every agent).
    public static func render(_ reports: [SiteReport], agentLimit: Int = 50) -> String {
        reports.map { render($0, agentLimit: agentLimit) }.joined(separator: "\n")
    }

    public static func render(_ report: SiteReport, agentLimit: Int = 50) -> String {
        var lines: [String] = []
        lines.append("iceprobe site \(SiteText.clean(report.site)): \(report.verdict.rawValue.uppercased())")
        var header = TextTable([.left, .left])
        header.add(["grouped by", SiteText.grouping(report)])
        header.add(["agents", "\(report.agents) (\(SiteText.reportsRead(report.reportsRead)))"])
        header.add(["checked", SiteText.period(report)])
        header.add(["home region", report.homeRegion ?? "-"])
        header.add(["verdicts", SiteText.verdicts(report.verdictCounts)
            + " (\(SiteText.percent(report.readyOrWarningsPercent)) ready or with warnings)"])
        lines += header.render()

        lines.append("")
        lines.append("Why")
        // Reasons and actions quote agent names from reports: untrusted, cleaned.
        for reason in report.verdictReasons { lines.append("  - \(SiteText.clean(reason))") }
        if !report.actions.isEmpty {
            lines.append("What would change it")
            for action in report.actions { lines.append("  - \(SiteText.clean(action))") }
        }

        lines.append("")
        if report.findings.isEmpty {
            lines.append("Findings: none")
        } else {
            lines.append("Findings (most shared first)")
            var table = TextTable([.right, .right, .left, .left])
            for finding in report.findings {
                table.add(["\(finding.agents)", SiteText.percent(finding.percent), finding.severity.rawValue.uppercased(),
                           finding.label + (finding.shared ? " [shared]" : "")])
            }
            let rows = table.render(indent: "  ")
            for (row, finding) in zip(rows, report.findings) {
                lines.append(row)
                lines.append("      \(finding.message)")
                if let action = finding.action { lines.append("      -> \(action)") }
            }
        }

        lines.append("")
        var facts = TextTable([.left, .left])
        facts.add(["NAT types", report.natTypes.map { "\(SiteText.nat($0.name)) \($0.agents)" }.joined(separator: ", ")])
        facts.add(["UDP", SiteText.udp(report.udp)])
        for (index, line) in SiteText.turnLines(report.turn).enumerated() { facts.add([index == 0 ? "TURN" : "", line]) }
        facts.add(["Nearest", SiteText.nearest(report.nearestRegion)])
        lines += facts.render()

        if !report.regions.isEmpty {
            lines.append("")
            lines.append("Regions (distribution of the agents' median STUN RTT, ms)")
            var table = TextTable([.left, .right, .right, .right, .right, .right, .right, .right])
            table.add(["", "agents", "unreach.", "nearest", "median", "p95", "min", "max"])
            for region in report.regions {
                table.add([SiteText.regionName(region), "\(region.agentsMeasured)", "\(region.agentsUnreachable)",
                           "\(region.nearestFor)", SiteText.ms(region.medianMs), SiteText.ms(region.p95Ms),
                           SiteText.ms(region.minMs), SiteText.ms(region.maxMs)])
            }
            lines += table.render(indent: "  ")
        }

        if let routing = report.routing {
            lines.append("")
            lines.append("Queue routing (one-way mouth-to-ear, across agents)")
            for line in SiteText.routing(routing) { lines.append("  \(line)") }
        }
        if let media = report.media {
            lines.append("")
            let mos = media.mosMedian.map { "median MOS \(NumberText.decimal($0, 2))" } ?? "no MOS"
            let lowest = media.mosMin.map { ", lowest \(NumberText.decimal($0, 2))" } ?? ""
            let loss = media.lossMedianPercent.map { ", median loss \(NumberText.decimal($0, 2)) %" } ?? ""
            lines.append("Media streams (check --media): \(media.agents) agents, \(media.failed) could not stream; "
                + "\(mos)\(lowest), \(media.belowMosTarget) below \(NumberText.decimal(SiteMediaSummary.mosTarget, 1))\(loss)")
        }

        lines.append("")
        if report.outliers.isEmpty {
            lines.append("Outliers: none")
        } else {
            lines.append("Outliers (differ from the site's majority)")
            for outlier in report.outliers {
                lines.append("  \(SiteText.clean(outlier.agent)) (\(outlier.verdict.rawValue)): \(outlier.reasons.joined(separator: "; "))")
            }
        }

        lines.append("")
        lines.append("Agents")
        let regions = SiteText.regionIDs(report)
        var table = TextTable([.left, .left, .left, .left, .left] + regions.map { _ in .right })
        table.add(["", "from", "verdict", "nearest", "NAT"] + regions.map { "\($0) ms" })
        let shown = SiteText.shownAgents(report, limit: agentLimit)
        for agent in shown.rows {
            table.add([SiteText.clean(agent.agent), SiteText.clean(agent.source), agent.verdict.rawValue, SiteText.clean(agent.nearestRegion ?? "-"), agent.natType?.rawValue ?? "-"]
                + regions.map { id in
                    agent.unreachableRegions.contains(id) ? "unreach." : SiteText.ms(agent.rttMedianMs[id])
                })
        }
        lines += table.render(indent: "  ")
        if shown.hidden > 0 { lines.append("  ... and \(shown.hidden) more agents (all are in --format json)") }
        return lines.joined(separator: "\n") + "\n"
    }
}
