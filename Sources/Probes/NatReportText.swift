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
        lines.append("RFC 5780:       \(report.rfc5780 == nil ? "unknown" : report.rfc5780 == true ? "supported by the server" : "not supported by the server (no OTHER-ADDRESS)")")
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
            if let other = server.otherAddress { line += ", alternate \(other)" }
            lines.append(line)
        }
        for note in report.notes { lines.append("Note: \(note.message)") }
        for problem in report.problems { lines.append("Problem: \(problem)") }
        return lines.joined(separator: "\n")
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
