/// PADDING (RFC 5780 7.6): filler used to test fragmentation. Any length; content ignored.
public struct Padding: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.padding
    /// Number of value bytes (encoded as zeros).
    public var length: Int

    public init(length: Int) { self.length = max(0, min(length, 0xFFFF)) }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        length = stunValue.count
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] {
        [UInt8](repeating: 0, count: max(0, min(length, 0xFFFF)))
    }
}
