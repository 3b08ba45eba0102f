/// CONNECTION-ID (RFC 6062 6.2.1). Exactly 4 bytes; error `.invalidAttributeLength` at offset 0.
public struct ConnectionID: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.connectionID
    public var id: UInt32

    public init(id: UInt32) { self.id = id }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        try ValueLength.require(stunValue, 4, Self.attributeType)
        id = WireBytes.uint32(stunValue, at: stunValue.startIndex) ?? 0
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] {
        var bytes: [UInt8] = []
        WireBytes.append(id, to: &bytes)
        return bytes
    }
}
