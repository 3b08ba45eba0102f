/// DONT-FRAGMENT (RFC 8656 18.9). Empty value; error `.invalidAttributeLength` at offset 0 otherwise.
public struct DontFragment: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.dontFragment

    public init() {}

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        try ValueLength.require(stunValue, 0, Self.attributeType)
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] { [] }
}
