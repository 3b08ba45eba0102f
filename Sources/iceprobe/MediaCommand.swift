import ArgumentParser
import Diagnosis
import Foundation
import ProbeTransport
import Probes

extension MediaCodec: ExpressibleByArgument {}

/// `iceprobe media TURN-URI`: a voice-like stream through a TURN relay and back, its loss,
/// burst, jitter, late-packet, reordering, RTT and E-model figures against published targets,
/// and the largest datagram the relay path carries. Exit 0 when every target is met, 1 when
/// the stream missed one or could not run, 2 for usage errors.
struct MediaCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "media",
        abstract: "Stream voice-like RTP packets through a TURN relay and back; report loss, jitter, MOS and the largest datagram.",
        discussion: """
        Two allocations are made on the server (both from this computer) and bound to each other \
        with ChannelBind. An RTP-shaped packet (RTP header with sequence number and timestamp, \
        then the send time) leaves the first every 20 ms, goes through the relay to the second, \
        which echoes it back the same way. Payload: 80 bytes for --codec opus (32 kbit/s), 160 \
        bytes for --codec pcmu (G.711). Then datagrams of 576, 1200, 1280, 1400 and 1472 bytes of \
        UDP payload go relay to relay (up to 5 copies each); the largest that arrives is reported.

        Figures (forward leg, timed on one clock): sent, received, loss %, duplicates, runs of \
        lost packets and the ITU-T G.113 burst ratio, RFC 3550 interarrival jitter, delay \
        variation p95/p99, the share arriving too late for a 60 ms and a 100 ms playout buffer, \
        reordering %, the round trip to the relay (min/median/p95), and an E-model R and MOS \
        (ITU-T G.107 with packet-loss robustness and burst ratio): \
        R = 93.2 - Id - Ie,eff, Ie,eff = Ie + (95 - Ie) Ppl / (Ppl/BurstR + Bpl), \
        Id = 0.024 Ta + 0.11 (Ta - 177.3) H(Ta - 177.3), Ta = RTT/2 + codec delay + 60 ms buffer, \
        Ppl = lost or late for 60 ms (%); Ie 0, Bpl 25.1 (G.113 G.711 with concealment; a stand-in \
        for Opus). Every packet crosses this computer's uplink AND downlink, so the figures are \
        both directions together: one stream cannot tell which direction lost a packet.

        Targets (warnings): loss over 1 % (Microsoft Teams: under 1 % in any 15 s; Twilio warns \
        over 1 %, flags 3 % averages), over 10 % lost in any 200 ms (Teams burst loss), jitter over \
        30 ms (Teams, Twilio), reordering over 0.05 % (Teams), RTT over 400 ms (Twilio), MOS \
        under 3.5, over 1 % late for a 60 ms buffer. Failures: media-failed (no relay, or nothing \
        came through), mtu-black-hole (datagrams of 1200 bytes or more lost while smaller arrive: \
        DTLS handshakes would fail).

        Credentials as for `iceprobe turn`: --user with --credential-file or \
        ICEPROBE_TURN_CREDENTIAL, --shared-secret-file (TURN REST), or --ice-servers FILE (the \
        first TURN URL in it is used when no URI is given). Secrets never appear in output.

        Time bounds: set-up (DNS, connect, TLS, two allocations, two ChannelBinds) --timeout \
        (default 5 s); the stream --seconds plus 1.5 s for the last packets and echoes; the \
        datagram test at most 6 s (each copy waits 3 x the p95 round trip, 200 ms to 1 s); \
        deleting both allocations (always done) at most 1 s.

        Exit codes: 0 every target met, 1 a target missed or the stream could not run, 2 usage error.
        """
    )

    @Argument(help: ArgumentHelp("The TURN server, e.g. turn:turn.example.org:3478 or turns:turn.example.org:443.",
                                 valueName: "turn-uri"))
    var uri: String?

    @Option(help: ArgumentHelp("How to reach the relay: udp, tcp or tls (default: from the URI).", valueName: "transport"))
    var transport: String?

    @Option(help: ArgumentHelp("Codec to imitate: opus (80-byte payload) or pcmu (160-byte G.711).", valueName: "codec"))
    var codec: MediaCodec = .opus

    @Option(help: ArgumentHelp("Length of the stream, seconds (1-240: TURN permissions last 300 s and are not refreshed).", valueName: "seconds"))
    var seconds: Double = 10

    @Option(help: ArgumentHelp("Upper bound of the relay set-up in seconds.", valueName: "seconds"))
    var timeout: Double = 5

    @Flag(name: .customLong("no-datagrams"), help: "Skip the largest-datagram test.")
    var noDatagrams = false

    @OptionGroup var credentials: TurnCredentialOptions

    @OptionGroup var tls: TLSOptionGroup

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        guard seconds.isFinite, seconds >= 1, seconds <= 240 else {
            throw ValidationError("--seconds must be between 1 and 240")
        }
        guard timeout.isFinite, timeout > 0, timeout <= 3_600 else {
            throw ValidationError("--timeout must be more than 0 and at most 3600 seconds")
        }
        let plan = try plan()
        try tls.validate(usingTLS: plan.turn.transport == .tls)
    }

    func run() async throws {
        let plan = try plan()
        let observation = await MediaProbe.run(plan)
        let report = observation.report(plan)
        switch format {
        case .json: try OutputFormat.printJSON(report)
        case .text: print(report.text(), terminator: "")
        }
        if !report.ok { throw ExitCode(ExitStatus.failure) }
    }

    /// The stream to run (validated before anything touches the network).
    private func plan() throws -> MediaProbeConfiguration {
        var chosen: TransportProtocol?
        if let transport {
            guard let value = TransportProtocol(rawValue: transport.lowercased()) else {
                throw ValidationError("--transport: '\(transport)' is not udp, tcp or tls")
            }
            chosen = value
        }
        let sources = try credentials.servers(uris: uri.map { [$0] } ?? [])
        guard let (uri, credential) = sources.first else {
            throw ValidationError("give a TURN URI (or --ice-servers with a turn: URL)")
        }
        let selected = chosen ?? uri.impliedTransport
        var server = uri
        if !uri.hasExplicitPort {
            server = ServerURI(scheme: uri.scheme, host: uri.host, port: selected == .tls ? 5349 : 3478,
                               transportParameter: uri.transportParameter)
        }
        let turn = TurnProbeConfiguration(server: server, transport: selected, credential: credential,
                                          timeout: Nanoseconds.seconds(timeout), caFile: tls.caFile, insecure: tls.insecure)
        return MediaProbeConfiguration(turn: turn, codec: codec, seconds: seconds,
                                       datagramSizes: noDatagrams ? [] : MediaDatagramResult.defaultSizes)
    }
}
