/// Renders a `NatReport` for people: the plain verdict first, the RFC terms after it.
public enum NatReportRenderer {
    public static func render(_ report: NatReport) -> String {
        let v = report.verdict
        var lines: [String] = []
        lines.append("NAT: \(v.classicType.displayName)")
        lines.append(v.callImpact)
        lines.append("")
        var table = TextTable([.left, .left])
        table.add(["mapping", v.mapping.rawValue + (v.mapping == .unknown && v.mappingVariesByDestination == true ? " (varies by destination)" : "")])
        table.add(["filtering", v.filtering.rawValue])
        table.add(["NAT detected", ReportText.bool(v.natDetected)])
        table.add(["UDP blocked", ReportText.bool(v.udpBlocked)])
        table.add(["ALG", ReportText.bool(v.algDetected, yes: "rewrites addresses", no: "none seen")])
        table.add(["hairpinning", ReportText.bool(v.hairpinning, yes: "works", no: "fails").replacingNotMeasured("not tested (--hairpin)")])
        table.add(["binding lifetime", v.bindingLifetimeSeconds.map { NumberText.decimal($0, 1) + " s" } ?? "not tested (--lifetime)"])
        table.add(["public address", v.publicAddress?.description ?? "-"])
        table.add(["RFC 5780 server", ReportText.bool(v.rfc5780Supported)])
        table.add(["confidence", "\(NumberText.integer(report.confidence * 100)) % (\(report.runs) run\(report.runs == 1 ? "" : "s"))"])
        table.add(["duration", "\(NumberText.integer(report.durationMs)) ms"])
        table.add(["servers", report.servers.isEmpty ? "-" : report.servers.joined(separator: ", ")])
        lines += table.render()
        if !v.notes.isEmpty {
            lines.append("")
            lines.append("Notes")
            for note in v.notes { lines.append("  \(note.id): \(note.message)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

private extension String {
    func replacingNotMeasured(_ replacement: String) -> String {
        self == "not measured" ? replacement : self
    }
}
