/// USERHASH (RFC 8489 14.4): SHA-256(username ":" realm), see `StunKeys.userHash`. Exactly 32 bytes; error `.invalidAttributeLength` at offset 0.
public struct UserHash: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.userHash
    public var hash: [UInt8]

    public init(hash: [UInt8]) { self.hash = hash }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        try ValueLength.require(stunValue, 32, Self.attributeType)
        hash = Array(stunValue)
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] { hash }
}
