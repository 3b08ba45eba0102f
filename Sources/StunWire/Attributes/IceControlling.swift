/// ICE-CONTROLLING (RFC 8445 16.1): the agent's tie-breaker. Exactly 8 bytes; error `.invalidAttributeLength` at offset 0.
public struct IceControlling: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.iceControlling
    public var tieBreaker: UInt64

    public init(tieBreaker: UInt64) { self.tieBreaker = tieBreaker }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        tieBreaker = try ValueLength.uint64(stunValue, Self.attributeType)
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] { WireBytes.bytes(tieBreaker) }
}
