/// One DNS steering name in the check report (`steering[]`): what this computer's resolver
/// answered, how far that address is, which region it belongs to when recognisable, and how it
/// compares with the nearest region. `nil` fields were not measured.
public struct SteeringResult: Sendable, Equatable, Codable {
    /// The name resolved (`voice-js.roaming.twilio.com`).
    public let name: String
    /// The profile's steering target that timed it.
    public let target: String
    /// The resolvers this computer asks (`/etc/resolv.conf`); `nil` when unreadable.
    public let resolvers: [String]?
    /// The answer's addresses, in order (empty: the name did not resolve; see `error`).
    public let answer: [String]
    /// The address timed (the first IPv4 address of the answer).
    public let timedAddress: String?
    public let method: RegionLatencyMethod?
    /// Median RTT to the timed address.
    public let rttMs: Double?
    /// The region the answer belongs to: an address one of the region's own targets resolved
    /// to, or inside the region's address ranges; `nil` when not recognised.
    public let region: String?
    public let nearestRegion: String?
    public let nearestRttMs: Double?
    /// Extra one-way delay of entering at the steered address instead of the nearest region:
    /// (steered RTT - nearest RTT) / 2, ms; `nil` when either RTT is unknown.
    public let extraOneWayMs: Double?
    /// Why it was not measured (`dns: ...`, or the timing's error).
    public let error: String?

    public init(name: String, target: String, resolvers: [String]?, answer: [String], timedAddress: String?,
                method: RegionLatencyMethod?, rttMs: Double?, region: String?, nearestRegion: String?,
                nearestRttMs: Double?, extraOneWayMs: Double?, error: String?) {
        self.name = name
        self.target = target
        self.resolvers = resolvers
        self.answer = answer
        self.timedAddress = timedAddress
        self.method = method
        self.rttMs = rttMs.map(ReportNumber.milliseconds)
        self.region = region
        self.nearestRegion = nearestRegion
        self.nearestRttMs = nearestRttMs.map(ReportNumber.milliseconds)
        self.extraOneWayMs = extraOneWayMs.map(ReportNumber.milliseconds)
        self.error = error
    }

    private enum CodingKeys: String, CodingKey {
        case name, target, resolvers, answer, timedAddress, method, rttMs, region, nearestRegion, nearestRttMs, extraOneWayMs, error
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(target, forKey: .target)
        try c.encode(resolvers, forKey: .resolvers)
        try c.encode(answer, forKey: .answer)
        try c.encode(timedAddress, forKey: .timedAddress)
        try c.encode(method, forKey: .method)
        try c.encodeMilliseconds(rttMs, forKey: .rttMs)
        try c.encode(region, forKey: .region)
        try c.encode(nearestRegion, forKey: .nearestRegion)
        try c.encodeMilliseconds(nearestRttMs, forKey: .nearestRttMs)
        try c.encodeMilliseconds(extraOneWayMs, forKey: .extraOneWayMs)
        try c.encode(error, forKey: .error)
    }
}
