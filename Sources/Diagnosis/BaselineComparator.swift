/// Compares a check report with an earlier report of the same agent (pure; `check --baseline`).
///
/// Regressions: a failure finding that the baseline did not have (same id and subject); a worse
/// verdict; a region's median RTT or loss rising past `BaselineThresholds`; a region that answered
/// and no longer does; a changed NAT type; a TURN transport that allocated and now fails.
/// The same changes in the other direction are improvements. Whatever was not measured in one of
/// the two runs is not compared, and a note says so.
public enum BaselineComparator {
    public static func compare(baseline: CheckReport, current: CheckReport,
                               thresholds: BaselineThresholds = BaselineThresholds()) -> BaselineComparison {
        var regressions: [BaselineChange] = []
        var improvements: [BaselineChange] = []
        var notes: [String] = []

        if baseline.agent != current.agent {
            notes.append("the baseline is from agent \(baseline.agent ?? "(unnamed)"), this run is \(current.agent ?? "(unnamed)"): compare runs of the same agent (--agent)")
        }
        if baseline.homeRegion != current.homeRegion {
            notes.append("the home region was \(baseline.homeRegion ?? "none") and is \(current.homeRegion ?? "none")")
        }

        // Failure findings, matched by id and subject.
        func key(_ finding: Finding) -> String { finding.id.rawValue + (finding.subject.map { " (\($0))" } ?? "") }
        let before = baseline.findings.filter { $0.severity == .failure }
        let after = current.findings.filter { $0.severity == .failure }
        let beforeKeys = Set(before.map(key)), afterKeys = Set(after.map(key))
        for finding in after where !beforeKeys.contains(key(finding)) {
            let was = baseline.findings.first { key($0) == key(finding) }
            regressions.append(BaselineChange(kind: .failureFinding, subject: key(finding), before: was?.severity.rawValue,
                                              after: finding.severity.rawValue, message: "new failure \(key(finding)): \(finding.message)"))
        }
        for finding in before where !afterKeys.contains(key(finding)) {
            let now = current.findings.first { key($0) == key(finding) }
            improvements.append(BaselineChange(kind: .failureFinding, subject: key(finding), before: finding.severity.rawValue,
                                               after: now?.severity.rawValue, message: "failure \(key(finding)) is gone"
                                                   + (now.map { " (now a \($0.severity.rawValue))" } ?? "")))
        }

        // The overall verdict.
        let verdictChange = BaselineChange(kind: .verdict, subject: nil, before: baseline.verdict.rawValue,
                                           after: current.verdict.rawValue,
                                           message: "verdict \(baseline.verdict.rawValue) -> \(current.verdict.rawValue)")
        if rank(current.verdict) > rank(baseline.verdict) { regressions.append(verdictChange) }
        if rank(current.verdict) < rank(baseline.verdict) { improvements.append(verdictChange) }

        // Regions present in both reports.
        for old in baseline.regions {
            guard let new = current.regions.first(where: { $0.id == old.id }) else {
                notes.append("region \(old.id) is not in this run")
                continue
            }
            guard let wasReachable = old.reachable, let isReachable = new.reachable else {
                notes.append("region \(old.id) was not measured in \(old.reachable == nil ? "the baseline" : "this run")")
                continue
            }
            if wasReachable && !isReachable {
                regressions.append(BaselineChange(kind: .reachability, subject: old.id, before: "reachable", after: "unreachable",
                                                  message: "region \(old.id) no longer answers STUN over UDP"))
                continue
            }
            if !wasReachable && isReachable {
                improvements.append(BaselineChange(kind: .reachability, subject: old.id, before: "unreachable", after: "reachable",
                                                   message: "region \(old.id) answers STUN over UDP again"))
                continue
            }
            guard wasReachable else { continue }
            if let was = old.rttMs?.median, let now = new.rttMs?.median, thresholds.rttExceeded(from: was, to: now) {
                let change = BaselineChange(kind: .rtt, subject: old.id, before: NumberText.decimal(was, 1), after: NumberText.decimal(now, 1),
                                            message: "region \(old.id) median RTT \(NumberText.ms(was)) -> \(NumberText.ms(now)) (\(signedPercent(now / was * 100 - 100)))")
                if now > was { regressions.append(change) } else { improvements.append(change) }
            }
            if let was = old.lossPercent, let now = new.lossPercent, abs(now - was) > thresholds.lossPoints {
                let change = BaselineChange(kind: .loss, subject: old.id, before: NumberText.decimal(was, 1), after: NumberText.decimal(now, 1),
                                            message: "region \(old.id) loss \(NumberText.decimal(was, 1)) % -> \(NumberText.decimal(now, 1)) %")
                if now > was { regressions.append(change) } else { improvements.append(change) }
            }
        }
        for new in current.regions where !baseline.regions.contains(where: { $0.id == new.id }) {
            notes.append("region \(new.id) is not in the baseline")
        }

        // NAT type: any change between two named types.
        if let old = baseline.nat?.classicType, let new = current.nat?.classicType {
            if old == .unknown || new == .unknown {
                if old != new { notes.append("the NAT type could not be compared: \(old.displayName) -> \(new.displayName)") }
            } else if old != new {
                regressions.append(BaselineChange(kind: .natType, subject: nil, before: old.rawValue, after: new.rawValue,
                                                  message: "NAT type changed: \(old.displayName) -> \(new.displayName)"))
            }
        } else if baseline.nat != nil || current.nat != nil {
            notes.append("the NAT type was not measured in \(current.nat == nil ? "this run" : "the baseline")")
        }

        // TURN per transport.
        let transports: [(String, KeyPath<TurnTransportResults, Bool?>)] = [("udp", \.udp), ("tcp", \.tcp), ("tls", \.tls)]
        for (name, path) in transports {
            let was = baseline.turn?[keyPath: path], now = current.turn?[keyPath: path]
            switch (was, now) {
            case (true?, false?):
                let error = current.turn?.failures.first { $0.transport == name }?.error
                regressions.append(BaselineChange(kind: .turnTransport, subject: name, before: "ok", after: error ?? "failed",
                                                  message: "TURN over \(name.uppercased()) stopped working" + (error.map { " (\($0))" } ?? "")))
            case (false?, true?):
                improvements.append(BaselineChange(kind: .turnTransport, subject: name, before: "failed", after: "ok",
                                                   message: "TURN over \(name.uppercased()) works again"))
            case (true?, nil):
                notes.append("TURN over \(name.uppercased()) worked in the baseline and was not tested in this run")
            default:
                break
            }
        }

        return BaselineComparison(baselineStartedAt: baseline.startedAt, baselineAgent: baseline.agent,
                                  baselineVerdict: baseline.verdict, thresholds: thresholds,
                                  regressions: regressions, improvements: improvements, notes: notes)
    }

    static func rank(_ verdict: Verdict) -> Int {
        switch verdict {
        case .ready: 0
        case .readyWithWarnings: 1
        case .notReady: 2
        }
    }

    static func signedPercent(_ value: Double) -> String {
        (value >= 0 ? "+" : "") + NumberText.integer(value) + " %"
    }
}
