/// OTHER-ADDRESS (RFC 5780 7.4). Decoding errors: `.invalidAttributeLength` (offset 0), `.badAddressFamily` (offset 1).
public struct OtherAddress: StunAddressAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.otherAddress
    public static let xorsAddress = false
    public var address: TransportAddress

    public init(address: TransportAddress) { self.address = address }
}
