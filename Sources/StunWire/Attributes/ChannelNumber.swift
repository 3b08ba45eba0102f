/// CHANNEL-NUMBER (RFC 8656 18.1): channel (2 bytes) + 2 reserved bytes. Exactly 4 bytes; error
/// `.invalidAttributeLength` at offset 0. Channel range is checked by the server, not here.
public struct ChannelNumber: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.channelNumber
    public var channel: UInt16

    public init(channel: UInt16) { self.channel = channel }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        try ValueLength.require(stunValue, 4, Self.attributeType)
        channel = WireBytes.uint16(stunValue, at: stunValue.startIndex) ?? 0
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] {
        var bytes: [UInt8] = []
        WireBytes.append(channel, to: &bytes)
        return bytes + [0, 0]
    }
}
