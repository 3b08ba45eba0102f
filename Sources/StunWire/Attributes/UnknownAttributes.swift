/// UNKNOWN-ATTRIBUTES (RFC 8489 14.13): the list of 16-bit types a server did not understand.
/// Even length required; error `.invalidAttributeLength` at offset 0 otherwise.
public struct UnknownAttributes: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.unknownAttributes
    public var types: [StunAttributeType]

    public init(types: [StunAttributeType]) { self.types = types }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        guard stunValue.count % 2 == 0 else {
            throw StunDecodeError(.invalidAttributeLength, offset: 0, attribute: Self.attributeType,
                                  detail: "\(stunValue.count) bytes, expected an even count")
        }
        var types: [StunAttributeType] = []
        var index = stunValue.startIndex
        while index < stunValue.endIndex, let raw = WireBytes.uint16(stunValue, at: index) {
            types.append(StunAttributeType(rawValue: raw))
            index += 2
        }
        self.types = types
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] {
        var bytes: [UInt8] = []
        for type in types { WireBytes.append(type.rawValue, to: &bytes) }
        return bytes
    }
}
