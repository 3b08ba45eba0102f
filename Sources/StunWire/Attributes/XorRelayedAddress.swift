/// XOR-RELAYED-ADDRESS (RFC 8656 18.5). Decoding errors: `.invalidAttributeLength` (offset 0), `.badAddressFamily` (offset 1).
public struct XorRelayedAddress: StunAddressAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.xorRelayedAddress
    public static let xorsAddress = true
    public var address: TransportAddress

    public init(address: TransportAddress) { self.address = address }
}
