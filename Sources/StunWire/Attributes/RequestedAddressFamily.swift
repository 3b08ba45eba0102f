/// REQUESTED-ADDRESS-FAMILY (RFC 8656 18.6): family byte + 3 reserved bytes. Errors:
/// `.invalidAttributeLength` at offset 0, `.badAddressFamily` at offset 0.
public struct RequestedAddressFamily: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.requestedAddressFamily
    public var family: AddressFamily

    public init(family: AddressFamily) { self.family = family }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        try ValueLength.require(stunValue, 4, Self.attributeType)
        guard let family = AddressFamily(rawValue: stunValue[stunValue.startIndex]) else {
            throw StunDecodeError(.badAddressFamily, offset: 0, attribute: Self.attributeType,
                                  detail: "family 0x" + String(stunValue[stunValue.startIndex], radix: 16))
        }
        self.family = family
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] { [family.rawValue, 0, 0, 0] }
}
