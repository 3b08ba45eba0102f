import ArgumentParser
import Diagnosis
import ProbeTransport
import Probes

/// `iceprobe nat`: NAT behaviour discovery (RFC 5780, or RFC 3489 servers) with RFC 4787 terms, the classic name and a
/// plain sentence. Exit 0 when a classification was made, 1 when not (UDP blocked, timeout, no
/// server usable: the report is still printed), 2 for usage errors.
struct NatCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nat",
        abstract: "Discover NAT mapping and filtering behaviour (RFC 5780 or RFC 3489 servers), with a plain verdict for calls.",
        discussion: """
        The first --server runs the RFC 5780 tests. It needs an alternate address: OTHER-ADDRESS \
        (RFC 5780, e.g. coturn listening on two IPs) or, from a classic RFC 3489 server such as \
        stund, CHANGED-ADDRESS (with SOURCE-ADDRESS as the response origin, and MAPPED-ADDRESS \
        when it sends no XOR-MAPPED-ADDRESS); "serverStandard" says which (rfc5780, rfc3489, \
        none). With several servers the mapped addresses of one socket are also compared, which \
        gives the mapping behaviour even without an alternate address. Filtering is never \
        guessed: it is "unknown" when the server has no usable alternate address (none, its own \
        address or IP) or when nothing answers there.

        Mapping and filtering run at the same time on separate fresh sockets. Waits come from the \
        RTT measured by the first Binding: a test is declared unanswered only after 4 copies of its \
        request went unanswered (loss of all 4 at 2 % packet loss: about 1 in 400 000). \
        UDP is declared blocked when no server answers within 2 s.

        --timeout bounds name resolution and all runs (default 5 s per run); --lifetime adds at most \
        its maximum plus about 4 s. Without --server: \(NatProbeOptions.defaultServers.joined(separator: " and ")).

        Exit codes: 0 classified, 1 not classified (the report says why), 2 usage error.
        """
    )

    @Option(name: .customLong("server"), help: ArgumentHelp(
        "STUN server (stun:host[:port]); repeat to compare mappings across servers.", valueName: "uri"))
    var servers: [String] = []

    @Flag(help: "Also test hairpinning (RFC 5780 4.5); off by default because some firewalls flag it.")
    var hairpin = false

    @Option(help: ArgumentHelp("Also search the binding lifetime (RFC 5780 4.6) up to this many seconds, with parallel sockets.",
                               valueName: "seconds"))
    var lifetime: Double?

    @Option(name: .customLong("repeat"), help: "Run the whole classification N times (fresh sockets) and report agreement as confidence.")
    var repeatCount = 1

    @Option(help: ArgumentHelp("Upper bound in seconds for resolving and all runs (default 5 per run).", valueName: "seconds"))
    var timeout: Double?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        _ = try options()
    }

    func run() async throws {
        let options = try options()
        let session = await NatProbe.run(options)
        let verdicts = session.runs.map { NatClassifier.classify($0.observations) }
        let report = NatReport(session: session, verdicts: verdicts)
        switch format {
        case .json: try OutputFormat.printJSON(report)
        case .text: print(NatReportText.render(report))
        }
        if !report.classificationMade { throw ExitCode(ExitStatus.failure) }
    }

    private func options() throws -> NatProbeOptions {
        var uris: [ServerURI] = []
        for text in servers.isEmpty ? NatProbeOptions.defaultServers : servers {
            do {
                uris.append(try ServerURI(parsing: text))
            } catch {
                throw ValidationError("--server: \(error)")
            }
        }
        if let timeout, !(timeout.isFinite && timeout > 0 && timeout <= 3_600) {
            throw ValidationError("--timeout must be more than 0 and at most 3600 seconds")
        }
        if let lifetime, !lifetime.isFinite {
            throw ValidationError("--lifetime must be a number of seconds")
        }
        let options = NatProbeOptions(
            servers: uris, hairpin: hairpin, lifetimeMaximum: lifetime.map { Nanoseconds.seconds($0) },
            repeatCount: repeatCount, timeout: timeout.map { Nanoseconds.seconds($0) })
        do {
            try options.validate()
        } catch {
            throw ValidationError(error.description)
        }
        return options
    }
}
