import ArgumentParser
import Foundation
import ProbeTransport
import Probes
import StunWire
import Credentials
import Diagnosis

/// `iceprobe turn URI...`: allocate a relay per server and transport, prove it relays, and name
/// every failure. Exit 0 when at least one transport allocated and relayed, 1 otherwise, 2 for
/// usage errors.
struct TurnCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "turn",
        abstract: "Allocate a TURN relay over UDP, TCP and TLS, check it relays, and diagnose failures.",
        discussion: """
        URI forms: turn:host[:port][?transport=udp|tcp], turns:host[:port] (TLS). Without \
        --transport a turn: URI is tried over UDP and TCP (or its ?transport=), a turns: URI over TLS. \
        With --transport tls a turn: URI without a port uses 5349.

        Credentials: --user NAME with the password from --credential-file FILE or the environment \
        variable ICEPROBE_TURN_CREDENTIAL; or --shared-secret-file FILE (TURN REST API: user name \
        "expiry:user", password base64(HMAC-SHA1(secret, user name))); or --ice-servers FILE, a JSON \
        list [{"urls": [...], "username": "...", "credential": "..."}]. Secrets never appear in output.

        Each attempt: DNS, connect, TLS handshake, Allocate (401 challenge, 438 retry, 300 redirects), \
        Refresh, then the relay check (a second allocation as the peer, ChannelBind/CreatePermission, \
        10 packets relay to relay and back), and at the end every allocation is deleted (Refresh \
        LIFETIME 0). All attempts run concurrently; each ends within --timeout (default 5 s).

        Diagnoses: ok, dns-failure, unreachable, tcp-refused, tcp-reset, connection-closed, \
        tls-untrusted-certificate, tls-name-mismatch, tls-expired, tls-protocol, timeout, \
        credentials-required, wrong-credentials, forbidden, allocation-mismatch, unsupported-transport, \
        quota-reached, insufficient-capacity, redirect-loop, protocol-error, relay-failed, \
        local-configuration, proxy-unreachable, proxy-refused, proxy-auth-required, \
        proxy-bad-gateway, proxy-protocol, error-<code>.

        HTTP proxy: with --proxy http://HOST:PORT (or HTTPS_PROXY, https_proxy, ALL_PROXY, \
        all_proxy in the environment) TCP and TLS attempts go through the proxy with HTTP CONNECT \
        (as a browser carries TURN over TLS through one); the proxy resolves the server's name. \
        UDP attempts never use it. --no-proxy ignores the environment.

        Exit codes: 0 at least one transport allocated and relayed, 1 none did, 2 usage error.
        """
    )


    @Argument(help: ArgumentHelp("TURN servers, e.g. turn:turn.example.org:3478 turns:turn.example.org:443.",
                                 valueName: "uri"))
    var uris: [String] = []

    @Option(help: ArgumentHelp("Transports to try, comma-separated: udp,tcp,tls (default: from each URI).",
                               valueName: "list"))
    var transport: String?

    @OptionGroup var credentials: TurnCredentialOptions

    @Option(help: ArgumentHelp("Upper bound per attempt in seconds (all attempts run concurrently).",
                               valueName: "seconds"))
    var timeout: Double = 5

    @Flag(name: .customLong("no-relay-check"), help: "Only allocate; skip the relay-to-relay packet check.")
    var noRelayCheck = false

    @Option(name: .customLong("relay-packets"), help: "Packets in the relay check burst, 1-1000.")
    var relayPackets = 10

    @OptionGroup var tls: TLSOptionGroup

    @Option(help: ArgumentHelp(
        "HTTP CONNECT proxy for TCP and TLS attempts, http://HOST:PORT (default: HTTPS_PROXY, https_proxy, ALL_PROXY or all_proxy). Credentials in the URL are never printed.",
        valueName: "url"))
    var proxy: String?

    @Flag(name: .customLong("no-proxy"), help: "Connect directly even when the environment names a proxy.")
    var noProxy = false

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard timeout.isFinite, timeout > 0, timeout <= 3_600 else {
            throw ValidationError("--timeout must be more than 0 and at most 3600 seconds")
        }
        guard (1...1_000).contains(relayPackets) else { throw ValidationError("--relay-packets must be between 1 and 1000") }
        let plan = try attempts()
        try tls.validate(usingTLS: plan.contains { $0.transport == .tls })
    }

    func run() async throws {
        let plan = try attempts()
        let observations = await TurnProbe.runAll(plan)
        let report = TurnReport(observations: observations)
        switch format {
        case .json: try OutputFormat.printJSON(report)
        case .text: print(report.text(), terminator: "")
        }
        if !report.ok { throw ExitCode(ExitStatus.failure) }
    }

    // MARK: - Plan (validated before anything touches the network)

    private func transports() throws -> [TransportProtocol]? {
        guard let transport else { return nil }
        var list: [TransportProtocol] = []
        for part in transport.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let value = TransportProtocol(rawValue: name) else {
                throw ValidationError("--transport: '\(name)' is not udp, tcp or tls")
            }
            if !list.contains(value) { list.append(value) }
        }
        return list
    }

    /// The proxy from --proxy or the environment (nil with --no-proxy).
    private func proxySetting() throws -> ProxySetting? {
        if noProxy {
            if proxy != nil { throw ValidationError("--proxy and --no-proxy are alternatives; use one") }
            return nil
        }
        switch proxy.map({ ProxySetting.parse($0, source: "--proxy") }) ?? ProxySetting.fromEnvironment(ProcessInfo.processInfo.environment) {
        case .success(let setting)?: return setting
        case .failure(let error)?: throw ValidationError("proxy \(error)")
        case nil: return nil
        }
    }

    private func attempts() throws -> [TurnProbeConfiguration] {
        let chosen = try transports()
        let viaProxy = try proxySetting().map { (host: $0.host, port: UInt16(clamping: $0.port)) }
        let sources = try credentials.servers(uris: uris)
        guard !sources.isEmpty else {
            throw ValidationError("give at least one TURN URI (or --ice-servers with turn: URLs)")
        }
        var plan: [TurnProbeConfiguration] = []
        var seen: Set<String> = []
        for (uri, credential) in sources {
            let list = chosen ?? (uri.scheme.isSecure ? [.tls] : (uri.transportParameter.map { [$0] } ?? [.udp, .tcp]))
            for transport in list {
                var server = uri
                if !uri.hasExplicitPort {
                    server = ServerURI(scheme: uri.scheme, host: uri.host, port: transport == .tls ? 5349 : 3478,
                                       transportParameter: uri.transportParameter)
                }
                let key = "\(server.host)|\(server.port)|\(transport)|\(credential?.username ?? "")"
                guard seen.insert(key).inserted else { continue }
                plan.append(TurnProbeConfiguration(
                    server: server, transport: transport, credential: credential,
                    timeout: Nanoseconds.seconds(timeout), caFile: tls.caFile, insecure: tls.insecure,
                    relayCheck: !noRelayCheck, relayPackets: relayPackets, proxy: viaProxy))
            }
        }
        return plan
    }
}
