import ProbeTransport

/// What `iceprobe nat` was asked to do, validated before any packet is sent.
public struct NatProbeOptions: Sendable {
    /// STUN servers; the RFC 5780 tests use the first one, mappings are compared across all.
    public var servers: [ServerURI]
    /// Run the RFC 5780 4.5 hairpinning test (opt-in: some firewalls flag it).
    public var hairpin: Bool
    /// Run the RFC 5780 4.6 binding lifetime search up to this many nanoseconds (opt-in).
    public var lifetimeMaximum: UInt64?
    /// Parallel sockets (idle times) in the lifetime search, besides the control socket.
    public var lifetimeSockets: Int
    /// Whole classifications run one after the other, each with fresh sockets.
    public var repeatCount: Int
    /// Bound for name resolution plus all classification runs, nanoseconds. The lifetime search
    /// adds at most `lifetimeMaximum` plus two first-contact budgets on top.
    public var timeout: UInt64
    public var timing: NatTiming

    /// Used when no `--server` is given: two public servers, so mappings can be compared.
    public static let defaultServers = ["stun:global.stun.twilio.com:3478", "stun:stun.l.google.com:19302"]
    /// Default bound per classification run: 5 s (the whole command then takes at most 5 s x N).
    public static let defaultTimeoutPerRun = Nanoseconds.seconds(5)
    public static let maximumRepeat = 100
    public static let maximumLifetimeSeconds = 3_600.0

    public init(servers: [ServerURI], hairpin: Bool = false, lifetimeMaximum: UInt64? = nil, lifetimeSockets: Int = 10,
                repeatCount: Int = 1, timeout: UInt64? = nil, timing: NatTiming = .standard) {
        self.servers = servers
        self.hairpin = hairpin
        self.lifetimeMaximum = lifetimeMaximum
        self.lifetimeSockets = lifetimeSockets
        self.repeatCount = repeatCount
        self.timeout = timeout ?? Self.defaultTimeoutPerRun.multipliedSaturating(by: UInt64(max(1, repeatCount)))
        self.timing = timing
    }

    /// Checks every field; the error names the flag and what is wrong.
    public func validate() throws(NatOptionsError) {
        if servers.isEmpty { throw NatOptionsError(flag: "--server", message: "at least one STUN server is needed") }
        for server in servers {
            if server.impliedTransport != .udp {
                throw NatOptionsError(flag: "--server", message:
                    "'\(server)' is not a UDP server: NAT behaviour discovery needs UDP (use stun:host[:port])")
            }
        }
        if repeatCount < 1 || repeatCount > Self.maximumRepeat {
            throw NatOptionsError(flag: "--repeat", message: "must be between 1 and \(Self.maximumRepeat)")
        }
        if timeout == 0 { throw NatOptionsError(flag: "--timeout", message: "must be more than 0 seconds") }
        if let lifetimeMaximum {
            if lifetimeMaximum < Nanoseconds.seconds(1) || lifetimeMaximum > Nanoseconds.seconds(Self.maximumLifetimeSeconds) {
                throw NatOptionsError(flag: "--lifetime", message: "must be between 1 and \(Int(Self.maximumLifetimeSeconds)) seconds")
            }
        }
        if lifetimeSockets < 1 || lifetimeSockets > 64 {
            throw NatOptionsError(flag: "lifetime sockets", message: "must be between 1 and 64")
        }
    }
}
