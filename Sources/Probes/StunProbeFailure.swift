import ProbeTransport

/// Why a STUN probe (or one of its samples) failed, as reported in JSON: a stable ``kind`` and a
/// plain-words ``message`` that never contains secrets.
public struct StunProbeFailure: Codable, Hashable, Sendable, CustomStringConvertible {
    /// `timeout`, `dns`, `unreachable`, `refused`, `reset`, `tls-untrusted-certificate`,
    /// `tls-name-mismatch`, `tls-expired`, `tls-protocol`, `error-response`, `malformed-response`;
    /// also `configuration` (unusable local address or CA file), `cancelled`, `system`.
    public var kind: String
    public var message: String

    public init(kind: String, message: String) {
        self.kind = kind
        self.message = message
    }

    /// The report kind for a transport failure. A connection closed by the server counts as
    /// `reset`; broken stream framing as `malformed-response`.
    public init(_ error: TransportError) {
        switch error.kind {
        case .closed: kind = "reset"
        case .malformed: kind = "malformed-response"
        case .addressUnavailable: kind = "configuration"
        default: kind = error.name
        }
        message = error.message
    }

    public static func errorResponse(code: Int, reason: String) -> StunProbeFailure {
        StunProbeFailure(kind: "error-response",
                         message: "the server answered with error \(code)" + (reason.isEmpty ? "" : " (\(reason))"))
    }

    public static func malformedResponse(_ detail: String) -> StunProbeFailure {
        StunProbeFailure(kind: "malformed-response", message: detail)
    }

    public var description: String { "\(kind): \(message)" }
}
