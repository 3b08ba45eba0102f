/// ALTERNATE-SERVER (RFC 8489 14.15). Decoding errors: `.invalidAttributeLength` (offset 0), `.badAddressFamily` (offset 1).
public struct AlternateServer: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.alternateServer
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
