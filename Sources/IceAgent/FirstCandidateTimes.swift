/// Milliseconds from the start of gathering to the first candidate of each type (`nil`: none).
public struct FirstCandidateTimes: Hashable, Sendable, Codable {
    public var host: Double?
    public var srflx: Double?
    public var prflx: Double?
    public var relay: Double?

    public init(host: Double? = nil, srflx: Double? = nil, prflx: Double? = nil, relay: Double? = nil) {
        self.host = host
        self.srflx = srflx
        self.prflx = prflx
        self.relay = relay
    }

    /// The earliest candidate of `candidates` per type.
    public init(of candidates: [IceCandidate]) {
        self.init()
        for candidate in candidates {
            if let current = self[candidate.type], current <= candidate.elapsedMs { continue }
            self[candidate.type] = candidate.elapsedMs
        }
    }

    public subscript(type: CandidateType) -> Double? {
        get {
            switch type {
            case .host: host
            case .srflx: srflx
            case .prflx: prflx
            case .relay: relay
            }
        }
        set {
            switch type {
            case .host: host = newValue
            case .srflx: srflx = newValue
            case .prflx: prflx = newValue
            case .relay: relay = newValue
            }
        }
    }

    /// The earliest candidate of any type.
    public var earliest: Double? {
        [host, srflx, prflx, relay].compactMap { $0 }.min()
    }
}
