/// ALTERNATE-SERVER (RFC 8489 14.15). Decoding errors: `.invalidAttributeLength` (offset 0), `.badAddressFamily` (offset 1).
public struct AlternateServer: StunAddressAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.alternateServer
    public static let xorsAddress = false
    public var address: TransportAddress

    public init(address: TransportAddress) { self.address = address }
}
