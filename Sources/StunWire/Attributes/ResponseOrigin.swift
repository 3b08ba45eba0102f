/// RESPONSE-ORIGIN (RFC 5780 7.3). Decoding errors: `.invalidAttributeLength` (offset 0), `.badAddressFamily` (offset 1).
public struct ResponseOrigin: StunAddressAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.responseOrigin
    public static let xorsAddress = false
    public var address: TransportAddress

    public init(address: TransportAddress) { self.address = address }
}
