import Diagnosis
import Foundation

/// Turns the bytes of one uploaded report into what the store keeps, or a located rejection.
/// Pure (no I/O): decodes with `ReportJSON.decode` (the same reader as `iceprobe site`), then
/// re-encodes with `ReportJSON.render`, so the stored body holds only fields of the report model
/// (a TURN password or any other field an agent might add is dropped, never stored).
public enum ReportIntake {
    /// Larger uploads are refused with 413 (a check report is a few kilobytes).
    public static let maximumBytes = 1 << 20

    public static func accept(_ data: Data, receivedAt: Date) -> Result<StoredReport, IntakeRejection> {
        if data.count > maximumBytes {
            return .failure(IntakeRejection(.tooLarge, "the report is larger than \(maximumBytes) bytes"))
        }
        let report: CheckReport
        do {
            report = try ReportJSON.decode(data)
        } catch {
            switch error {
            case .notJSON(let detail):
                return .failure(IntakeRejection(.badJSON, "not a JSON report: \(located(detail, in: data))"))
            case .unsupportedSchemaVersion, .missingSchemaVersion:
                return .failure(IntakeRejection(.unsupportedSchema, error.description))
            case .invalidField, .otherKind:
                return .failure(IntakeRejection(.invalidReport, error.description))
            }
        }
        let body: String
        do {
            body = try ReportJSON.render(report)
        } catch {
            return .failure(IntakeRejection(.invalidReport, "the report cannot be encoded again: \(error)"))
        }
        let view = SiteReportView(report)
        let (site, grouping) = SiteRollup.site(of: view)
        let name = report.agent?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        let agentKey = name.isEmpty ? "unnamed:" + Sha256.hex(body) : name
        return .success(StoredReport(agentKey: agentKey, startedAtMs: TimeWindow.milliseconds(report.startedAt),
                                     site: SiteRef(name: site, grouping: grouping), verdict: report.verdict.rawValue,
                                     receivedAtMs: TimeWindow.milliseconds(receivedAt), body: body))
    }

    /// Foundation's JSON error says what went wrong and, for most errors, the byte offset
    /// ("around character N"); the message gives it as line and column, and the end of the input
    /// for a truncated report.
    static func located(_ detail: String, in data: Data) -> String {
        // `ReportJSON.decode` already gives most syntax errors as "line L, column C: ...".
        if detail.hasPrefix("line ") { return detail }
        var reason = detail
        if let range = detail.range(of: "NSDebugDescription=") {
            reason = String(detail[range.upperBound...].prefix { $0 != "}" })
        }
        reason = reason.trimmingCharacters(in: CharacterSet(charactersIn: " ."))
        func position(_ offset: Int) -> String {
            var line = 1, column = 1
            for byte in data.prefix(offset) {
                if byte == 0x0a { line += 1; column = 1 } else { column += 1 }
            }
            return "line \(line), column \(column) (byte \(offset))"
        }
        if let range = reason.range(of: "character "),
           let offset = Int(reason[range.upperBound...].prefix { $0.isNumber }) {
            return "\(reason): at \(position(min(offset, data.count)))"
        }
        if reason.lowercased().contains("end of file") {
            return "\(reason): the report ends at \(position(data.count))"
        }
        return reason
    }
}
