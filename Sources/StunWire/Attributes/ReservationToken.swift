/// RESERVATION-TOKEN (RFC 8656 18.10). Exactly 8 bytes; error `.invalidAttributeLength` at offset 0.
public struct ReservationToken: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.reservationToken
    public var token: [UInt8]

    public init(token: [UInt8]) { self.token = token }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        try ValueLength.require(stunValue, 8, Self.attributeType)
        token = Array(stunValue)
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] { token }
}
