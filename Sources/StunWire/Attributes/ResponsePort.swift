/// RESPONSE-PORT (RFC 5780 7.5): port (2 bytes) + 2 reserved bytes. Exactly 4 bytes; error
/// `.invalidAttributeLength` at offset 0.
public struct ResponsePort: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.responsePort
    public var port: UInt16

    public init(port: UInt16) { self.port = port }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        try ValueLength.require(stunValue, 4, Self.attributeType)
        port = WireBytes.uint16(stunValue, at: stunValue.startIndex) ?? 0
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] {
        var bytes: [UInt8] = []
        WireBytes.append(port, to: &bytes)
        return bytes + [0, 0]
    }
}
