/// CONNECTION-ID (RFC 6062 6.2.1). Exactly 4 bytes; error `.invalidAttributeLength` at offset 0.
public struct ConnectionID: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.connectionID
    public var id: UInt32

    public init(id: UInt32) { self.id = id }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        id = try ValueLength.uint32(stunValue, Self.attributeType)
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] { WireBytes.bytes(id) }
}
