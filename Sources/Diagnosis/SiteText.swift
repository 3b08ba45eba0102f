import Foundation

/// Shared wording of the site renderers (presentation only).
enum SiteText {
    static func percent(_ value: Double?) -> String {
        value.map { NumberText.decimal($0, 1) + " %" } ?? "-"
    }

    static func ms(_ value: Double?) -> String {
        value.map { NumberText.decimal($0, 1) } ?? "-"
    }

    static func agents(_ count: Int) -> String { count == 1 ? "1 agent" : "\(count) agents" }

    /// Names from reports are untrusted: control characters (terminal escapes, newlines) become `?`.
    static func clean(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map {
            $0.properties.generalCategory == .control ? "?" : $0
        }))
    }

    static func reportsRead(_ count: Int) -> String { count == 1 ? "1 report read" : "\(count) reports read" }

    static func verdicts(_ counts: SiteVerdictCounts) -> String {
        "ready \(counts.ready), ready-with-warnings \(counts.readyWithWarnings), not-ready \(counts.notReady)"
    }

    static func period(_ report: SiteReport) -> String {
        let first = ReportText.date(report.firstStartedAt)
        let last = ReportText.date(report.lastStartedAt)
        return first == last ? first : "\(first) to \(last)"
    }

    static func grouping(_ report: SiteReport) -> String {
        switch report.groupedBy {
        case .site: "site"
        case .publicAddress: "public address (reports had no site)"
        case .unknown: "no site and no public address"
        }
    }

    static func transport(_ name: String, _ count: SiteTransportCount) -> String {
        "\(name) works \(count.works), failed \(count.failed), not tested \(count.notTested)"
    }

    static func turnLines(_ turn: SiteTurnSummary) -> [String] {
        var lines = [transport("udp", turn.udp), transport("tcp", turn.tcp), transport("tls", turn.tls),
                     "agents with a working relay \(turn.anyWorks), with none \(turn.noneWorks), not tested \(turn.notTested)"]
        if !turn.failures.isEmpty {
            lines.append("failures: " + turn.failures.map { "\($0.transport) \($0.error) (\(agents($0.agents)))" }.joined(separator: ", "))
        }
        return lines
    }

    static func udp(_ udp: SiteUdpSummary) -> String {
        "reachable \(udp.reachable), blocked \(udp.blocked), not measured \(udp.notMeasured)"
            + (udp.blockedPercent.map { " (\(NumberText.decimal($0, 1)) % of measured blocked)" } ?? "")
    }

    static func nearest(_ nearest: SiteNearestRegion) -> String {
        guard let majority = nearest.majority, let first = nearest.counts.first else { return "none (no region answered)" }
        var text = "\(majority) for \(agents(first.agents)) (\(percent(nearest.agreementPercent)) agree)"
        let others = nearest.counts.dropFirst().map { "\($0.name) \($0.agents)" }
        if !others.isEmpty { text += "; also " + others.joined(separator: ", ") }
        if nearest.none > 0 { text += "; none \(nearest.none)" }
        return text
    }

    static func routing(_ routing: SiteRoutingSummary) -> [String] {
        ["anchored in \(routing.anchoredRegion): \(NumberText.decimal(routing.anchoredMedianOneWayMs, 1)) ms one way "
            + "(median; within G.114 for \(routing.anchoredWithinG114) of \(routing.agents))",
         "bridged via \(routing.bridgedRegion): \(NumberText.decimal(routing.bridgedMedianOneWayMs, 1)) ms one way "
            + "(median; within G.114 for \(routing.bridgedWithinG114) of \(routing.agents))",
         "detour: median \(NumberText.decimal(routing.detourMedianMs, 1)) ms, p95 \(NumberText.decimal(routing.detourP95Ms, 1)) ms over \(agents(routing.agents))",
         routing.recommendation]
    }

    static func regionName(_ region: SiteRegionLatency) -> String { region.home ? "\(region.id) (home)" : region.id }

    static func nat(_ name: String) -> String {
        ClassicNatType(rawValue: name)?.displayName ?? (name == "not-measured" ? "not measured" : name)
    }

    /// Regions in the order of the site's region table.
    static func regionIDs(_ report: SiteReport) -> [String] { report.regions.map(\.id) }

    /// The agent rows a renderer shows (at most `limit`) and how many it leaves out.
    static func shownAgents(_ report: SiteReport, limit: Int) -> (rows: ArraySlice<SiteAgentResult>, hidden: Int) {
        let limit = max(limit, 0)
        return (report.agentResults.prefix(limit), max(0, report.agentResults.count - limit))
    }
}
