/// CHANGED-ADDRESS (RFC 3489 11.2.3, sent by classic servers). Decoding errors: `.invalidAttributeLength` (offset 0), `.badAddressFamily` (offset 1).
public struct ChangedAddress: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.changedAddress
    public var address: TransportAddress

    public init(address: TransportAddress) { self.address = address }
    public init(_ address: TransportAddress) { self.address = address }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        address = try AddressCodec.decode(stunValue, type: Self.attributeType, xorWith: nil)
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] {
        AddressCodec.encode(address, xorWith: nil)
    }
}
