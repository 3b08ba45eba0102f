/// XOR-PEER-ADDRESS (RFC 8656 18.3). Decoding errors: `.invalidAttributeLength` (offset 0), `.badAddressFamily` (offset 1).
public struct XorPeerAddress: StunAddressAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.xorPeerAddress
    public static let xorsAddress = true
    public var address: TransportAddress

    public init(address: TransportAddress) { self.address = address }
}
