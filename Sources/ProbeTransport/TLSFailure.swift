/// Why a TLS handshake failed, with the names users see in reports and errors.
public enum TLSFailure: String, Hashable, Sendable, Codable, CaseIterable {
    /// The chain does not lead to a trusted CA (self-signed, unknown issuer, wrong `--ca-file`).
    case untrustedCertificate = "tls-untrusted-certificate"
    /// The certificate is valid but issued for another name or address.
    case nameMismatch = "tls-name-mismatch"
    /// The certificate (or one in its chain) has expired or is not yet valid.
    case expired = "tls-expired"
    /// The handshake failed for a non-certificate reason (no shared version/cipher, not TLS at all,
    /// alert from the server, connection closed mid-handshake).
    case protocolError = "tls-protocol"
}
