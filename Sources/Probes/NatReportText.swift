import Diagnosis

/// Plain-text rendering of a ``NatReport``: the classic name, the RFC 4787 terms, the sentence
/// about calls, then what was measured. Presentation only.
public enum NatReportText {
    public static func render(_ report: NatReport) -> String {
        var lines: [String] = []
        lines.append("NAT type:   \(report.classicName)")
        lines.append("Mapping:    \(report.mapping.rawValue)   (RFC 4787)")
        lines.append("Filtering:  \(report.filtering.rawValue)   (RFC 4787)")
        lines.append("Verdict:    \(report.verdict)")
        lines.append("")
        lines.append("NAT detected:   \(yesNo(report.natDetected))")
        lines.append("UDP blocked:    \(yesNo(report.udpBlocked))")
        lines.append("Public address: \(report.publicAddress ?? "not seen")   local: \(report.localAddress ?? "unknown")")
        lines.append("Server speaks:  \(standardText(report.serverStandard))")
        lines.append("ALG rewriting:  \(yesNo(report.algDetected))")
        lines.append("Hairpinning:    \(report.hairpinning == nil ? "not tested" : yesNo(report.hairpinning))")
        if let lifetime = report.lifetime {
            if let seconds = report.bindingLifetimeSeconds {
                var text = "at least \(number(seconds)) s"
                if let expired = lifetime.expiredBySeconds { text += ", gone by \(number(expired)) s" }
                else { text += " (outlived the \(number(lifetime.maximumSeconds)) s searched)" }
                lines.append("Binding lifetime: \(text)")
            } else {
                lines.append("Binding lifetime: not determined\(lifetime.problem.map { ": \($0)" } ?? "")")
            }
        }
        var timing = "Took \(number(report.durationMs)) ms"
        if let rtt = report.rttMs { timing += ", RTT \(number(rtt)) ms" }
        if report.runs > 1, let confidence = report.confidence {
            timing += "; \(report.agreeingRuns) of \(report.runs) runs agree (confidence \(number(confidence * 100)) %)"
        }
        if report.strays > 0 { timing += "; \(report.strays) stray packet(s) ignored" }
        lines.append(timing)
        lines.append("")
        lines.append("Tests:")
        for test in report.tests {
            var line = "  \(test.test.padding(toLength: 19, withPad: " ", startingAt: 0)) -> \(test.destination)"
            if let request = test.request { line += " [\(request)]" }
            line += test.answered ? ": answered" : ": no answer"
            if let from = test.answeredFrom, test.answered { line += " from \(from)" }
            if let mapped = test.mappedAddress { line += ", mapped \(mapped)" }
            line += " (\(test.requestsSent) sent, \(number(test.elapsedMs)) ms)"
            if let note = test.note { line += "; \(note)" }
            lines.append(line)
        }
        lines.append("Servers:")
        for server in report.servers {
            var line = "  \(server.uri)"
            if let address = server.address { line += " (\(address))" }
            if let error = server.error { line += ": \(error)" }
            if let standard = server.standard { line += ", \(standard.rawValue)" }
            if let other = server.otherAddress { line += ", alternate \(other) (\(server.otherAddressAttribute ?? "?"))" }
            if let origin = server.responseOrigin { line += ", origin \(origin) (\(server.responseOriginAttribute ?? "?"))" }
            if let mapped = server.mappedAddressAttribute, mapped != "XOR-MAPPED-ADDRESS" { line += ", mapped address from \(mapped)" }
            lines.append(line)
        }
        for note in report.notes { lines.append("Note: \(note.message)") }
        for problem in report.problems { lines.append("Problem: \(problem)") }
        return lines.joined(separator: "\n")
    }

    static func standardText(_ standard: StunServerStandard?) -> String {
        switch standard {
        case .rfc5780?: "RFC 5780 (OTHER-ADDRESS): NAT behaviour discovery supported"
        case .rfc3489?: "RFC 3489 (CHANGED-ADDRESS, no OTHER-ADDRESS): its alternate address serves the same tests"
        case StunServerStandard.none?: "neither RFC 5780 nor RFC 3489 (no alternate address): filtering cannot be measured"
        case nil: "unknown (no answer)"
        }
    }

    static func yesNo(_ value: Bool?) -> String {
        switch value {
        case true?: "yes"
        case false?: "no"
        case nil: "unknown"
        }
    }

    /// Locale-free, at most one decimal.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "?" }
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return String(rounded)
    }
}
