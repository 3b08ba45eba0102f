import Diagnosis
import ProbeTransport

/// What a STUN Binding probe observed. Encodes to the `iceprobe stun --format json` shape
/// (keys sorted by the encoder); anything not measured is `null`, never 0 or false.
public struct StunObservation: Codable, Hashable, Sendable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int = StunObservation.currentSchemaVersion
    public var kind: String = "stun"
    /// The server as given, in canonical URI form (`stun:host:port`).
    public var server: String
    /// The address the probe talked to, e.g. `127.0.0.1:3478`.
    public var resolvedAddress: String?
    public var transport: TransportProtocol
    /// True when at least one Binding request got a success response with a mapped address.
    public var ok: Bool
    /// The local address the requests left from (the real one, also when bound to 0.0.0.0).
    public var localAddress: String?
    /// XOR-MAPPED-ADDRESS, or MAPPED-ADDRESS from RFC 3489 servers.
    public var mappedAddress: String?
    /// mapped != local; null when either is unknown.
    public var natDetected: Bool?
    /// Unambiguous round-trip times (Karn: samples answered after a retransmission are left out).
    public var rttMs: StunRTTSummary?
    /// Request transmissions, including retransmissions.
    public var sent: Int
    /// Matching responses.
    public var received: Int
    /// Share of transmissions never answered: 100 x (sent - answered) / sent, where a late answer
    /// to a retransmitted request also counts as answered; null when nothing was sent.
    public var lossPercent: Double?
    public var retransmissions: Int
    /// Packets or frames that were not an answer to this probe (garbage, foreign transaction IDs,
    /// wrong source...). Late answers to this probe's own retransmitted requests are not strays.
    public var strayPackets: Int
    /// True when the server sent OTHER-ADDRESS (it supports RFC 5780 NAT behaviour discovery);
    /// null when no response arrived.
    public var rfc5780: Bool?
    /// Which NAT-discovery standard the server speaks: `rfc5780` (OTHER-ADDRESS), `rfc3489`
    /// (CHANGED-ADDRESS only), `none` (no alternate address); null when no success answer arrived.
    public var serverStandard: StunServerStandard?
    /// The server's alternate address: OTHER-ADDRESS, else the RFC 3489 CHANGED-ADDRESS.
    public var otherAddress: String?
    /// `OTHER-ADDRESS` or `CHANGED-ADDRESS`: where `otherAddress` came from.
    public var otherAddressAttribute: String?
    /// Where the answer says it was sent from: RESPONSE-ORIGIN, else the RFC 3489 SOURCE-ADDRESS.
    public var responseOrigin: String?
    /// `RESPONSE-ORIGIN` or `SOURCE-ADDRESS`: where `responseOrigin` came from.
    public var responseOriginAttribute: String?
    /// `XOR-MAPPED-ADDRESS` or `MAPPED-ADDRESS` (RFC 3489 servers): where `mappedAddress` came from.
    public var mappedAddressAttribute: String?
    public var software: String?
    public var error: StunProbeFailure?
    /// Wall time of the whole probe (resolution, connection, all samples).
    public var durationMs: Double

    public init(server: String, transport: TransportProtocol) {
        self.server = server
        self.transport = transport
        self.ok = false
        self.sent = 0
        self.received = 0
        self.retransmissions = 0
        self.strayPackets = 0
        self.durationMs = 0
    }

    private enum CodingKeys: String, CodingKey {
        case schemaVersion, kind, server, resolvedAddress, transport, ok, localAddress, mappedAddress,
             natDetected, rttMs, sent, received, lossPercent, retransmissions, strayPackets, rfc5780,
             serverStandard, otherAddress, otherAddressAttribute, responseOrigin, responseOriginAttribute,
             mappedAddressAttribute, software, error, durationMs
    }

    /// Writes every key, with explicit `null` for values not measured.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(kind, forKey: .kind)
        try container.encode(server, forKey: .server)
        try container.encode(resolvedAddress, forKey: .resolvedAddress)
        try container.encode(transport, forKey: .transport)
        try container.encode(ok, forKey: .ok)
        try container.encode(localAddress, forKey: .localAddress)
        try container.encode(mappedAddress, forKey: .mappedAddress)
        try container.encode(natDetected, forKey: .natDetected)
        try container.encode(rttMs, forKey: .rttMs)
        try container.encode(sent, forKey: .sent)
        try container.encode(received, forKey: .received)
        try container.encode(lossPercent, forKey: .lossPercent)
        try container.encode(retransmissions, forKey: .retransmissions)
        try container.encode(strayPackets, forKey: .strayPackets)
        try container.encode(rfc5780, forKey: .rfc5780)
        try container.encode(serverStandard, forKey: .serverStandard)
        try container.encode(otherAddress, forKey: .otherAddress)
        try container.encode(otherAddressAttribute, forKey: .otherAddressAttribute)
        try container.encode(responseOrigin, forKey: .responseOrigin)
        try container.encode(responseOriginAttribute, forKey: .responseOriginAttribute)
        try container.encode(mappedAddressAttribute, forKey: .mappedAddressAttribute)
        try container.encode(software, forKey: .software)
        try container.encode(error, forKey: .error)
        try container.encodeMilliseconds(durationMs, forKey: .durationMs)
    }
}
