/// Everything one gathering run needs: servers and every time bound. Built and validated before any
/// I/O ("requested state"); the ``Gatherer`` takes all its waits from here.
public struct GatheringPlan: Hashable, Sendable {
    /// Servers to probe; one libnice agent each. Empty means host candidates only.
    public var servers: [IceServer]
    /// Overall gathering deadline in milliseconds (default 5000). When it passes, servers still
    /// gathering are named as having held gathering up for the whole deadline.
    public var deadlineMs: Int
    /// libnice `stun-initial-timeout`: first STUN retransmission timeout, ms (default 500).
    public var stunInitialTimeoutMs: Int
    /// libnice `stun-max-retransmissions` (default 3).
    public var stunMaxRetransmissions: Int
    /// libnice `stun-reliable-timeout`: STUN/TURN over TCP gives up after this, ms (default 3000).
    public var stunReliableTimeoutMs: Int
    /// libnice `stun-pacing-timer` ("Ta") for the gathering agents, ms (default 1). libnice sends
    /// discovery requests, retransmissions and the authenticated Allocate after a 401 only on this
    /// tick. At libnice's own 20 ms a relay candidate came 0-20 ms late depending on the tick's
    /// phase (2D+5 or 2D+26 ms in the lab, seen on the wire); at 5 ms, 2D+4..10; at 1 ms, 2D+4..5.4,
    /// like a browser, which retries at once. Each agent here has one server and one request per
    /// local address, so a short tick adds timer wake-ups, not traffic (RFC 8445's 5 ms floor for
    /// Ta is about pacing many checks at once, which gathering with one agent per server is not).
    public var pacingMs: Int
    /// Bound for resolving a server host name, ms (default 2000). IP literals need no lookup.
    public var resolveTimeoutMs: Int
    /// Bound for closing the agents (TURN deallocation) after gathering, ms (default 1000); after it
    /// the agents are released anyway.
    public var shutdownTimeoutMs: Int
    /// Gather TCP host candidates (tcp-active/tcp-passive) as a browser does (default true).
    public var includeTCP: Bool
    /// Route libnice's debug messages to standard error (default false: they are dropped).
    public var debug: Bool
    /// Local IP addresses to gather on (libnice then uses only these). Empty (default): every
    /// interface except loopback, as libnice chooses. Tests against a server on 127.0.0.1 pass
    /// `["127.0.0.1"]`, since libnice skips the loopback interface by default.
    public var localAddresses: [String]
    /// Gather from inside this network namespace (a name under /var/run/netns, as `ip netns add`
    /// creates; needs root). The run's loop thread enters it before creating any socket, so a lab
    /// can gather "behind" each NAT in one process. `nil` (default): the process's namespace.
    public var networkNamespace: String?

    public init(servers: [IceServer] = [], deadlineMs: Int = 5000, stunInitialTimeoutMs: Int = 500,
                stunMaxRetransmissions: Int = 3, stunReliableTimeoutMs: Int = 3000, pacingMs: Int = 1,
                resolveTimeoutMs: Int = 2000, shutdownTimeoutMs: Int = 1000,
                includeTCP: Bool = true, debug: Bool = false, localAddresses: [String] = [],
                networkNamespace: String? = nil) {
        self.servers = servers
        self.deadlineMs = deadlineMs
        self.stunInitialTimeoutMs = stunInitialTimeoutMs
        self.stunMaxRetransmissions = stunMaxRetransmissions
        self.stunReliableTimeoutMs = stunReliableTimeoutMs
        self.pacingMs = pacingMs
        self.resolveTimeoutMs = resolveTimeoutMs
        self.shutdownTimeoutMs = shutdownTimeoutMs
        self.includeTCP = includeTCP
        self.debug = debug
        self.localAddresses = localAddresses
        self.networkNamespace = networkNamespace
    }

    /// The TURN passwords of this plan's servers, for redaction from libnice's log output while
    /// a run uses them (never for display).
    var turnPasswords: [String] {
        servers.compactMap { server in
            if case .turn(_, _, let credential) = server.kind { return credential.revealed }
            return nil
        }
    }

    /// The most servers one run accepts (each is an agent with its own sockets).
    public static let maximumServers = 32

    /// Checks every bound and server; the error names the first problem found.
    public func validate() throws(GatheringPlanError) {
        func range(_ value: Int, _ name: String, _ low: Int, _ high: Int) throws(GatheringPlanError) {
            guard value >= low, value <= high else {
                throw GatheringPlanError(field: name, detail: "\(value) is outside \(low)-\(high)")
            }
        }
        try range(deadlineMs, "deadlineMs", 1, 120_000)
        try range(stunInitialTimeoutMs, "stunInitialTimeoutMs", 10, 10_000)
        try range(stunMaxRetransmissions, "stunMaxRetransmissions", 0, 10)
        try range(stunReliableTimeoutMs, "stunReliableTimeoutMs", 100, 60_000)
        try range(pacingMs, "pacingMs", 1, 1000)
        try range(resolveTimeoutMs, "resolveTimeoutMs", 1, 30_000)
        try range(shutdownTimeoutMs, "shutdownTimeoutMs", 1, 30_000)
        for address in localAddresses where !HostResolver.isIPLiteral(address) {
            throw GatheringPlanError(field: "localAddresses", detail: "'\(address)' is not an IP address literal")
        }
        if let networkNamespace {
            let valid = !networkNamespace.isEmpty && networkNamespace.utf8.count <= 64
                && networkNamespace.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
                && networkNamespace != "." && networkNamespace != ".."
            guard valid else {
                throw GatheringPlanError(field: "networkNamespace",
                                         detail: "'\(networkNamespace)' is not a namespace name (letters, digits, - _ .)")
            }
        }
        guard servers.count <= Self.maximumServers else {
            throw GatheringPlanError(field: "servers",
                                     detail: "\(servers.count) servers; at most \(Self.maximumServers) per run")
        }
        for server in servers {
            guard !server.host.isEmpty, server.host.utf8.count <= 253 else {
                throw GatheringPlanError(field: "servers", detail: "server '\(server.label)' has no valid host")
            }
            guard server.port != 0 else {
                throw GatheringPlanError(field: "servers", detail: "server '\(server.label)' has port 0")
            }
            if case .turn(_, let username, let credential) = server.kind {
                guard !username.isEmpty else {
                    throw GatheringPlanError(field: "servers", detail: "TURN server '\(server.label)' needs a username")
                }
                guard !credential.isEmpty else {
                    throw GatheringPlanError(field: "servers", detail: "TURN server '\(server.label)' needs a credential")
                }
                guard !username.utf8.contains(0), !credential.revealed.utf8.contains(0) else {
                    throw GatheringPlanError(field: "servers",
                                             detail: "TURN server '\(server.label)': username or credential contains NUL")
                }
            }
        }
    }

    /// How long libnice keeps retransmitting an unanswered STUN request over UDP before giving
    /// up, in ms. libnice's timer (stun/usages/timer.c, observed on the wire) doubles the wait after
    /// each retransmission except the last, which it halves: 500 ms and 3 retransmissions wait
    /// 500 + 1000 + 500 = 2000 ms; 100 ms and 5 wait 100 + 200 + 400 + 800 + 400 = 1900 ms.
    public var udpGiveUpMs: Int {
        var total = stunInitialTimeoutMs
        var delay = stunInitialTimeoutMs
        var sent = 1
        while sent < stunMaxRetransmissions {
            delay = sent == stunMaxRetransmissions - 1 ? delay / 2 : min(delay * 2, 10_000_000)
            total += delay
            sent += 1
        }
        return total
    }
}
