/// FINGERPRINT (RFC 8489 14.7): CRC-32 of the message xor 0x5354554E. Use `StunMessage.appendFingerprint()` to add one. Exactly 4 bytes; error `.invalidAttributeLength` at offset 0.
public struct Fingerprint: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.fingerprint
    public var value: UInt32

    public init(value: UInt32) { self.value = value }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        value = try ValueLength.uint32(stunValue, Self.attributeType)
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] { WireBytes.bytes(value) }
}
