/// An attribute whose value is one transport address (RFC 8489 14.1 layout), plain or XOR-ed
/// with the magic cookie and transaction ID (RFC 8489 14.2). Conforming types name their type,
/// whether they XOR, and store the address; decoding and encoding come from ``AddressCodec``
/// (errors `.invalidAttributeLength` at offset 0, `.badAddressFamily` at offset 1).
public protocol StunAddressAttribute: StunAttribute {
    /// True for the XOR-…-ADDRESS attributes.
    static var xorsAddress: Bool { get }
    var address: TransportAddress { get set }
    init(address: TransportAddress)
}

extension StunAddressAttribute {
    public init(_ address: TransportAddress) { self.init(address: address) }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        self.init(address: try AddressCodec.decode(stunValue, type: Self.attributeType,
                                                   xorWith: Self.xorsAddress ? transactionID : nil))
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] {
        AddressCodec.encode(address, xorWith: Self.xorsAddress ? transactionID : nil)
    }
}
