/// The classic (RFC 3489 era) NAT names people search for, derived from the RFC 4787 terms.
public enum ClassicNatType: String, Sendable, Codable, CaseIterable {
    /// No NAT and no filtering of unsolicited UDP.
    case openInternet = "open-internet"
    /// Endpoint-independent mapping and filtering.
    case fullCone = "full-cone"
    /// Endpoint-independent mapping, address-dependent filtering.
    case restrictedCone = "restricted-cone"
    /// Endpoint-independent mapping, address-and-port-dependent filtering.
    case portRestrictedCone = "port-restricted-cone"
    /// Mapping depends on the destination (address-dependent or address-and-port-dependent).
    case symmetric
    /// No NAT, but a firewall drops unsolicited UDP (RFC 3489's "symmetric UDP firewall").
    case symmetricUDPFirewall = "symmetric-udp-firewall"
    /// No STUN answer over UDP at all.
    case udpBlocked = "udp-blocked"
    /// Not enough (or contradictory) evidence to name it.
    case unknown

    /// A short human name, e.g. "port-restricted cone NAT".
    public var displayName: String {
        switch self {
        case .openInternet: "open internet (no NAT)"
        case .fullCone: "full cone NAT"
        case .restrictedCone: "restricted cone NAT"
        case .portRestrictedCone: "port-restricted cone NAT"
        case .symmetric: "symmetric NAT"
        case .symmetricUDPFirewall: "no NAT, firewall filters UDP"
        case .udpBlocked: "UDP blocked"
        case .unknown: "unknown"
        }
    }
}
