import ArgumentParser
import Foundation
import IceAgent
import Probes

/// `iceprobe gather`: ICE candidate gathering through libnice, as a browser softphone would do it
/// against the same servers. Exit 0 when at least one srflx or relay candidate was gathered, 1
/// otherwise (the report says why), 2 for usage errors.
struct GatherCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gather",
        abstract: "Gather ICE candidates (host, srflx, relay) through libnice, vanilla or trickle, with timings.",
        discussion: """
        Each server gets its own libnice agent (one agent with both STUN and TURN finishes about 2 s \
        late, and libnice drops "redundant" relays), plus one agent for host candidates. libnice \
        needs IP addresses: names are resolved first (bounded by 2 s).

        --mode vanilla waits for gathering to complete and prints the full set; --mode trickle \
        prints each candidate the moment it is found, with the ms since start. --format json-lines \
        streams one JSON object per candidate ("kind": "candidate") and per finished server \
        ("kind": "server"), then the summary ("kind": "gather", schemaVersion 1). The summary's "counts" \
        gives order-free facts for scripts and lab scenarios: candidates per type, UDP srflx, relays by \
        transport to the server, whether the NAT kept the port (srflxPortPreserved, \
        srflxPortDiffersFromHost) and the srflx addresses.

        TURN credentials: --user NAME with the password from --credential-file FILE (first line) \
        or the environment variable ICEPROBE_TURN_CREDENTIAL; or --ice-servers FILE with \
        [{"urls": [...], "username": "...", "credential": "..."}]. Passwords are never printed.

        Limits of libnice, said plainly in the output: turns: servers are contacted over plain TCP \
        (libnice's TLS relay type is not TLS; `iceprobe turn` tests TLS); stuns: is not supported; \
        TURN errors (401, 403, 486) are not reported, only the missing relay; with no NAT the srflx \
        candidate equals the host candidate and libnice drops it. So after gathering, every turns: \
        server and every TURN server that gave no relay get one attempt with iceprobe's own TURN \
        client (as `iceprobe turn`, same credential, real TLS with --ca-file/--insecure, 4 s each, \
        concurrently): the report's "turnChecks" names the cause or confirms TLS works. \
        --no-turn-check skips it; it is not run with --netns.

        --connect also runs two agents in this process through full ICE checks with these servers \
        and reports the nominated pair and time to connected (--relay-only forces TURN on both sides; \
        --netns and --peer-netns put each agent behind its own lab NAT). Each agent uses every TURN \
        server (whose Allocate also gives the srflx candidate), or the first STUN server when there is \
        no TURN server. Checks start when both agents finished gathering (vanilla exchange). \
        When an agent fails although a pair had been selected, ICE is restarted once, as a WebRTC \
        application would, and the report says so (iceRestarts, firstAttemptFailure).

        Every wait is bounded: --deadline (default 5 s) for gathering, twice that (at least 16 s) \
        for the --connect check, 1 s for closing the agents; \
        a server still gathering at the deadline is named with how long it held gathering up.

        Exit codes: 0 a srflx or relay candidate was gathered, 1 none was, 2 usage error.
        """
    )

    enum Mode: String, ExpressibleByArgument, CaseIterable { case vanilla, trickle }
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
        case jsonLines = "json-lines"
    }

    @Argument(help: ArgumentHelp(
        "Server URIs (stun:, turn:, turns:), taken like --stun/--turn by their scheme (how lab probes name a target).",
        valueName: "uri"))
    var servers: [String] = []

    @Option(name: .customLong("stun"), help: ArgumentHelp("STUN server URI (stun:host[:port]); repeatable.", valueName: "uri"))
    var stunServers: [String] = []

    @Option(name: .customLong("turn"), help: ArgumentHelp(
        "TURN server URI (turn:host[:port][?transport=udp|tcp], turns:...); repeatable.", valueName: "uri"))
    var turnServers: [String] = []

    @OptionGroup var login: TurnLoginOptions
    var user: String? { login.user }
    var credentialFile: String? { login.credentialFile }
    var iceServersFile: String? { login.iceServersFile }

    @Option(help: "vanilla (wait for all candidates) or trickle (print each as it is found).")
    var mode: Mode = .vanilla

    @Option(help: "Output format: text, json or json-lines.")
    var format: Format = .text

    @Option(help: ArgumentHelp("Gathering deadline in seconds (default 5).", valueName: "seconds"))
    var deadline: Double = 5

    @Option(name: .customLong("stun-timeout"), help: ArgumentHelp(
        "libnice's initial STUN retransmission timeout, ms (default 500).", valueName: "ms"))
    var stunTimeout = 500

    @Option(name: .customLong("stun-retransmissions"), help: "libnice's STUN retransmission count (default 3).")
    var stunRetransmissions = 3

    @Option(name: .customLong("pacing"), help: ArgumentHelp(
        "libnice's gathering tick Ta, ms (default 1; libnice's own is 20): requests, retransmissions "
        + "and the Allocate after a 401 wait for it.", valueName: "ms"))
    var pacing = 1

    @Option(name: .customLong("local-address"), help: ArgumentHelp(
        "Gather only on this local IP (repeatable; default: all interfaces but loopback).", valueName: "ip"))
    var localAddresses: [String] = []

    @Option(name: .customLong("netns"), help: ArgumentHelp(
        "Gather from inside this network namespace (a name from `ip netns`; needs root).", valueName: "name"))
    var networkNamespace: String?

    @Flag(name: .customLong("no-tcp"), help: "Do not gather TCP host candidates.")
    var noTCP = false

    @Flag(help: "Also run a two-agent ICE connectivity check with the same servers.")
    var connect = false

    @Flag(name: .customLong("relay-only"), help: "With --connect: use relayed candidates only on both sides.")
    var relayOnly = false

    @Option(name: .customLong("peer-netns"), help: ArgumentHelp(
        "With --connect: run the second agent inside this network namespace (e.g. a client behind another NAT).",
        valueName: "name"))
    var peerNetworkNamespace: String?

    @Option(name: .customLong("peer-local-address"), help: ArgumentHelp(
        "With --connect: local IP(s) of the second agent (repeatable; default: as --local-address).", valueName: "ip"))
    var peerLocalAddresses: [String] = []

    @Flag(help: "Print libnice's debug messages (to standard error).")
    var debug = false

    @Flag(name: .customLong("no-turn-check"), help: ArgumentHelp(
        "Skip the follow-up TURN attempts (iceprobe's own client) that name why a TURN server gave no relay "
        + "and test turns: servers over real TLS."))
    var noTurnCheck = false

    @OptionGroup var tls: TLSOptionGroup

    func validate() throws {
        var peer = try plan()
        if peerNetworkNamespace != nil { peer.networkNamespace = peerNetworkNamespace }
        if !peerLocalAddresses.isEmpty { peer.localAddresses = peerLocalAddresses }
        do {
            try peer.validate()
        } catch {
            throw ValidationError("peer: \(error.description)")
        }
        if !connect, relayOnly || peerNetworkNamespace != nil || !peerLocalAddresses.isEmpty {
            throw ValidationError("--relay-only, --peer-netns and --peer-local-address need --connect")
        }
        let hasTLS = peer.servers.contains { if case .turn(.tls, _, _) = $0.kind { true } else { false } }
        try tls.validate(usingTLS: hasTLS)
    }

    func run() async throws {
        let plan = try plan()
        let renderer = GatherRenderer(mode: mode, format: format)
        let stream: AsyncStream<GatherEvent>
        do {
            stream = try Gatherer.events(for: plan)
        } catch {
            throw ValidationError(error.description)
        }
        var report: GatheringReport? = nil
        for await event in stream {
            if case .finished(let value) = event { report = value } else { try renderer.event(event) }
        }
        guard let report else { throw ExitCode(ExitStatus.failure) }
        var connectivity: ConnectivityReport? = nil
        if connect {
            var peer = plan
            if peerNetworkNamespace != nil { peer.networkNamespace = peerNetworkNamespace }
            if !peerLocalAddresses.isEmpty { peer.localAddresses = peerLocalAddresses }
            let check = ConnectivityPlan(left: plan, right: peer, forceRelayLeft: relayOnly, forceRelayRight: relayOnly,
                                         deadlineMs: max(plan.deadlineMs * 2, 16_000))
            do {
                connectivity = try await ConnectivityCheck.run(check)
            } catch {
                throw ValidationError(error.description)
            }
        }
        // libnice hides TURN errors and cannot speak TLS: ask iceprobe's own TURN client. Not from
        // inside --netns (the gathering ran there, this process does not).
        var turnChecks: [TurnAttemptResult]? = nil
        if !noTurnCheck, plan.networkNamespace == nil {
            turnChecks = await GatherTurnCheck.run(GatherTurnCheck.targets(report: report, plan: plan),
                                                   caFile: tls.caFile, insecure: tls.insecure)
        }
        try renderer.finish(report, connectivity: connectivity, turnChecks: turnChecks)
        if !report.hasServerCandidate { throw ExitCode(ExitStatus.failure) }
    }

    /// The gathering plan from the flags (validated; usage errors are `ValidationError`).
    func plan() throws -> GatheringPlan {
        guard deadline.isFinite, deadline > 0, deadline <= 120 else {
            throw ValidationError("--deadline must be more than 0 and at most 120 seconds")
        }
        guard (10...10_000).contains(stunTimeout) else { throw ValidationError("--stun-timeout must be 10-10000 ms") }
        guard (0...10).contains(stunRetransmissions) else { throw ValidationError("--stun-retransmissions must be 0-10") }
        if let user, user.isEmpty { throw ValidationError("--user must not be empty") }
        let needsCredential = !turnServers.isEmpty || iceServersFile != nil
            || servers.contains { $0.lowercased().hasPrefix("turn") }
        let credential = needsCredential
            ? try TurnPassword.read(file: credentialFile, environment: ProcessInfo.processInfo.environment)
            : nil
        if credentialFile != nil, !needsCredential {
            throw ValidationError("--credential-file is only used with TURN servers or --ice-servers")
        }
        var servers: [IceServer] = []
        for uri in self.servers {
            servers.append(try GatherServerList.server(uri: uri, flag: "server", expectTURN: nil,
                                                       username: user, credential: credential))
        }
        for uri in stunServers {
            servers.append(try GatherServerList.server(uri: uri, flag: "--stun", expectTURN: false,
                                                       username: nil, credential: nil))
        }
        for uri in turnServers {
            servers.append(try GatherServerList.server(uri: uri, flag: "--turn", expectTURN: true,
                                                       username: user, credential: credential))
        }
        if let iceServersFile {
            servers += try GatherServerList.iceServers(path: iceServersFile, fallbackUser: user,
                                                       fallbackCredential: credential)
        }
        let plan = GatheringPlan(servers: servers, deadlineMs: Int((deadline * 1000).rounded()),
                                 stunInitialTimeoutMs: stunTimeout, stunMaxRetransmissions: stunRetransmissions,
                                 pacingMs: pacing, includeTCP: !noTCP, debug: debug, localAddresses: localAddresses,
                                 networkNamespace: networkNamespace)
        do {
            try plan.validate()
        } catch {
            throw ValidationError(error.description)
        }
        return plan
    }
}
