/// Why a report could not be read; the message names what and where.
public enum ReportDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not JSON, or not a JSON object.
    case notJSON(String)
    /// `schemaVersion` is missing or not an integer.
    case missingSchemaVersion
    /// Another kind of iceprobe document (`stun`, `turn`, `site`, ...), not a check report.
    case otherKind(String)
    /// A schema version this build cannot read.
    case unsupportedSchemaVersion(found: Int, supported: [Int])
    /// Valid JSON of a supported version, but a field is missing or has the wrong type.
    case invalidField(path: String, reason: String)

    public var description: String {
        switch self {
        case .notJSON(let reason): "not a JSON report: \(reason)"
        case .missingSchemaVersion: "not an iceprobe report: no integer schemaVersion"
        case .otherKind(let kind): "an iceprobe \(kind) document, not a check report"
        case .unsupportedSchemaVersion(let found, let supported):
            "report schemaVersion \(found) is not supported (this iceprobe reads \(supported.map(String.init).joined(separator: ", ")))"
        case .invalidField(let path, let reason): "invalid report field \(path.isEmpty ? "(root)" : path): \(reason)"
        }
    }
}
