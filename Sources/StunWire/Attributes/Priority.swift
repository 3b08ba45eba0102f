/// PRIORITY (RFC 8445 16.1). Exactly 4 bytes; error `.invalidAttributeLength` at offset 0.
public struct Priority: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.priority
    public var value: UInt32

    public init(value: UInt32) { self.value = value }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        value = try ValueLength.uint32(stunValue, Self.attributeType)
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] { WireBytes.bytes(value) }
}
