/// LIFETIME (RFC 8656 18.2): seconds until the allocation expires. Exactly 4 bytes; error `.invalidAttributeLength` at offset 0.
public struct Lifetime: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.lifetime
    public var seconds: UInt32

    public init(seconds: UInt32) { self.seconds = seconds }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        try ValueLength.require(stunValue, 4, Self.attributeType)
        seconds = WireBytes.uint32(stunValue, at: stunValue.startIndex) ?? 0
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] {
        var bytes: [UInt8] = []
        WireBytes.append(seconds, to: &bytes)
        return bytes
    }
}
