/// FINGERPRINT (RFC 8489 14.7): CRC-32 of the message xor 0x5354554E. Use `StunMessage.appendFingerprint()` to add one. Exactly 4 bytes; error `.invalidAttributeLength` at offset 0.
public struct Fingerprint: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.fingerprint
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
