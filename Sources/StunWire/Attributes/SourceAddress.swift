/// SOURCE-ADDRESS (RFC 3489 11.2.5, sent by classic servers). Decoding errors: `.invalidAttributeLength` (offset 0), `.badAddressFamily` (offset 1).
public struct SourceAddress: StunAddressAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.sourceAddress
    public static let xorsAddress = false
    public var address: TransportAddress

    public init(address: TransportAddress) { self.address = address }
}
