/// Whether a TURN allocation succeeded per transport: `nil` = not tested (for example no
/// credentials), `false` = tested and failed.
public struct TurnTransportResults: Sendable, Equatable, Codable {
    public var udp: Bool?
    public var tcp: Bool?
    public var tls: Bool?
    /// Named errors of the transports that failed (in transport order).
    public var failures: [TurnFailure]

    public init(udp: Bool? = nil, tcp: Bool? = nil, tls: Bool? = nil, failures: [TurnFailure] = []) {
        self.udp = udp
        self.tcp = tcp
        self.tls = tls
        self.failures = failures
    }

    /// At least one transport was tested.
    public var tested: Bool { udp != nil || tcp != nil || tls != nil }
    /// At least one transport allocated a relay.
    public var anyWorks: Bool { udp == true || tcp == true || tls == true }
    /// A relay over TCP or TLS works (what remains when UDP is blocked).
    public var streamWorks: Bool { tcp == true || tls == true }

    private enum CodingKeys: String, CodingKey {
        case udp, tcp, tls, failures
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(udp, forKey: .udp)
        try container.encode(tcp, forKey: .tcp)
        try container.encode(tls, forKey: .tls)
        try container.encode(failures, forKey: .failures)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        udp = try container.decodeIfPresent(Bool.self, forKey: .udp)
        tcp = try container.decodeIfPresent(Bool.self, forKey: .tcp)
        tls = try container.decodeIfPresent(Bool.self, forKey: .tls)
        failures = try container.decodeIfPresent([TurnFailure].self, forKey: .failures) ?? []
    }
}
