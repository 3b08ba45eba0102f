/// A network failure as a named value. ``name`` is the stable identifier reports and scripts use
/// (`timeout`, `dns`, `refused`, `tls-name-mismatch`, ...); ``message`` says what happened in
/// plain words and never contains secrets.
public struct TransportError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// Name resolution failed (no such host, no address, resolver timeout or failure).
        case dns
        /// No route: ICMP host/net unreachable, ENETUNREACH, EHOSTUNREACH, local firewall.
        case unreachable
        /// ECONNREFUSED: TCP RST to the SYN, or ICMP port unreachable on a connected UDP socket.
        case refused
        /// The peer reset or aborted an established connection.
        case reset
        /// The deadline passed before the operation completed.
        case timeout
        /// TLS handshake or verification failure.
        case tls(TLSFailure)
        /// An HTTP CONNECT proxy did not open the tunnel.
        case proxy(ProxyFailure)
        /// Bytes arrived that could not be understood (e.g. a broken TCP stream framing).
        case malformed
        /// The peer closed the connection, or the socket was closed locally.
        case closed
        /// The requested local address or port cannot be used (EADDRINUSE, EADDRNOTAVAIL).
        case addressUnavailable
        /// Bad local configuration (unreadable CA file, unsupported address family).
        case configuration
        /// The surrounding task was cancelled.
        case cancelled
        /// Any other system error (see ``TransportError/code``).
        case system
    }

    public var kind: Kind
    public var message: String
    /// The `errno` (or resolver/OpenSSL code) behind the error, when there is one.
    public var code: Int32?
    /// For TLS failures: the issuer of the certificate the server presented (one line, e.g.
    /// `/CN=Example CA`), when one arrived. Lets a report name who issued an untrusted certificate.
    public var certificateIssuer: String?

    public init(_ kind: Kind, _ message: String, code: Int32? = nil, certificateIssuer: String? = nil) {
        self.kind = kind
        self.message = message
        self.code = code
        self.certificateIssuer = certificateIssuer
    }

    /// The stable name: `dns`, `unreachable`, `refused`, `reset`, `timeout`, `tls-...`,
    /// `proxy-...`, `malformed`, `closed`, `address-unavailable`, `configuration`, `cancelled`, `system`.
    public var name: String {
        switch kind {
        case .dns: return "dns"
        case .unreachable: return "unreachable"
        case .refused: return "refused"
        case .reset: return "reset"
        case .timeout: return "timeout"
        case .tls(let failure): return failure.rawValue
        case .proxy(let failure): return failure.rawValue
        case .malformed: return "malformed"
        case .closed: return "closed"
        case .addressUnavailable: return "address-unavailable"
        case .configuration: return "configuration"
        case .cancelled: return "cancelled"
        case .system: return "system"
        }
    }

    public var description: String { "\(name): \(message)" }
}
