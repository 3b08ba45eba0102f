/// MAPPED-ADDRESS (RFC 8489 14.1). Decoding errors: `.invalidAttributeLength` (offset 0), `.badAddressFamily` (offset 1).
public struct MappedAddress: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.mappedAddress
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
