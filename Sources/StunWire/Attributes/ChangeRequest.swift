/// CHANGE-REQUEST (RFC 5780 7.2, RFC 3489 11.2.4): ask the server to answer from another IP
/// and/or port. Exactly 4 bytes; error `.invalidAttributeLength` at offset 0.
public struct ChangeRequest: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.changeRequest
    public var changeIP: Bool
    public var changePort: Bool

    public init(changeIP: Bool, changePort: Bool) {
        self.changeIP = changeIP
        self.changePort = changePort
    }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        try ValueLength.require(stunValue, 4, Self.attributeType)
        let flags = stunValue[stunValue.startIndex + 3]
        changeIP = flags & 0x04 != 0
        changePort = flags & 0x02 != 0
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] {
        [0, 0, 0, (changeIP ? 0x04 : 0) | (changePort ? 0x02 : 0)]
    }
}
