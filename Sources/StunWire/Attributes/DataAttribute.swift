/// DATA (RFC 8656 18.4): the application payload of a Send or Data indication. Any length.
public struct DataAttribute: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.data
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        bytes = Array(stunValue)
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] { bytes }
}
