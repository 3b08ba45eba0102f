import ProbeTransport

/// The named outcome of a TURN attempt: a stable ``id`` for scripts and reports and a plain
/// ``explanation`` for people.
public enum TurnDiagnosis: Hashable, Sendable, CustomStringConvertible {
    /// Allocated, and (when checked) packets went relay to relay and back.
    case ok
    case dnsFailure
    case unreachable
    case tcpRefused
    case tcpReset
    case connectionClosed
    case tlsUntrustedCertificate
    case tlsNameMismatch
    case tlsExpired
    case tlsProtocol
    case timeout
    case credentialsRequired
    case wrongCredentials
    case forbidden
    case allocationMismatch
    case unsupportedTransport
    case quotaReached
    case insufficientCapacity
    case redirectLoop
    case protocolError
    /// Allocated, but no packet made it relay to relay and back.
    case relayFailed
    case localConfiguration
    case cancelled
    /// The HTTP proxy (`--proxy`, HTTPS_PROXY) did not open the tunnel to the server.
    case proxy(ProxyFailure)
    /// Any other error code, with its number.
    case errorCode(Int)

    /// Stable identifier, e.g. `wrong-credentials`, `error-599`.
    public var id: String {
        switch self {
        case .ok: return "ok"
        case .dnsFailure: return "dns-failure"
        case .unreachable: return "unreachable"
        case .tcpRefused: return "tcp-refused"
        case .tcpReset: return "tcp-reset"
        case .connectionClosed: return "connection-closed"
        case .tlsUntrustedCertificate: return "tls-untrusted-certificate"
        case .tlsNameMismatch: return "tls-name-mismatch"
        case .tlsExpired: return "tls-expired"
        case .tlsProtocol: return "tls-protocol"
        case .timeout: return "timeout"
        case .credentialsRequired: return "credentials-required"
        case .wrongCredentials: return "wrong-credentials"
        case .forbidden: return "forbidden"
        case .allocationMismatch: return "allocation-mismatch"
        case .unsupportedTransport: return "unsupported-transport"
        case .quotaReached: return "quota-reached"
        case .insufficientCapacity: return "insufficient-capacity"
        case .redirectLoop: return "redirect-loop"
        case .protocolError: return "protocol-error"
        case .relayFailed: return "relay-failed"
        case .localConfiguration: return "local-configuration"
        case .cancelled: return "cancelled"
        case .proxy(let failure): return failure.rawValue
        case .errorCode(let code): return "error-\(code)"
        }
    }

    /// What it means, in plain words.
    public var explanation: String {
        switch self {
        case .ok: return "The server allocated a relay and it relayed packets."
        case .dnsFailure: return "The server name could not be resolved to an address."
        case .unreachable: return "There is no route to the server, or an ICMP unreachable came back (nothing listens on that UDP port, or a firewall rejects it)."
        case .tcpRefused: return "The TCP connection was refused: nothing listens on that port, or a firewall rejects it."
        case .tcpReset: return "The server or a middlebox reset the TCP connection."
        case .connectionClosed: return "The server closed the connection without answering."
        case .tlsUntrustedCertificate: return "The server's TLS certificate does not chain to a trusted authority (self-signed, unknown issuer, or wrong --ca-file)."
        case .tlsNameMismatch: return "The server's TLS certificate is valid but issued for another name."
        case .tlsExpired: return "The server's TLS certificate has expired or is not yet valid."
        case .tlsProtocol: return "The TLS handshake failed for a non-certificate reason (no common version or cipher, not TLS on that port, or an alert)."
        case .timeout: return "No answer before the time limit: the traffic is most likely filtered (dropped by a firewall)."
        case .credentialsRequired: return "The server requires credentials and none were given."
        case .wrongCredentials: return "The server refused the credentials (401 after answering its challenge, or 441): wrong user name, password, shared secret, or an expired REST credential."
        case .forbidden: return "The server forbids this request (403), e.g. the user or peer address is not allowed."
        case .allocationMismatch: return "The server says an allocation already exists for this connection or none exists (437)."
        case .unsupportedTransport: return "The server does not support the requested relay transport (442)."
        case .quotaReached: return "The user's allocation quota on the server is used up (486)."
        case .insufficientCapacity: return "The server has no capacity for another allocation (508)."
        case .redirectLoop: return "The server's ALTERNATE-SERVER redirects loop or go on too long."
        case .protocolError: return "The server's answer could not be used (malformed, missing attributes, or failed integrity)."
        case .relayFailed: return "A relay was allocated but no packet made it through the relay and back: relayed traffic is blocked."
        case .localConfiguration: return "A local problem prevented the test (address unavailable, unreadable CA file)."
        case .cancelled: return "The test was cancelled."
        case .proxy(.unreachable): return "The HTTP proxy could not be reached."
        case .proxy(.refused): return "The HTTP proxy refused to open a tunnel to the server (its policy: e.g. CONNECT only to port 443, or the destination is not allowed)."
        case .proxy(.authenticationRequired): return "The HTTP proxy requires authentication (407) before it opens a tunnel."
        case .proxy(.badGateway): return "The HTTP proxy could not reach the server (502, 503 or 504)."
        case .proxy(.protocolError): return "The HTTP proxy did not answer CONNECT like an HTTP proxy."
        case .errorCode(let code): return "The server answered with error \(code)."
        }
    }

    public var description: String { id }
}
