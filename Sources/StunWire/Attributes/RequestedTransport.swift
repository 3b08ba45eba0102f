/// REQUESTED-TRANSPORT (RFC 8656 18.8): IP protocol number (17 UDP, 6 TCP) + 3 reserved bytes.
/// Exactly 4 bytes; error `.invalidAttributeLength` at offset 0.
public struct RequestedTransport: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.requestedTransport
    public var protocolNumber: UInt8

    public init(protocolNumber: UInt8) { self.protocolNumber = protocolNumber }

    public static let udp = RequestedTransport(protocolNumber: 17)
    public static let tcp = RequestedTransport(protocolNumber: 6)

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        try ValueLength.require(stunValue, 4, Self.attributeType)
        protocolNumber = stunValue[stunValue.startIndex]
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] { [protocolNumber, 0, 0, 0] }
}
