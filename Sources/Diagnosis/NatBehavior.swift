/// An RFC 4787 behaviour term, used for both NAT mapping (RFC 4787 section 4.1) and filtering
/// (section 5). `unknown` means not measured or not decidable from what was measured: it is never
/// a guess.
public enum NatBehavior: String, Sendable, Codable, CaseIterable {
    case endpointIndependent = "endpoint-independent"
    case addressDependent = "address-dependent"
    case addressAndPortDependent = "address-and-port-dependent"
    case unknown

    /// Whether a mapping with this behaviour changes with the destination: `false` for
    /// endpoint-independent, `true` for the two dependent kinds, `nil` for unknown.
    public var dependsOnDestination: Bool? {
        switch self {
        case .endpointIndependent: false
        case .addressDependent, .addressAndPortDependent: true
        case .unknown: nil
        }
    }
}
