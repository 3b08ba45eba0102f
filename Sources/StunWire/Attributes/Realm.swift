/// REALM (RFC 8489 14.9). UTF-8 text of at most 763 bytes; errors `.valueTooLong`, `.invalidUTF8` (offset of the bad byte).
public struct Realm: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.realm
    /// Longest value accepted when decoding, in bytes.
    public static let maximumBytes = 763
    public var value: String

    public init(_ value: String) { self.value = value }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        value = try TextCodec.decode(stunValue, type: Self.attributeType, maximumBytes: Self.maximumBytes)
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] { Array(value.utf8) }
}
