/// The addresses one STUN Binding success answer carried, attribute by attribute, as plain facts
/// (the probe copies them; ``StunAnswerReading`` judges them). `nil` means the attribute was
/// absent (or malformed, which counts as absent: a broken attribute is never trusted).
public struct StunAnswerAttributes: Sendable, Equatable, Codable {
    /// XOR-MAPPED-ADDRESS (RFC 8489 14.2).
    public var xorMappedAddress: ObservedAddress?
    /// MAPPED-ADDRESS (RFC 8489 14.1; the only mapped address of many RFC 3489 servers).
    public var mappedAddress: ObservedAddress?
    /// OTHER-ADDRESS (RFC 5780 7.4).
    public var otherAddress: ObservedAddress?
    /// CHANGED-ADDRESS (RFC 3489 11.2.3).
    public var changedAddress: ObservedAddress?
    /// RESPONSE-ORIGIN (RFC 5780 7.3).
    public var responseOrigin: ObservedAddress?
    /// SOURCE-ADDRESS (RFC 3489 11.2.5).
    public var sourceAddress: ObservedAddress?

    public init(xorMappedAddress: ObservedAddress? = nil, mappedAddress: ObservedAddress? = nil,
                otherAddress: ObservedAddress? = nil, changedAddress: ObservedAddress? = nil,
                responseOrigin: ObservedAddress? = nil, sourceAddress: ObservedAddress? = nil) {
        self.xorMappedAddress = xorMappedAddress
        self.mappedAddress = mappedAddress
        self.otherAddress = otherAddress
        self.changedAddress = changedAddress
        self.responseOrigin = responseOrigin
        self.sourceAddress = sourceAddress
    }
}
