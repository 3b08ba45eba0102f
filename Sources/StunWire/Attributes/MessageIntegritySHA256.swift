/// MESSAGE-INTEGRITY-SHA256 (RFC 8489 14.6): HMAC-SHA256, possibly truncated to 16...32 bytes in
/// steps of 4; error `.invalidAttributeLength` at offset 0 otherwise. Use
/// `StunMessage.appendMessageIntegritySHA256(key:)` and `checkMessageIntegritySHA256(key:)`.
public struct MessageIntegritySHA256: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.messageIntegritySHA256
    public var hmac: [UInt8]

    public init(hmac: [UInt8]) { self.hmac = hmac }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        guard stunValue.count >= 16, stunValue.count <= 32, stunValue.count % 4 == 0 else {
            throw StunDecodeError(.invalidAttributeLength, offset: 0, attribute: Self.attributeType,
                                  detail: "\(stunValue.count) bytes, expected 16...32 in steps of 4")
        }
        hmac = Array(stunValue)
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] { hmac }
}
