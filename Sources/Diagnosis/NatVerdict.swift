/// The result of classifying `NatObservations`: RFC 4787 terms, the classic name, a plain
/// sentence about calls, and notes explaining any `unknown` or contradiction.
/// Encodes every optional as JSON `null` ("not measured"), never by omitting the key.
public struct NatVerdict: Sendable, Equatable, Codable {
    public var mapping: NatBehavior
    public var filtering: NatBehavior
    /// Whether the mapped address changed with the destination, even when the RFC 4787 term
    /// cannot be decided (for example only two servers on different IPs were compared).
    public var mappingVariesByDestination: Bool?
    public var natDetected: Bool?
    public var udpBlocked: Bool?
    /// An application-level gateway rewrote MAPPED-ADDRESS (it differs from XOR-MAPPED-ADDRESS).
    public var algDetected: Bool?
    public var hairpinning: Bool?
    public var bindingLifetimeSeconds: Double?
    public var classicType: ClassicNatType
    /// Whether the server supports RFC 5780 (returned OTHER-ADDRESS).
    public var rfc5780Supported: Bool?
    /// Which NAT-discovery standard the server speaks (`rfc5780`, `rfc3489`, `none`); null when
    /// it never answered.
    public var serverStandard: StunServerStandard?
    /// The public address seen by STUN (test I, else the first server mapping).
    public var publicAddress: ObservedAddress?
    /// What this means for calls, in one or two plain sentences.
    public var callImpact: String
    public var notes: [NatNote]

    public init(mapping: NatBehavior, filtering: NatBehavior, mappingVariesByDestination: Bool?,
                natDetected: Bool?, udpBlocked: Bool?, algDetected: Bool?, hairpinning: Bool?,
                bindingLifetimeSeconds: Double?, classicType: ClassicNatType, rfc5780Supported: Bool?,
                serverStandard: StunServerStandard? = nil, publicAddress: ObservedAddress?, callImpact: String, notes: [NatNote]) {
        self.mapping = mapping
        self.filtering = filtering
        self.mappingVariesByDestination = mappingVariesByDestination
        self.natDetected = natDetected
        self.udpBlocked = udpBlocked
        self.algDetected = algDetected
        self.hairpinning = hairpinning
        self.bindingLifetimeSeconds = bindingLifetimeSeconds
        self.classicType = classicType
        self.rfc5780Supported = rfc5780Supported
        self.serverStandard = serverStandard
        self.publicAddress = publicAddress
        self.callImpact = callImpact
        self.notes = notes
    }

    private enum CodingKeys: String, CodingKey {
        case mapping, filtering, mappingVariesByDestination, natDetected, udpBlocked, algDetected
        case hairpinning, bindingLifetimeSeconds, classicType, rfc5780Supported, serverStandard, publicAddress
        case callImpact, notes
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(mapping, forKey: .mapping)
        try container.encode(filtering, forKey: .filtering)
        try container.encode(mappingVariesByDestination, forKey: .mappingVariesByDestination)
        try container.encode(natDetected, forKey: .natDetected)
        try container.encode(udpBlocked, forKey: .udpBlocked)
        try container.encode(algDetected, forKey: .algDetected)
        try container.encode(hairpinning, forKey: .hairpinning)
        try container.encode(bindingLifetimeSeconds, forKey: .bindingLifetimeSeconds)
        try container.encode(classicType, forKey: .classicType)
        try container.encode(rfc5780Supported, forKey: .rfc5780Supported)
        try container.encode(serverStandard, forKey: .serverStandard)
        try container.encode(publicAddress, forKey: .publicAddress)
        try container.encode(callImpact, forKey: .callImpact)
        try container.encode(notes, forKey: .notes)
    }
}
