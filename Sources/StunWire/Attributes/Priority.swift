/// PRIORITY (RFC 8445 16.1). Exactly 4 bytes; error `.invalidAttributeLength` at offset 0.
public struct Priority: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.priority
    public var value: UInt32

    public init(value: UInt32) { self.value = value }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        try ValueLength.require(stunValue, 4, Self.attributeType)
        value = WireBytes.uint32(stunValue, at: stunValue.startIndex) ?? 0
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] {
        var bytes: [UInt8] = []
        WireBytes.append(value, to: &bytes)
        return bytes
    }
}
