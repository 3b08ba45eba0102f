import ProbeTransport
import StunWire

/// How one TURN request ended, as seen by ``TurnClient``.
public enum TurnRequestResult: Sendable {
    /// A success response. `rtt` follows Karn's rule (nil after a retransmission); `elapsed` runs
    /// from the first transmission to the response.
    case success(StunMessage, rtt: UInt64?, elapsed: UInt64)
    /// An error response with its ERROR-CODE.
    case errorResponse(code: Int, reason: String, StunMessage)
    /// No usable answer: timeout, refused, reset, closed, TLS failure, broken framing...
    case transportFailure(TransportError)
    /// An answer that cannot be used (no ERROR-CODE, failed integrity, missing attributes).
    case malformed(String)

    /// The error code of an error response.
    public var errorCode: Int? {
        if case .errorResponse(let code, _, _) = self { return code }
        return nil
    }

    /// True for a success response.
    public var succeeded: Bool {
        if case .success = self { return true }
        return false
    }

    /// One line for messages (no secrets: error reasons come from the server, addresses are public).
    public var summary: String {
        switch self {
        case .success: return "success"
        case .errorResponse(let code, let reason, _):
            return "error \(code)" + (reason.isEmpty ? "" : " (\(reason))")
        case .transportFailure(let error): return error.description
        case .malformed(let detail): return "unusable response: \(detail)"
        }
    }
}
