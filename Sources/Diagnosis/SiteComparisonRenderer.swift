/// Renders site comparisons as text or Markdown: verdict change first, then the findings that
/// disappeared and appeared (with agent counts), agents whose verdict changed, and RTT shifts.
public enum SiteComparisonRenderer {
    public static func text(_ comparisons: [SiteComparison]) -> String {
        comparisons.map { lines($0, markdown: false).joined(separator: "\n") + "\n" }.joined(separator: "\n")
    }

    public static func markdown(_ comparisons: [SiteComparison]) -> String {
        comparisons.map { lines($0, markdown: true).joined(separator: "\n") + "\n" }.joined(separator: "\n")
    }

    private static func verdict(_ verdict: Verdict?) -> String { verdict?.rawValue ?? "absent" }

    private static func lines(_ c: SiteComparison, markdown: Bool) -> [String] {
        let site = markdown ? SiteMarkdownRenderer.cell(c.site) : SiteText.clean(c.site)
        var out: [String] = []
        let change = c.verdictChanged ? "\(verdict(c.baselineVerdict)) -> \(verdict(c.currentVerdict))"
            : "\(verdict(c.currentVerdict)) (unchanged)"
        out.append(markdown ? "# iceprobe site \(site): \(change)" : "iceprobe site \(site): \(change)")
        out.append((markdown ? "" : "  ") + "agents: \(c.baselineAgents) -> \(c.currentAgents)")
        func section(_ title: String, _ items: [String]) {
            out.append("")
            out.append(markdown ? "## \(title)" : title)
            if markdown { out.append("") }
            if items.isEmpty { out.append(markdown ? "None." : "  none") }
            for item in items { out.append((markdown ? "- " : "  ") + item) }
        }
        func finding(_ f: SiteFindingChange) -> String {
            let name = markdown ? "`\(f.id.rawValue)`\(f.subject.map { " (\($0))" } ?? "")" : f.label
            return "\(f.severity.rawValue) \(name): \(f.baselineAgents) -> \(f.currentAgents) agents"
        }
        section("Findings that disappeared", c.findingsDisappeared.map(finding))
        section("Findings that appeared", c.findingsAppeared.map { finding($0) + ($0.action.map { "; \($0)" } ?? "") })
        section("Findings on a different number of agents", c.findingsChanged.map(finding))
        section("Agents whose verdict changed", c.agentVerdictChanges.map { "\(SiteText.clean($0.agent)): \(verdict($0.baseline)) -> \(verdict($0.current))" })
        if !c.agentsAdded.isEmpty || !c.agentsRemoved.isEmpty {
            section("Agents added or removed", c.agentsAdded.map { "added \($0)" } + c.agentsRemoved.map { "removed \($0)" })
        }
        var rtt = c.regionShifts.map { shift -> String in
            let delta = shift.deltaMs.map { ($0 > 0 ? "+" : "") + NumberText.decimal($0, 1) + " ms" } ?? "n/a"
            return "\(shift.region): \(SiteText.ms(shift.baselineMedianMs)) -> \(SiteText.ms(shift.currentMedianMs)) ms median (\(delta))"
        }
        if c.baselineDetourMedianMs != nil || c.currentDetourMedianMs != nil {
            rtt.append("queue detour: \(SiteText.ms(c.baselineDetourMedianMs)) -> \(SiteText.ms(c.currentDetourMedianMs)) ms median")
        }
        section("RTT shifts (site median of agents' medians)", rtt)
        return out
    }
}
