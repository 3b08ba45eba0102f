/// A readiness-check profile: the provider's media regions, the site's home region, the region a
/// queue would anchor media in, thresholds, inter-region RTTs and where TURN credentials come
/// from. Read with `ProfileParser`; shipped profiles are in `ProfileCatalog`.
public struct Profile: Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public var name: String
    public var description: String
    public var regions: [ProfileRegion]
    /// The region the site's calls should be anchored in (its customers are near it).
    public var homeRegion: String?
    /// The region where a queue would anchor media (for the queue-routed delay estimate).
    public var queueRegion: String?
    public var thresholds: Thresholds
    /// Known region-to-region RTTs, ms, symmetric: `interRegionRttMs["jp1"]["us1"]`.
    public var interRegionRttMs: [String: [String: Double]]
    public var credentials: ProfileCredentials
    /// The provider's media address ranges (all regions), for firewall actions.
    public var mediaRanges: [String]
    /// The provider's UDP media port range (`10000-60000`).
    public var mediaPorts: String
    /// Names whose DNS answer chooses the region a softphone uses (GeoDNS), each as the target
    /// that times the answer: `tls:voice-js.roaming.twilio.com:443`, `tcp:HOST:PORT` or
    /// `stun:HOST:PORT`. `check` compares the answer with the nearest region.
    public var steering: [String]
    /// Where media flows: `peer-to-peer` (default) or `client-to-server` with public media servers.
    public var mediaTopology: MediaTopology

    public init(name: String, description: String = "", regions: [ProfileRegion], homeRegion: String? = nil,
                queueRegion: String? = nil, thresholds: Thresholds = .defaults,
                interRegionRttMs: [String: [String: Double]] = [:], credentials: ProfileCredentials = ProfileCredentials(),
                mediaRanges: [String] = [], mediaPorts: String = "10000-60000", steering: [String] = [],
                mediaTopology: MediaTopology = .peerToPeer) {
        self.name = name
        self.description = description
        self.regions = regions
        self.homeRegion = homeRegion
        self.queueRegion = queueRegion
        self.thresholds = thresholds
        self.interRegionRttMs = interRegionRttMs
        self.credentials = credentials
        self.mediaRanges = mediaRanges
        self.mediaPorts = mediaPorts
        self.steering = steering
        self.mediaTopology = mediaTopology
    }

    public func region(_ id: String) -> ProfileRegion? {
        regions.first { $0.id == id }
    }

    /// The RTT between two regions if the profile gives it (either direction).
    public func interRegionRtt(_ a: String, _ b: String) -> Double? {
        interRegionRttMs[a]?[b] ?? interRegionRttMs[b]?[a]
    }
}
