import Foundation

/// Shared wording of the renderers: how values are written (presentation only, no judgement).
enum ReportText {
    static func verdict(_ verdict: Verdict?) -> String {
        guard let verdict else { return "not measured" }
        return verdict.rawValue
    }

    static func optionalMs(_ value: Double?) -> String {
        value.map { NumberText.decimal($0, 1) } ?? "-"
    }

    static func bool(_ value: Bool?, yes: String = "yes", no: String = "no") -> String {
        value.map { $0 ? yes : no } ?? "not measured"
    }

    static func date(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    static func turn(_ turn: TurnTransportResults?) -> String {
        guard let turn, turn.tested else { return "not tested" }
        func state(_ value: Bool?, _ transport: String) -> String {
            guard let value else { return "not tested" }
            if value { return "ok" }
            let names = turn.failures.filter { $0.transport == transport }.map(\.error)
            return names.isEmpty ? "failed" : "failed (\(names.joined(separator: ", ")))"
        }
        return "udp \(state(turn.udp, "udp")), tcp \(state(turn.tcp, "tcp")), tls \(state(turn.tls, "tls"))"
    }

    static func nat(_ nat: NatVerdict) -> String {
        "\(nat.classicType.displayName) (mapping \(nat.mapping.rawValue), filtering \(nat.filtering.rawValue))"
    }

    static func regionLabel(_ region: RegionResult, report: CheckReport) -> String {
        var tags: [String] = []
        if region.id == report.nearestRegion { tags.append("nearest") }
        if region.id == report.homeRegion { tags.append("home") }
        return tags.isEmpty ? region.id : "\(region.id) (\(tags.joined(separator: ", ")))"
    }

    /// How a region's losses clustered, for people; nil when nothing was lost or it was not measured.
    static func lossBursts(_ region: RegionResult) -> String? {
        guard let bursts = region.lossBursts, bursts.lost > 0 else { return nil }
        var parts = ["\(bursts.lost) of \(bursts.sent) lost in \(bursts.bursts) burst\(bursts.bursts == 1 ? "" : "s")",
                     "longest \(bursts.maxLength) in a row"]
        if let ratio = bursts.burstRatio { parts.append("BurstR \(NumberText.decimal(ratio, 2))") }
        if let worst = bursts.worstWindowLossPercent {
            parts.append("worst \(NumberText.integer(LossBursts.windowMs)) ms: \(NumberText.decimal(worst, 0)) % lost")
        } else {
            parts.append("worst \(NumberText.integer(LossBursts.windowMs)) ms not measured (requests more than "
                         + "\(NumberText.integer(LossBursts.windowMs / Double(LossBursts.minimumSamplesPerWindow))) ms apart)")
        }
        return "\(region.id): " + parts.joined(separator: ", ")
    }

    static func path(_ path: RoutingPath) -> String {
        let where_ = path.via == .anchored ? "anchored in \(path.region)" : "bridged via \(path.region)"
        let budget = path.withinG114 ? "within G.114" : "exceeds G.114 (150 ms)"
        return "\(where_): \(NumberText.decimal(path.oneWayDelayMs, 1)) ms one way, R \(NumberText.decimal(path.rFactor, 1)), MOS \(NumberText.decimal(path.mos, 2)), \(budget)"
    }

    /// The candidates as grouped lines, each `type` padded to the widest type present plus two
    /// spaces, e.g. `host   10.0.0.2 (udp, tcp-active)`; `["none"]` when gathering found nothing,
    /// `["not gathered"]` when it did not run.
    static func candidateLines(_ candidates: [CandidateSummary]?) -> [String] {
        guard let candidates else { return ["not gathered"] }
        let lines = CandidateGroups(candidates).lines()
        guard !lines.isEmpty else { return ["none"] }
        let width = lines.map(\.type.count).max() ?? 0
        return lines.map { line in
            line.type + String(repeating: " ", count: width - line.type.count + 2) + line.text
        }
    }

    /// The lines describing local facts: one per interface, then the default routes.
    static func localLines(_ local: LocalFacts?) -> [String] {
        guard let local else { return ["not measured"] }
        var lines: [String] = []
        for interface in local.interfaces {
            let addresses = (interface.ipv4 + interface.ipv6).joined(separator: ", ")
            lines.append("\(interface.name): \(interface.up ? "up" : "down"), MTU \(interface.mtu.map(String.init) ?? "unknown")"
                         + (addresses.isEmpty ? "" : ", \(addresses)"))
        }
        if local.interfaces.isEmpty { lines.append("no interfaces besides loopback") }
        lines.append("IPv4 default route: \(local.defaultRouteInterface ?? "none")"
                     + (local.vpnLikeDefaultRoute == true ? " (looks like a VPN)" : ""))
        lines.append("IPv6 default route: \(local.ipv6DefaultRoute ? "yes" : "none")")
        return lines
    }

    /// The report's first two lines: the root cause and the one action that fixes it.
    static func causeLines(_ report: CheckReport) -> (cause: String, action: String) {
        guard let diagnosis = report.diagnosis else {
            return ("Cause:  not analysed (a report written before root-cause analysis)", "Action: see the findings below")
        }
        guard let root = diagnosis.rootCause else {
            let others = report.findings.filter { $0.severity >= .warning }.map(\.id.rawValue)
            var seen: [String] = []
            for id in others where !seen.contains(id) { seen.append(id) }
            return ("Cause:  none: the network path to the media servers works.",
                    seen.isEmpty ? "Action: none needed."
                        : "Action: nothing for the network; independent findings below have their own: \(seen.joined(separator: ", ")).")
        }
        return ("Cause:  \(diagnosis.summary) [\(root.rawValue)]", "Action: \(diagnosis.action ?? "see the findings below")")
    }

    /// Consequence ids in one line, repeated ids counted: `udp-blocked, region-unreachable (x9)`.
    static func consequenceLine(_ findings: [Finding]) -> String? {
        var order: [FindingID] = []
        var counts: [FindingID: Int] = [:]
        for finding in findings where finding.explainedBy != nil {
            if counts[finding.id] == nil { order.append(finding.id) }
            counts[finding.id, default: 0] += 1
        }
        guard !order.isEmpty else { return nil }
        return order.map { id in counts[id, default: 1] > 1 ? "\(id.rawValue) (x\(counts[id, default: 1]))" : id.rawValue }
            .joined(separator: ", ")
    }

    /// One direct attempt of the path probe: `TLS jp1.example:443 ok (issuer /CN=CA)`.
    static func egress(_ attempt: EgressAttempt) -> String {
        var text = "\(attempt.tls ? "TLS" : "TCP") \(attempt.host):\(attempt.port) \(attempt.result)"
        if let issuer = attempt.certificateIssuer { text += " (issuer \(issuer))" }
        return text
    }

    /// "jp1: stun-udp timeout, stun-tcp timeout" for a region where some method failed; nil otherwise.
    static func failedMethods(_ region: RegionResult) -> String? {
        let failed = (region.methods ?? []).filter { $0.error != nil }
        guard !failed.isEmpty else { return region.note.map { "\(region.id): \($0)" } }
        let text = failed.map { "\($0.method.rawValue) \($0.error ?? "")" }.joined(separator: ", ")
        return "\(region.id): failed \(text)" + (region.note.map { "; \($0)" } ?? "")
    }

    /// One steering name: its answer, RTT and how it compares with the nearest region.
    static func steering(_ steered: SteeringResult) -> String {
        let resolvers = (steered.resolvers ?? []).isEmpty ? "" : " via \((steered.resolvers ?? []).joined(separator: ", "))"
        guard !steered.answer.isEmpty else {
            return "\(steered.name): did not resolve\(resolvers)" + (steered.error.map { " (\($0))" } ?? "")
        }
        var text = "\(steered.name) -> \(steered.answer.prefix(3).joined(separator: ", "))\(resolvers)"
        if let region = steered.region { text += " (\(region))" }
        if let rtt = steered.rttMs {
            text += ", \(NumberText.ms(rtt))"
            if let nearest = steered.nearestRegion, let nearestRtt = steered.nearestRttMs {
                text += " vs nearest \(nearest) \(NumberText.ms(nearestRtt))"
                if let extra = steered.extraOneWayMs { text += ": +\(NumberText.decimal(extra, 1)) ms one way" }
            }
        } else {
            text += ", not timed" + (steered.error.map { " (\($0))" } ?? "")
        }
        return text
    }
}
