import Diagnosis

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
    /// Which NAT-discovery standard it speaks: `rfc5780` (OTHER-ADDRESS), `rfc3489`
    /// (CHANGED-ADDRESS only), `none`; nil when it never answered.
    public var standard: StunServerStandard?
    /// OTHER-ADDRESS (or the RFC 3489 CHANGED-ADDRESS) it announced, usable or not.
    public var otherAddress: String?
    /// The attribute `otherAddress` came from: `OTHER-ADDRESS` or `CHANGED-ADDRESS`.
    public var otherAddressAttribute: String?
    /// RESPONSE-ORIGIN (or the RFC 3489 SOURCE-ADDRESS) it announced.
    public var responseOrigin: String?
    /// The attribute `responseOrigin` came from: `RESPONSE-ORIGIN` or `SOURCE-ADDRESS`.
    public var responseOriginAttribute: String?
    /// The mapped address it returned to the mapping socket.
    public var mappedAddress: String?
    /// The attribute `mappedAddress` came from: `XOR-MAPPED-ADDRESS` or `MAPPED-ADDRESS`.
    public var mappedAddressAttribute: String?

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

    /// Copies what the server's answer announced, as `reading` read it (nil: no answer).
    mutating func record(_ reading: StunAnswerReading?, attributes: StunAnswerAttributes?) {
        rfc5780 = attributes.map { $0.otherAddress != nil }
        standard = reading?.standard
        otherAddress = reading?.announcedAlternate?.description
        otherAddressAttribute = reading?.alternateAttribute
        responseOrigin = reading?.origin?.description
        responseOriginAttribute = reading?.originAttribute
        mappedAddress = reading?.mappedAddress?.description
        mappedAddressAttribute = reading?.mappedAttribute
    }

    private enum CodingKeys: String, CodingKey {
        case uri, address, error, rfc5780, standard, otherAddress, otherAddressAttribute, responseOrigin
        case responseOriginAttribute, mappedAddress, mappedAddressAttribute
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(uri, forKey: .uri)
        try c.encode(address, forKey: .address)
        try c.encode(error, forKey: .error)
        try c.encode(rfc5780, forKey: .rfc5780)
        try c.encode(standard, forKey: .standard)
        try c.encode(otherAddress, forKey: .otherAddress)
        try c.encode(otherAddressAttribute, forKey: .otherAddressAttribute)
        try c.encode(responseOrigin, forKey: .responseOrigin)
        try c.encode(responseOriginAttribute, forKey: .responseOriginAttribute)
        try c.encode(mappedAddress, forKey: .mappedAddress)
        try c.encode(mappedAddressAttribute, forKey: .mappedAddressAttribute)
    }
}
