/// One `--server` as the NAT probe saw it: where it resolved to and what its first answer
/// announced. Optionals encode as JSON `null`.
public struct NatServerResult: Sendable, Hashable, Codable {
    /// The URI as given (canonical form).
    public var uri: String
    /// The address used, when resolution worked.
    public var address: String?
    /// Why the server could not be used (DNS failure, no address of the right family).
    public var error: String?
    /// Whether its Binding answer carried OTHER-ADDRESS (RFC 5780); nil when it never answered.
    public var rfc5780: Bool?
    /// OTHER-ADDRESS (or the RFC 3489 CHANGED-ADDRESS) it announced.
    public var otherAddress: String?
    /// RESPONSE-ORIGIN it announced.
    public var responseOrigin: String?
    /// The mapped address it returned to the mapping socket.
    public var mappedAddress: String?

    public init(uri: String, address: String? = nil, error: String? = nil, rfc5780: Bool? = nil,
                otherAddress: String? = nil, responseOrigin: String? = nil, mappedAddress: String? = nil) {
        self.uri = uri
        self.address = address
        self.error = error
        self.rfc5780 = rfc5780
        self.otherAddress = otherAddress
        self.responseOrigin = responseOrigin
        self.mappedAddress = mappedAddress
    }

    private enum CodingKeys: String, CodingKey {
        case uri, address, error, rfc5780, otherAddress, responseOrigin, mappedAddress
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(uri, forKey: .uri)
        try c.encode(address, forKey: .address)
        try c.encode(error, forKey: .error)
        try c.encode(rfc5780, forKey: .rfc5780)
        try c.encode(otherAddress, forKey: .otherAddress)
        try c.encode(responseOrigin, forKey: .responseOrigin)
        try c.encode(mappedAddress, forKey: .mappedAddress)
    }
}
