import Diagnosis
import Probes

/// What `iceprobe check` shows besides the `CheckReport` in text and Markdown: steps cut by the
/// budget and where the TURN credential came from (never the secret). The local facts are part
/// of the report itself (`localFacts`). Presentation only.
enum CheckExtras {
    static func text(observations: CheckObservations, credentials: CheckCredentials) -> String {
        var lines = ["", "TURN credential: \(credentials.origin)"]
        if !observations.cancelled.isEmpty {
            lines.append("Not measured (still running at the budget): \(observations.cancelled.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func markdown(observations: CheckObservations, credentials: CheckCredentials) -> String {
        var lines = ["", "## Run", ""]
        lines.append("- TURN credential: \(credentials.origin)")
        if !observations.cancelled.isEmpty {
            lines.append("- Not measured (still running at the budget): \(observations.cancelled.joined(separator: ", "))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
