/// EVEN-PORT (RFC 8656 18.7): one byte whose top bit asks to reserve the next-higher port.
/// Exactly 1 byte; error `.invalidAttributeLength` at offset 0.
public struct EvenPort: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.evenPort
    public var reserveNextHigher: Bool

    public init(reserveNextHigher: Bool) { self.reserveNextHigher = reserveNextHigher }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        try ValueLength.require(stunValue, 1, Self.attributeType)
        reserveNextHigher = stunValue[stunValue.startIndex] & 0x80 != 0
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] { [reserveNextHigher ? 0x80 : 0] }
}
