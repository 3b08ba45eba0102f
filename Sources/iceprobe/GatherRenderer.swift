import Foundation
import IceAgent
import Probes
#if canImport(Glibc)
import Glibc
#endif

/// Presentation of `iceprobe gather`: trickle lines as events arrive, then the summary, in text,
/// JSON or JSON lines. Writes straight to file descriptor 1 so each trickle line appears at once
/// even when standard output is a pipe.
final class GatherRenderer {
    let mode: GatherCommand.Mode
    let format: GatherCommand.Format
    private var buffered: [GatherEvent] = []

    init(mode: GatherCommand.Mode, format: GatherCommand.Format) {
        self.mode = mode
        self.format = format
    }

    /// Handles a candidate or server event: printed now in trickle mode, kept for later in vanilla.
    func event(_ event: GatherEvent) throws {
        guard mode == .trickle else {
            buffered.append(event)
            return
        }
        try emit(event)
    }

    /// Prints what vanilla mode kept back, then the summary.
    func finish(_ report: GatheringReport, connectivity: ConnectivityReport?, turnChecks: [TurnAttemptResult]?) throws {
        switch format {
        case .text:
            if mode == .vanilla {
                Self.write("Candidates (\(report.candidates.count)):")
                for candidate in report.candidates { Self.write(Self.line(candidate)) }
            }
            Self.write(Self.summary(report, connectivity: connectivity, turnChecks: turnChecks, mode: mode))
        case .jsonLines:
            if mode == .vanilla {
                for event in buffered { try emit(event) }
            }
            Self.write(try GatherJSON.line(GatherJSON.Summary(mode: mode.rawValue, report: report,
                                                              connectivity: connectivity, turnChecks: turnChecks)))
        case .json:
            Self.write(try GatherJSON.line(GatherJSON.Summary(mode: mode.rawValue, report: report,
                                                              connectivity: connectivity, turnChecks: turnChecks)))
        }
    }

    private func emit(_ event: GatherEvent) throws {
        switch (format, event) {
        case (.text, .candidate(let candidate)):
            Self.write("+ " + Self.line(candidate))
        case (.text, .serverFinished(let outcome)):
            Self.write("  " + Self.pad(Self.ms(outcome.heldGatheringMs ?? 0) + " ms", 11) + "  done   "
                       + "\(outcome.server): \(outcome.status.rawValue)")
        case (.jsonLines, .candidate(let candidate)):
            var line = GatherJSON.Candidate(candidate)
            line.streamed = true
            Self.write(try GatherJSON.line(line))
        case (.jsonLines, .serverFinished(let outcome)):
            var line = GatherJSON.Server(outcome)
            line.streamed = true
            Self.write(try GatherJSON.line(line))
        default:
            break   // json: everything is in the summary
        }
    }

    /// One candidate: time, type, transport, address, related address, server.
    static func line(_ c: IceCandidate) -> String {
        var text = pad(ms(c.elapsedMs) + " ms", 11) + "  " + pad(c.type.rawValue, 5) + "  " + pad(c.transport.rawValue, 11)
            + "  " + endpoint(c.address, c.port)
        if let related = c.relatedAddress, let port = c.relatedPort {
            text += "  raddr " + endpoint(related, port)
        }
        if let server = c.server { text += "  via \(server)" }
        return text
    }

    static func summary(_ report: GatheringReport, connectivity: ConnectivityReport?, turnChecks: [TurnAttemptResult]?,
                        mode: GatherCommand.Mode) -> String {
        var lines: [String] = []
        if report.cancelled {
            lines.append("Gathering:    cancelled")
        } else if let complete = report.gatheringCompleteMs {
            lines.append("Gathering:    complete after \(ms(complete)) ms (deadline \(report.deadlineMs) ms)")
        } else if !report.servers.contains(where: { $0.status == .deadline }) {
            lines.append("Gathering:    did not run (see the warnings below)")
        } else {
            lines.append("Gathering:    NOT complete at the \(report.deadlineMs) ms deadline")
        }
        let first = report.firstCandidateMs
        func show(_ value: Double?) -> String { value.map { "\(ms($0)) ms" } ?? "none" }
        lines.append("First:        host \(show(first.host)), srflx \(show(first.srflx)), relay \(show(first.relay))")
        if let headStart = report.trickleHeadStartMs {
            lines.append("Trickle:      a trickle client could start connectivity checks \(ms(headStart)) ms sooner "
                         + "than a vanilla one (mode used here: \(mode.rawValue))")
        }
        if !report.servers.isEmpty {
            lines.append("Servers:")
            for server in report.servers {
                var line = "  \(server.server) [\(server.transport)"
                if let address = server.resolvedAddress, !server.server.contains(address) { line += ", \(address)" }
                line += "]: \(server.status.rawValue)"
                if server.candidateCount > 0 { line += ", \(server.candidateCount) candidate(s)" }
                if let srflx = server.firstCandidateMs.srflx { line += ", first srflx \(ms(srflx)) ms" }
                if let relay = server.firstCandidateMs.relay { line += ", first relay \(ms(relay)) ms" }
                if let held = server.heldGatheringMs { line += ", held gathering \(ms(held)) ms" }
                lines.append(line)
                for note in server.notes { lines.append("      \(note)") }
            }
        }
        if let slowest = report.slowestServer,
           let held = report.servers.first(where: { $0.server == slowest })?.heldGatheringMs {
            lines.append("Slowest:      \(slowest) held gathering up for \(ms(held)) ms")
        }
        for warning in report.warnings { lines.append("Warning:      \(warning)") }
        if let connectivity {
            lines.append("Connectivity: \(connectivity.state.rawValue): \(connectivity.detail)")
            if let local = connectivity.localCandidate, let remote = connectivity.remoteCandidate {
                lines.append("  nominated:  \(CandidateAttribute.format(local))")
                lines.append("          to  \(CandidateAttribute.format(remote))")
            }
        }
        if let turnChecks, !turnChecks.isEmpty {
            lines.append("TURN check:   iceprobe's own TURN client, one attempt per server libnice could not explain:")
            for check in turnChecks {
                var line = "  \(check.ok ? "ok  " : "FAIL") \(check.server) over \(check.transport.rawValue): \(check.diagnosis)"
                if let code = check.errorCode { line += " (\(code))" }
                if check.ok, let relay = check.relayRttMs { line += ", relay round trip \(ms(relay)) ms" }
                lines.append(line)
                lines.append("      \(check.explanation)")
            }
        }
        lines.append(report.hasServerCandidate
                     ? "Result:       ok (a srflx or relay candidate was gathered)"
                     : "Result:       FAILED: no srflx or relay candidate (see the servers above)")
        return lines.joined(separator: "\n")
    }

    static func ms(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        if rounded == rounded.rounded(), abs(rounded) < 1e12 { return String(Int64(rounded)) }
        return String(rounded)
    }

    /// `address:port`; port 0 (a tcp-active candidate, which never listens) prints the address alone.
    static func endpoint(_ address: String, _ port: UInt16) -> String {
        if port == 0 { return address }
        return address.contains(":") ? "[\(address)]:\(port)" : "\(address):\(port)"
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// Writes one line to standard output, unbuffered.
    static func write(_ text: String) {
        let bytes = Array((text + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.write(1, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            offset += written
        }
    }
}
