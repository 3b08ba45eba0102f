/// A typed STUN attribute. Each conforming type lives in its own file under `Attributes/`.
public protocol StunAttribute: Sendable {
    static var attributeType: StunAttributeType { get }
    /// Decodes the value (unpadded). Throws StunDecodeError naming the attribute, with an offset
    /// relative to the start of the value.
    init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws
    func stunValue(transactionID: TransactionID) -> [UInt8]
}
