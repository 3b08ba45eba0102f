/// One media region of a profile: where its STUN and TURN servers are, and which address ranges
/// identify its relay and media servers (for firewall actions).
public struct ProfileRegion: Sendable, Equatable, Codable {
    /// Short id used everywhere (`jp1`): lowercase letters, digits and `-`.
    public var id: String
    /// Human name (`Japan (Tokyo)`).
    public var name: String
    /// `stun:` / `stuns:` URIs, as text (parsed by the planner).
    public var stun: [String]
    /// `turn:` / `turns:` URIs, as text (parsed by the planner).
    public var turn: [String]
    /// Targets timed without STUN when STUN gets no answer: `tcp:HOST:PORT` (TCP connect) and
    /// `tls:HOST:PORT` (TCP connect and TLS handshake), as text (see `LatencyTarget`).
    public var latency: [String]
    /// The provider's edge location for this region (Twilio: `tokyo`), used in actions ("pin the edge").
    public var edge: String?
    /// IPv4/IPv6 ranges (`a.b.c.d-e.f.g.h` or CIDR) of the region's servers.
    public var addressRanges: [String]
    /// `false` when the entry is not verified against the provider (shipped profiles say so).
    public var verified: Bool?
    public var note: String?

    public init(id: String, name: String, stun: [String] = [], turn: [String] = [], addressRanges: [String] = [],
                verified: Bool? = nil, note: String? = nil, latency: [String] = [], edge: String? = nil) {
        self.id = id
        self.name = name
        self.stun = stun
        self.turn = turn
        self.addressRanges = addressRanges
        self.verified = verified
        self.note = note
        self.latency = latency
        self.edge = edge
    }
}
