/// The outcome of the RFC 5780 4.6 binding lifetime search. Optionals encode as JSON `null`.
public struct NatLifetimeResult: Sendable, Hashable, Codable {
    /// One idle time tried, on its own socket.
    public struct Wait: Sendable, Hashable, Codable {
        public var seconds: Double
        /// nil: could not be decided (the socket got no mapping, or the schedule was cut short).
        public var alive: Bool?

        public init(seconds: Double, alive: Bool?) {
            self.seconds = seconds
            self.alive = alive
        }
    }

    /// The `--lifetime` maximum searched up to.
    public var maximumSeconds: Double
    /// Every idle time tried (the first, 0 s, is the control: it must be alive for the method to work).
    public var waits: [Wait]
    /// Why no lifetime could be given.
    public var problem: String?

    public init(maximumSeconds: Double, waits: [Wait], problem: String? = nil) {
        self.maximumSeconds = maximumSeconds
        self.waits = waits
        self.problem = problem
    }

    /// The longest idle time after which the binding still worked, with every shorter wait alive
    /// too: a lower bound of the lifetime (equal to the maximum when the binding outlived it).
    /// 0 when even the shortest real wait failed; nil when the control failed or nothing decided.
    public var bindingLifetimeSeconds: Double? {
        guard problem == nil, let control = waits.first, control.alive == true else { return nil }
        var best = 0.0
        for wait in waits.dropFirst() {
            guard let alive = wait.alive else { return best > 0 ? best : nil }
            if !alive { return best }
            best = wait.seconds
        }
        return best
    }

    /// The shortest idle time after which the binding was gone (an upper bound), if any.
    public var expiredBySeconds: Double? {
        waits.dropFirst().first { $0.alive == false }?.seconds
    }

    private enum CodingKeys: String, CodingKey {
        case maximumSeconds, waits, problem, bindingLifetimeSeconds, expiredBySeconds
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        maximumSeconds = try c.decode(Double.self, forKey: .maximumSeconds)
        waits = try c.decode([Wait].self, forKey: .waits)
        problem = try c.decodeIfPresent(String.self, forKey: .problem)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(maximumSeconds, forKey: .maximumSeconds)
        try c.encode(waits, forKey: .waits)
        try c.encode(problem, forKey: .problem)
        try c.encode(bindingLifetimeSeconds, forKey: .bindingLifetimeSeconds)
        try c.encode(expiredBySeconds, forKey: .expiredBySeconds)
    }
}
