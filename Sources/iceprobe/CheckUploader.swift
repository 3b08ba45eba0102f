import Diagnosis
import Foundation
import ReportUpload

/// Delivers one check report: spool it first (whole, atomically), then send everything spooled,
/// oldest first. What happened goes to standard error; the check's own output and exit code
/// do not depend on the collector being reachable.
struct CheckUploader: Sendable {
    let client: HTTPUploadClient
    let spool: ReportSpool

    func deliver(_ report: CheckReport, shouldStop: @escaping @Sendable () -> Bool = { false }) async {
        do {
            _ = try spool.add(Array(try ReportJSON.render(report).utf8))
        } catch {
            FileHandleOutput.standardError("iceprobe check: cannot spool the report in \(spool.directory): \(error.localizedDescription); not uploaded")
            return
        }
        let result = await spool.flush(with: client, shouldStop: shouldStop)
        for rejected in result.rejected {
            FileHandleOutput.standardError("iceprobe check: the collector refused \(rejected); moved to \(spool.directory)/rejected")
        }
        if let error = result.lastError {
            FileHandleOutput.standardError("iceprobe check: \(error); \(result.kept) report(s) kept in \(spool.directory) for the next run")
        } else if result.kept > 0 {
            FileHandleOutput.standardError("iceprobe check: stopped; \(result.kept) report(s) kept in \(spool.directory) for the next run")
        } else {
            FileHandleOutput.standardError("iceprobe check: \(result.sent) report(s) uploaded to \(client.endpoint)")
        }
    }
}
