/// XOR-MAPPED-ADDRESS (RFC 8489 14.2). Decoding errors: `.invalidAttributeLength` (offset 0), `.badAddressFamily` (offset 1).
public struct XorMappedAddress: StunAddressAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.xorMappedAddress
    public static let xorsAddress = true
    public var address: TransportAddress

    public init(address: TransportAddress) { self.address = address }
}
