/// XOR-RELAYED-ADDRESS (RFC 8656 18.5). Decoding errors: `.invalidAttributeLength` (offset 0), `.badAddressFamily` (offset 1).
public struct XorRelayedAddress: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.xorRelayedAddress
    public var address: TransportAddress

    public init(address: TransportAddress) { self.address = address }
    public init(_ address: TransportAddress) { self.address = address }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        address = try AddressCodec.decode(stunValue, type: Self.attributeType, xorWith: transactionID)
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] {
        AddressCodec.encode(address, xorWith: transactionID)
    }
}
