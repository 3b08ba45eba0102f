/// USE-CANDIDATE (RFC 8445 16.1). Empty value; error `.invalidAttributeLength` at offset 0 otherwise.
public struct UseCandidate: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.useCandidate

    public init() {}

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        try ValueLength.require(stunValue, 0, Self.attributeType)
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] { [] }
}
