import ArgumentParser
import Diagnosis
import ProbeTransport
import Probes
import StunWire

/// `iceprobe stun URI`: STUN Binding probe. Exit 0 when a Binding succeeded, 1 when the probe
/// failed (the output says how), 2 for usage errors.
struct StunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stun",
        abstract: "Send STUN Binding requests to a server and report the mapped address, NAT, RTT and loss.",
        discussion: """
        URI forms: stun:host[:port], stuns:host[:port] (TLS), host, host:port, [v6]:port. \
        Default ports: 3478 for stun:, 5349 for stuns:.

        Over UDP the first request is retransmitted on the RFC 8489 schedule (500 ms, doubling), \
        later ones on a faster schedule derived from the measured RTT. --timeout caps the whole \
        run: name resolution, connection, TLS handshake and every sample.

        The report says which NAT-discovery standard the server speaks (serverStandard: rfc5780 \
        with OTHER-ADDRESS and RESPONSE-ORIGIN, rfc3489 with the classic CHANGED-ADDRESS and \
        SOURCE-ADDRESS, none), its alternate address and response origin from either standard \
        (otherAddress, responseOrigin, each with the attribute it came from), and whether the \
        mapped address came from XOR-MAPPED-ADDRESS or, as from many RFC 3489 servers, from \
        MAPPED-ADDRESS only.

        Exit codes: 0 a Binding succeeded, 1 the probe failed (see "error"), 2 usage error.
        """
    )

    @Argument(help: ArgumentHelp("The STUN server, e.g. stun:stun.example.org:3478.", valueName: "uri"))
    var uri: String

    @Option(help: "udp, tcp or tls (default: from the URI; stuns: means tls).")
    var transport: TransportProtocol?

    @Option(help: "Number of Binding requests (samples), 1-1000.")
    var count = 5

    @Option(help: ArgumentHelp("Pause between samples, milliseconds.", valueName: "ms"))
    var interval = 100

    @Option(help: ArgumentHelp(
        "Upper bound for the whole probe in seconds (DNS, connect, TLS, all samples); the probe never runs longer.",
        valueName: "seconds"))
    var timeout: Double = 5

    @OptionGroup var tls: TLSOptionGroup

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    @Option(name: .customLong("local-address"), help: ArgumentHelp(
        "Local address to send from: IP, IP:port or [IPv6]:port (default: chosen by the kernel).",
        valueName: "address"))
    var localAddress: String?

    func validate() throws {
        let server = try parsedServer()
        guard (1...1_000).contains(count) else { throw ValidationError("--count must be between 1 and 1000") }
        guard (0...60_000).contains(interval) else { throw ValidationError("--interval must be between 0 and 60000 ms") }
        guard timeout.isFinite, timeout > 0, timeout <= 3_600 else {
            throw ValidationError("--timeout must be more than 0 and at most 3600 seconds")
        }
        _ = try parsedLocalAddress()
        try tls.validate(usingTLS: (transport ?? server.impliedTransport) == .tls)
    }

    func run() async throws {
        let server = try parsedServer()
        let configuration = StunProbeConfiguration(
            server: server, transport: transport, count: count,
            spacing: Nanoseconds.milliseconds(UInt64(interval)), timeout: Nanoseconds.seconds(timeout),
            localAddress: try parsedLocalAddress(), caFile: tls.caFile, insecure: tls.insecure)
        let observation = await StunProbe.run(configuration)
        switch format {
        case .json: try OutputFormat.printJSON(observation)
        case .text: print(StunCommand.text(observation))
        }
        if !observation.ok { throw ExitCode(ExitStatus.failure) }
    }

    private func parsedServer() throws -> ServerURI {
        do {
            let server = try ServerURI(parsing: uri)
            if server.scheme.isTURN {
                throw ValidationError("'\(uri)' is a TURN URI; iceprobe stun takes stun: or stuns:")
            }
            return server
        } catch let error as ServerURIError {
            throw ValidationError(error.description)
        }
    }

    private func parsedLocalAddress() throws -> TransportAddress? {
        guard let localAddress else { return nil }
        if let ip = IPAddress(localAddress) { return TransportAddress(ip: ip, port: 0) }
        if let address = TransportAddress(localAddress) { return address }
        throw ValidationError("--local-address '\(localAddress)' is not an IP address, IP:port or [IPv6]:port")
    }

    /// The human-readable report (presentation only).
    static func text(_ observation: StunObservation) -> String {
        var lines: [String] = []
        let target = observation.resolvedAddress.map { " (\($0))" } ?? ""
        lines.append("STUN \(observation.server) over \(observation.transport)\(target)")
        if let error = observation.error {
            lines.append("  result:         FAILED: \(error.kind): \(error.message)")
        } else {
            lines.append("  result:         ok")
        }
        lines.append("  local address:  \(observation.localAddress ?? "unknown")")
        lines.append("  mapped address: \(observation.mappedAddress ?? "not measured")")
        switch observation.natDetected {
        case .some(true): lines.append("  NAT:            present (the server sees a different address than the local one)")
        case .some(false): lines.append("  NAT:            none detected (the server sees the local address)")
        case .none: lines.append("  NAT:            unknown")
        }
        if let rtt = observation.rttMs {
            lines.append("  RTT:            min \(OutputFormat.number(rtt.min)) ms, median \(OutputFormat.number(rtt.median)) ms, "
                         + "max \(OutputFormat.number(rtt.max)) ms (\(rtt.samples) sample\(rtt.samples == 1 ? "" : "s"))")
        } else {
            lines.append("  RTT:            not measured")
        }
        let loss = observation.lossPercent.map { "\(OutputFormat.number($0)) % loss" } ?? "loss not measured"
        lines.append("  requests:       \(observation.sent) sent, \(observation.received) answered, \(loss), "
                     + "\(observation.retransmissions) retransmission(s), \(observation.strayPackets) stray packet(s)")
        lines.append("  software:       \(observation.software ?? "not reported")")
        switch observation.serverStandard {
        case .rfc5780?: lines.append("  standard:       RFC 5780 (NAT behaviour discovery supported)")
        case .rfc3489?: lines.append("  standard:       RFC 3489 (classic: CHANGED-ADDRESS, no OTHER-ADDRESS)")
        case StunServerStandard.none?: lines.append("  standard:       no alternate address (neither RFC 5780 nor RFC 3489)")
        case nil: lines.append("  standard:       unknown")
        }
        if let other = observation.otherAddress {
            lines.append("  alternate:      \(other) (\(observation.otherAddressAttribute ?? "?"))")
        }
        if let origin = observation.responseOrigin {
            lines.append("  response from:  \(origin) (\(observation.responseOriginAttribute ?? "?"))")
        }
        if observation.mappedAddressAttribute == "MAPPED-ADDRESS" {
            lines.append("  note:           the server sent MAPPED-ADDRESS only (no XOR-MAPPED-ADDRESS), as RFC 3489 servers do")
        }
        lines.append("  duration:       \(OutputFormat.number(observation.durationMs)) ms")
        return lines.joined(separator: "\n")
    }
}

extension TransportProtocol: ExpressibleByArgument {}
