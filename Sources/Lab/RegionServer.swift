/// A STUN server a lab region runs on its two addresses (`servers:` in a scenario).
public enum RegionServer: String, Hashable, Sendable, CaseIterable {
    /// coturn: RFC 5780 STUN (OTHER-ADDRESS, RESPONSE-ORIGIN) and TURN over UDP, TCP and TLS.
    case coturn
    /// stund (Debian's `stun-server`, the Vovida RFC 3489 server): UDP STUN with
    /// CHANGED-ADDRESS and SOURCE-ADDRESS, honouring CHANGE-REQUEST; no TURN, no TCP, no TLS.
    case stund
}
