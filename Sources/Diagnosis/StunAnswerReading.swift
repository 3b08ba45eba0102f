/// How one Binding answer is read for NAT discovery (pure; the probe asks it where to send the
/// alternate-address tests, the classifier asks it what to trust). Rules:
///
/// - Mapped address: XOR-MAPPED-ADDRESS, else MAPPED-ADDRESS (RFC 3489 servers often send only
///   that, or an XOR variant under a pre-standard type that is ignored). An ALG rewriting addresses
///   inside STUN packets can be detected only when both were sent.
/// - Standard and alternate address: OTHER-ADDRESS (`rfc5780`), else CHANGED-ADDRESS (`rfc3489`),
///   else `none`. Response origin: RESPONSE-ORIGIN, else SOURCE-ADDRESS.
/// - The announced alternate is used only when it can be: not the server's own address, another
///   IP of the same family (the tests change the IP), not unspecified, multicast, broadcast or port
///   0, and not loopback unless the server itself is. Otherwise ``alternate`` is nil and
///   ``alternateProblem`` says why: the tests that need it are not run, never guessed.
public struct StunAnswerReading: Sendable, Equatable {
    public var standard: StunServerStandard
    /// The mapped address to use (XOR-MAPPED-ADDRESS, else MAPPED-ADDRESS).
    public var mappedAddress: ObservedAddress?
    /// `XOR-MAPPED-ADDRESS`, `MAPPED-ADDRESS`, or nil when the answer had neither.
    public var mappedAttribute: String?
    /// Whether both mapped addresses were sent, so an ALG can be detected by comparing them.
    public var algDetectable: Bool
    /// The alternate address as announced (OTHER-ADDRESS, else CHANGED-ADDRESS), usable or not.
    public var announcedAlternate: ObservedAddress?
    /// `OTHER-ADDRESS` or `CHANGED-ADDRESS`, or nil.
    public var alternateAttribute: String?
    /// The announced alternate when it can be used for the alternate-address tests.
    public var alternate: ObservedAddress?
    /// Why an announced alternate cannot be used (note id ``NatNote/alternateUnusable``).
    public var alternateProblem: NatNote?
    /// RESPONSE-ORIGIN, else SOURCE-ADDRESS.
    public var origin: ObservedAddress?
    /// `RESPONSE-ORIGIN` or `SOURCE-ADDRESS`, or nil.
    public var originAttribute: String?

    /// Reads `answer`, which came from `server` (the address the request was sent to).
    public init(_ answer: StunAnswerAttributes, server: ObservedAddress) {
        if let xor = answer.xorMappedAddress {
            mappedAddress = xor
            mappedAttribute = "XOR-MAPPED-ADDRESS"
        } else if let plain = answer.mappedAddress {
            mappedAddress = plain
            mappedAttribute = "MAPPED-ADDRESS"
        } else {
            mappedAddress = nil
            mappedAttribute = nil
        }
        algDetectable = answer.xorMappedAddress != nil && answer.mappedAddress != nil
        if let other = answer.otherAddress {
            standard = .rfc5780
            announcedAlternate = other
            alternateAttribute = "OTHER-ADDRESS"
        } else if let changed = answer.changedAddress {
            standard = .rfc3489
            announcedAlternate = changed
            alternateAttribute = "CHANGED-ADDRESS"
        } else {
            standard = .none
            announcedAlternate = nil
            alternateAttribute = nil
        }
        if let origin = answer.responseOrigin {
            self.origin = origin
            originAttribute = "RESPONSE-ORIGIN"
        } else if let source = answer.sourceAddress {
            origin = source
            originAttribute = "SOURCE-ADDRESS"
        } else {
            origin = nil
            originAttribute = nil
        }
        alternate = nil
        alternateProblem = nil
        if let announced = announcedAlternate, let attribute = alternateAttribute {
            if let problem = Self.unusable(announced, server: server) {
                alternateProblem = NatNote(id: NatNote.alternateUnusable,
                                           message: "The server's \(attribute) \(announced) \(problem): the tests that need another server address were not run.")
            } else {
                alternate = announced
            }
        }
    }

    /// Why `alternate` cannot serve as the other server address, or nil when it can.
    static func unusable(_ alternate: ObservedAddress, server: ObservedAddress) -> String? {
        if alternate == server { return "is the address it answered from" }
        let v6 = alternate.ip.contains(":")
        if v6 != server.ip.contains(":") { return "is of another address family than the server" }
        if alternate.ip == server.ip { return "has the server's own IP, so it cannot answer from another IP" }
        if alternate.port == 0 { return "has port 0" }
        if v6 {
            let ip = alternate.ip.lowercased()
            if ip == "::" { return "is the unspecified address" }
            if ip.hasPrefix("ff") { return "is a multicast address" }
            if ip == "::1" && server.ip != "::1" { return "is a loopback address of a server that is not on loopback" }
            return nil
        }
        let octets = alternate.ip.split(separator: ".").compactMap { UInt8($0) }
        guard octets.count == 4 else { return "is not an IPv4 address" }
        if octets == [0, 0, 0, 0] || octets[0] == 0 { return "is an unspecified address" }
        if octets[0] >= 224 && octets[0] <= 239 { return "is a multicast address" }
        if octets[0] >= 240 { return "is a reserved or broadcast address" }
        if octets[0] == 127 && !server.ip.hasPrefix("127.") {
            return "is a loopback address of a server that is not on loopback"
        }
        return nil
    }
}
