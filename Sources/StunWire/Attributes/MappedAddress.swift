/// MAPPED-ADDRESS (RFC 8489 14.1). Decoding errors: `.invalidAttributeLength` (offset 0), `.badAddressFamily` (offset 1).
public struct MappedAddress: StunAddressAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.mappedAddress
    public static let xorsAddress = false
    public var address: TransportAddress

    public init(address: TransportAddress) { self.address = address }
}
