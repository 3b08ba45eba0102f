/// MESSAGE-INTEGRITY (RFC 8489 14.5): HMAC-SHA1. Use `StunMessage.appendMessageIntegrity(key:)` and `checkMessageIntegrity(key:)`. Exactly 20 bytes; error `.invalidAttributeLength` at offset 0.
public struct MessageIntegrity: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.messageIntegrity
    public var hmac: [UInt8]

    public init(hmac: [UInt8]) { self.hmac = hmac }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        try ValueLength.require(stunValue, 20, Self.attributeType)
        hmac = Array(stunValue)
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] { hmac }
}
