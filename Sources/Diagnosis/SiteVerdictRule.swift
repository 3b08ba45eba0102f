/// The site verdict from its agents (the rule is documented on `SiteRules`), with the reasons
/// in plain sentences and the actions that would change it, most effective first.
enum SiteVerdictRule {
    struct Decision: Sendable, Equatable {
        let verdict: Verdict
        let reasons: [String]
        let actions: [String]
    }

    /// How many names a sentence lists before saying "and N more".
    static let namesShown = 5

    static func decide(counts: SiteVerdictCounts, findings: [SiteFindingCount], agents: [SiteAgentResult],
                       rules: SiteRules) -> Decision {
        let total = counts.total
        guard total > 0 else {
            return Decision(verdict: .notReady, reasons: ["No agent reports were read for this site."],
                            actions: ["Run iceprobe check on the site's agents."])
        }
        let ok = counts.ready + counts.readyWithWarnings
        let needed = SiteRules.atLeast(percent: rules.readyPercent, of: total)
        let sharedFailures = findings.filter { $0.shared && $0.severity == .failure }
        let sharedWarnings = findings.filter { $0.shared && $0.severity == .warning }
        let notReady = agents.filter { $0.verdict == .notReady }.map(\.agent)

        var reasons: [String] = []
        var actions: [String] = []
        reasons.append("Ready or ready with warnings: \(ok) of \(total) \(agentWord(total)) (\(NumberText.decimal(SitePercent.of(ok, total), 1)) %); "
            + "the rule needs at least \(rules.readyPercent) % (\(needed)).")
        for finding in sharedFailures {
            reasons.append("Shared failure on \(finding.agents) of \(total) agents: \(finding.label): \(finding.message)")
            if let action = finding.action { actions.append(action) }
        }
        if ok < needed {
            let missing = needed - ok
            actions.append("Make \(missing) more \(agentWord(missing)) ready to reach \(rules.readyPercent) %; not ready: \(names(notReady)).")
        }
        let verdict: Verdict
        if ok < needed || !sharedFailures.isEmpty {
            verdict = .notReady
        } else if !notReady.isEmpty || !sharedWarnings.isEmpty {
            verdict = .readyWithWarnings
            if !notReady.isEmpty {
                reasons.append("\(notReady.count) \(agentWord(notReady.count)) not ready without a shared failure "
                    + "(a local problem): \(names(notReady)).")
                actions.append("Fix the local problem of \(names(notReady)) (see their reports and the outliers).")
            }
        } else {
            verdict = .ready
        }
        if verdict != .notReady || !sharedWarnings.isEmpty {
            for finding in sharedWarnings {
                reasons.append("Shared warning on \(finding.agents) of \(total) agents: \(finding.label).")
                if let action = finding.action { actions.append(action) }
            }
        }
        if verdict == .ready {
            reasons.append(counts.ready == total ? "Every agent is ready." : "No failure or warning is shared by enough agents to matter for the site.")
        }
        var seen: Set<String> = []
        return Decision(verdict: verdict, reasons: reasons, actions: actions.filter { seen.insert($0).inserted })
    }

    static func agentWord(_ count: Int) -> String { count == 1 ? "agent" : "agents" }

    /// `a, b, c` or `a, b, c, d, e and 7 more`.
    static func names(_ list: [String]) -> String {
        guard !list.isEmpty else { return "none" }
        let shown = list.prefix(namesShown).joined(separator: ", ")
        return list.count > namesShown ? "\(shown) and \(list.count - namesShown) more" : shown
    }
}
