import ProbeTransport
import StunWire

/// Turns the facts of a TURN attempt into a ``TurnDiagnosis``. Pure: no I/O, no clock.
///
/// Order: a transport failure names the diagnosis (DNS, route, refusal, reset, TLS, timeout);
/// then an error code (401 after an answered challenge or 441 -> wrong credentials, 403, 437,
/// 442, 486, 508, any other number); then a redirect loop or an unusable answer; then the relay
/// check (allocated but nothing came back -> relay-failed); otherwise ok.
public enum TurnClassifier {
    public static func classify(_ facts: TurnFacts) -> TurnDiagnosis {
        if let kind = facts.transportError {
            switch kind {
            case .dns: return .dnsFailure
            case .unreachable: return .unreachable
            // On UDP, ECONNREFUSED means an ICMP port unreachable came back.
            case .refused: return facts.transport == .udp ? .unreachable : .tcpRefused
            case .reset: return .tcpReset
            case .closed: return .connectionClosed
            case .timeout: return .timeout
            case .tls(let failure):
                switch failure {
                case .untrustedCertificate: return .tlsUntrustedCertificate
                case .nameMismatch: return .tlsNameMismatch
                case .expired: return .tlsExpired
                case .protocolError: return .tlsProtocol
                }
            case .malformed: return .protocolError
            case .addressUnavailable, .configuration: return .localConfiguration
            case .cancelled: return .cancelled
            case .proxy(let failure): return .proxy(failure)
            case .system: return .unreachable
            }
        }
        if let code = facts.errorCode {
            switch code {
            case ErrorCode.unauthorized:
                return facts.authenticated ? .wrongCredentials
                    : (facts.hadCredential ? .protocolError : .credentialsRequired)
            case ErrorCode.wrongCredentials: return .wrongCredentials
            case ErrorCode.forbidden: return .forbidden
            case ErrorCode.allocationMismatch: return .allocationMismatch
            case ErrorCode.unsupportedTransportProtocol: return .unsupportedTransport
            case ErrorCode.allocationQuotaReached: return .quotaReached
            case ErrorCode.insufficientCapacity: return .insufficientCapacity
            case ErrorCode.tryAlternate where facts.redirectLoop: return .redirectLoop
            default: return .errorCode(code)
            }
        }
        if facts.redirectLoop { return .redirectLoop }
        if facts.malformedResponse { return .protocolError }
        if facts.failedStage == .relay || (facts.relayChecked && facts.relayReceived == 0) {
            return .relayFailed
        }
        if !facts.allocated { return .protocolError }
        return .ok
    }
}
