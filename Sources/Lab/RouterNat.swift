import Diagnosis

/// A site router's NAT, in RFC 4787 terms.
///
/// Supported combinations (what this kernel can build, see Scenarios/README.md):
/// - no NAT (routing only);
/// - endpoint-independent mapping with endpoint-independent ("full cone"), address-dependent
///   ("restricted cone") or address-and-port-dependent ("port-restricted", the home router) filtering;
/// - address-and-port-dependent mapping ("symmetric") with address-and-port-dependent filtering.
/// Mapping and filtering use Diagnosis' ``NatBehavior``, the same terms the NAT probe reports;
/// `unknown` is a measurement outcome, never a router set-up (``unsupportedReason``).
public struct RouterNat: Hashable, Sendable {
    /// The behaviours a router can be built with (every ``NatBehavior`` but `unknown`).
    public static let buildable: [NatBehavior] = NatBehavior.allCases.filter { $0 != .unknown }

    public var mapping: NatBehavior
    public var filtering: NatBehavior
    /// Whether a LAN host may reach another LAN host through the router's public mapping.
    public var hairpinning: Bool
    /// Idle time after which a UDP mapping (and its filter state) expires.
    public var udpTimeoutSeconds: Int

    public init(mapping: NatBehavior, filtering: NatBehavior, hairpinning: Bool = false,
                udpTimeoutSeconds: Int = 120) {
        self.mapping = mapping
        self.filtering = filtering
        self.hairpinning = hairpinning
        self.udpTimeoutSeconds = udpTimeoutSeconds
    }

    /// Nil when the combination is supported, otherwise why not.
    public var unsupportedReason: String? {
        switch (mapping, filtering) {
        case (.unknown, _), (_, .unknown):
            return "unknown is a measurement outcome, not a NAT behaviour a router can be built with"
        case (.endpointIndependent, _):
            return nil
        case (.addressAndPortDependent, .addressAndPortDependent):
            return hairpinning ? "hairpinning is only supported with endpoint-independent mapping" : nil
        case (.addressDependent, _):
            return "address-dependent mapping is not supported (use endpoint-independent or address-and-port-dependent)"
        case (.addressAndPortDependent, _):
            return "address-and-port-dependent mapping needs address-and-port-dependent filtering"
        }
    }
}
