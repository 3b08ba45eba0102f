/// LIFETIME (RFC 8656 18.2): seconds until the allocation expires. Exactly 4 bytes; error `.invalidAttributeLength` at offset 0.
public struct Lifetime: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.lifetime
    public var seconds: UInt32

    public init(seconds: UInt32) { self.seconds = seconds }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        seconds = try ValueLength.uint32(stunValue, Self.attributeType)
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] { WireBytes.bytes(seconds) }
}
