/// One ICE candidate gathered during the check, as the report shows it.
public struct CandidateSummary: Sendable, Equatable, Codable {
    /// `host`, `srflx`, `prflx` or `relay`.
    public let type: String
    /// `udp` or `tcp`.
    public let transport: String
    public let address: ObservedAddress
    /// For relay candidates: how the client reached the TURN server (`udp`, `tcp`, `tls`).
    public let relayProtocol: String?

    public init(type: String, transport: String, address: ObservedAddress, relayProtocol: String? = nil) {
        self.type = type
        self.transport = transport
        self.address = address
        self.relayProtocol = relayProtocol
    }

    private enum CodingKeys: String, CodingKey {
        case type, transport, address, relayProtocol
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(type, forKey: .type)
        try container.encode(transport, forKey: .transport)
        try container.encode(address, forKey: .address)
        try container.encode(relayProtocol, forKey: .relayProtocol)
    }
}
