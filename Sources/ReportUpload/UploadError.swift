/// Why a report could not be sent (it stays in the spool unless `permanent`). Never quotes the token.
public enum UploadError: Error, Sendable, Equatable, CustomStringConvertible {
    case badURL(String)
    /// DNS, TCP, TLS or a timeout: try again later.
    case transport(String)
    /// The collector answered with this status and message.
    case refused(status: Int, message: String)
    /// The answer was not HTTP.
    case badResponse(String)

    /// A 400 or 413 answer: sending the same bytes again cannot succeed.
    public var permanent: Bool {
        if case .refused(let status, _) = self { return status == 400 || status == 413 }
        return false
    }

    public var description: String {
        switch self {
        case .badURL(let reason): "--upload: \(reason)"
        case .transport(let reason): "upload failed: \(reason)"
        case .refused(let status, let message): "the collector answered \(status): \(message)"
        case .badResponse(let reason): "the collector's answer is not HTTP: \(reason)"
        }
    }
}
