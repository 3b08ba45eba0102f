import ArgumentParser
import Diagnosis
import Foundation
import IceAgent
import Probes
import ProbeTransport
#if canImport(Glibc)
import Glibc
import Credentials
#endif

/// `iceprobe check`: the readiness check of one agent PC against a profile's media regions,
/// within a total time budget, with a verdict, findings with actions, and a report.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Readiness check: region latency, queue-routed delay, TURN, NAT, ICE gathering; a verdict and a report.",
        discussion: """
        Runs concurrently inside a total time budget (--budget, default 5 s; at most that long): \
        DNS for every server (at most 0.3 of the budget and 1.5 s; a fresh lookup at 0, 250 and \
        750 ms, the first answer wins); latency to every region of the profile (10 samples each by \
        default: min, median, p95, jitter, loss), reported by the best method that answered: STUN \
        over UDP first; for a region whose UDP stays silent for 1 s, at once STUN over TCP, STUN \
        over TLS (one connection each, \
        connect bounded at 2 s), the TCP connect and the TLS handshake to the region's latency \
        targets (at most 10 connections per target; a connect over 1 s counts as lost); the methods that failed are listed with why. \
        The profile's steering names (GeoDNS) are resolved and their answer timed and compared \
        with the nearest region (dns-steers-to-far-region). TURN over UDP, TCP and TLS to the home region \
        and the nearest region when credentials are available; NAT behaviour (RFC 5780); ICE \
        gathering through libnice; local facts (interfaces, IPv4/IPv6, MTU, VPN-like default \
        route). Whatever is still running at the budget is cancelled and reported as not measured. \
        The verdict is ready or ready-with-warnings only when a media path was measured to work \
        (STUN over UDP answered, or a TURN relay allocated); otherwise not-ready \
        (media-path-unproven, unless another failure says why).

        Queue-routed delay: one-way mouth-to-ear delay of a call anchored in the home region and \
        of one bridged through the queue region (--queue-region or the profile's), each held \
        against ITU-T G.114 (150 ms), with an E-model R-factor and MOS; the model is stated in \
        the report.

        Choppy audio: --samples 200 --spacing 20 --budget 10 paces the STUN requests like a media \
        stream; each region then also reports its loss bursts (runs of lost requests, the ITU-T \
        G.113 burst ratio, the most lost in any 200 ms window) and bursty-loss names a home region \
        whose worst 200 ms window loses more than 10 %.

        Profiles: --profile NAME (shipped: \(ProfileCatalog.names.joined(separator: ", "))) or FILE \
        (JSON; see Profiles/ and the README). The profile may also be given as the argument. A NAME \
        is NAME.json in ~/.config/iceprobe/profiles, /etc/iceprobe/profiles, then \
        PREFIX/share/iceprobe/profiles (the package's /usr/share/iceprobe/profiles), the first \
        found; else the copy built into the binary.

        TURN credentials: the profile's `credentials` (static or TURN REST, secret from a file or \
        environment variable), or --user NAME with --credential-file FILE or the environment \
        variable ICEPROBE_TURN_CREDENTIAL, or --ice-servers FILE. Secrets are never printed.

        Media (--media SECONDS, off by default; it runs after the budget and extends the run by \
        SECONDS plus about 3 s, at most SECONDS + 13.5 s): the `iceprobe media` stream through the \
        home region's TURN relay (the first of UDP, TCP, TLS whose relay worked). Its findings \
        (media-loss, media-burst-loss, media-jitter, media-late, media-reordering, media-high-rtt, \
        media-low-mos, media-failed, mtu-black-hole) and MOS join the verdict under the check \
        `media`; the JSON report carries it as `media` (null when not run).

        Progress goes to standard error when it is a terminal.

        Triage: the report opens with one line naming the root cause (the lowest failing layer: \
        interface and default route, DNS resolver and names, UDP, TCP per port, TLS interception, \
        HTTP proxy, TURN credentials, media quality, region steering) and one line with the action \
        that fixes it; the findings it explains are listed once, as its consequences. The path \
        probe connects directly to the TURN servers' TCP port and TLS port (bounded by the budget) \
        to see which ports get out and who issued the certificate presented.

        Firewall rules: --firewall-rules nftables|iptables|netsh|csv prints the profile's required \
        egress (STUN/TURN ports per region, media ports) for the network admin and runs no probe.

        Collector: --upload URL --token-file FILE also sends the JSON report to `iceprobe serve` \
        (whatever --format prints). The report is first written whole to the spool (--spool-dir), \
        then every spooled report is sent and deleted once the collector stored it; a failed or \
        interrupted upload (each bounded by 15 s) stays for the next run. --every 15m --count 8 \
        repeats the check (each wait plus a random 0-10 %); Ctrl-C stops after the current check \
        and upload, twice quits at once. The exit code is that of the last check.

        CI: --junit FILE also writes the report as a JUnit test suite (one test case per check; \
        failures fail, warnings are shown with their message and action, not-measured checks are \
        skipped). --baseline FILE compares with an earlier JSON report of the same agent and exits 1 \
        on a regression: a new failure finding, a worse verdict, a region's median RTT up by more \
        than --baseline-rtt-percent (30) AND --baseline-rtt-ms (5), its loss up by more than \
        --baseline-loss-points (1), a region that stopped answering, a changed NAT type, or a TURN \
        transport that stopped working. Improvements are reported and do not fail. The comparison \
        is in every output format (JSON: `baseline`) and in the JUnit file.

        Exit codes: 0 ready, or ready-with-warnings without --strict, and no regression against \
        --baseline; 1 not-ready (or ready-with-warnings with --strict), or a regression; 2 usage \
        error (bad flag, bad profile, unreadable baseline).
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, markdown }

    @Argument(help: ArgumentHelp("Profile name or file (same as --profile).", valueName: "profile"))
    var profileArgument: String?

    @Option(name: .customLong("profile"), help: ArgumentHelp(
        "Profile: a shipped name (\(ProfileCatalog.names.joined(separator: ", "))) or a JSON file (default generic).", valueName: "name|file"))
    var profileOption: String?

    @Option(help: ArgumentHelp("Total time budget in seconds (default 5, 1-120): the check never takes longer.", valueName: "seconds"))
    var budget: Double = CheckOptions.defaultBudgetSeconds

    @Option(help: ArgumentHelp("STUN samples per region (default 10, 10-200).", valueName: "n"))
    var samples = 10

    @Option(help: ArgumentHelp("Pause between STUN samples, ms (default 50; shrunk to fit a short budget).", valueName: "ms"))
    var spacing = 50

    @Option(name: .customLong("home-region"), help: ArgumentHelp("The site's home region (overrides the profile's).", valueName: "id"))
    var homeRegion: String?

    @Option(name: .customLong("queue-region"), help: ArgumentHelp(
        "Region where a queue would anchor media, for the queue-routed delay (overrides the profile's).", valueName: "id"))
    var queueRegion: String?

    @OptionGroup var login: TurnLoginOptions

    @OptionGroup var tls: TLSOptionGroup

    @Option(help: ArgumentHelp(
        "HTTP proxy this computer uses, http://HOST:PORT (default: HTTPS_PROXY, https_proxy, ALL_PROXY or all_proxy). Credentials in the URL are never printed.",
        valueName: "url"))
    var proxy: String?

    @Flag(name: .customLong("no-proxy"), help: "Ignore a proxy named by the environment.")
    var noProxy = false

    @Option(name: .customLong("media"), help: ArgumentHelp(
        "After the check, stream voice-like packets through the home region's TURN relay for this many seconds (1-240; off by default) and judge loss, jitter, MOS and the largest datagram as `iceprobe media` does.",
        valueName: "seconds"))
    var mediaSeconds: Double?

    @Flag(name: .customLong("no-turn"), help: "Do not test TURN.")
    var noTurn = false

    @Flag(name: .customLong("no-nat"), help: "Do not run the NAT behaviour probe.")
    var noNat = false

    @Flag(name: .customLong("no-gather"), help: "Do not gather ICE candidates.")
    var noGather = false

    @Option(name: .customLong("firewall-rules"), help: ArgumentHelp(
        "Print the profile's required egress as firewall rules (nftables, iptables, netsh or csv) and exit; runs no probe.",
        valueName: "format"))
    var firewallRules: FirewallRulesFormat?

    @Option(help: "Output format: text, json or markdown.")
    var format: Format = .text

    @Option(name: .customLong("out"), help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var outFile: String?

    @Option(help: ArgumentHelp("Site name for the report.", valueName: "name"))
    var site: String?

    @Option(help: ArgumentHelp("Agent name for the report (default: this computer's host name).", valueName: "name"))
    var agent: String?

    @Flag(help: "Exit 1 for ready-with-warnings too (and in --junit, warnings are failures).")
    var strict = false

    @Option(help: ArgumentHelp("Also write the report as JUnit XML to this file (one test case per check).", valueName: "file"))
    var junit: String?

    @Option(help: ArgumentHelp("Compare with this earlier JSON report of the same agent; exit 1 on a regression.", valueName: "file"))
    var baseline: String?

    @Option(name: .customLong("baseline-rtt-percent"), help: ArgumentHelp(
        "A region's median RTT regresses when it rises by more than this percentage AND --baseline-rtt-ms (default 30).", valueName: "percent"))
    var baselineRttPercent = BaselineThresholds.defaultRttPercent

    @Option(name: .customLong("baseline-rtt-ms"), help: ArgumentHelp(
        "... and by more than this many milliseconds (default 5).", valueName: "ms"))
    var baselineRttMs = BaselineThresholds.defaultRttMs

    @Option(name: .customLong("baseline-loss-points"), help: ArgumentHelp(
        "A region's loss regresses when it rises by more than this many percentage points (default 1).", valueName: "points"))
    var baselineLossPoints = BaselineThresholds.defaultLossPoints

    @Flag(name: .customLong("list-profiles"), help: "List the profile names --profile finds and the file (or built-in copy) each one uses; run nothing.")
    var listProfiles = false

    @OptionGroup(title: "Sending reports to a collector") var uploadOptions: CheckUploadOptions

    func validate() throws {
        if listProfiles { return }
        if profileArgument != nil && profileOption != nil {
            throw ValidationError("give the profile once: as the argument or with --profile")
        }
        try tls.validate(usingTLS: true)
        if let mediaSeconds, !(mediaSeconds.isFinite && mediaSeconds >= 1 && mediaSeconds <= 240) {
            throw ValidationError("--media must be between 1 and 240 seconds")
        }
        for (flag, value) in [("--baseline-rtt-percent", baselineRttPercent), ("--baseline-rtt-ms", baselineRttMs),
                              ("--baseline-loss-points", baselineLossPoints)] where !(value.isFinite && value >= 0) {
            throw ValidationError("\(flag) must be a number >= 0, not \(value)")
        }
        if let junit, let outFile, junit == outFile {
            throw ValidationError("--junit and --out name the same file (\(junit)): give two files")
        }
        if firewallRules != nil {
            _ = try firewallRuleText()   // needs only the profile: no credentials
            return
        }
        _ = try prepare()
        _ = try uploadOptions.uploader()
        _ = try uploadOptions.schedule()
        _ = try readBaseline()
    }

    /// The earlier report given with --baseline (a usage error when it cannot be read).
    func readBaseline() throws -> CheckReport? {
        guard let baseline else { return nil }
        do {
            return try BaselineReportReader.read(path: baseline)
        } catch {
            throw ValidationError("--baseline \(error)")
        }
    }

    /// `--firewall-rules`: the profile's required egress in the chosen form.
    func firewallRuleText() throws -> String {
        let profile = try CheckProfileSource.load(profileArgument ?? profileOption ?? "generic")
        let rules: [EgressRule]
        do {
            rules = try FirewallRulePlanner.rules(for: profile)
        } catch {
            throw ValidationError("\(error)")
        }
        return FirewallRulesRenderer.render(rules, profile: profile.name, format: firewallRules ?? .csv)
    }

    func run() async throws {
        if listProfiles {
            let rows = CheckProfileSource.listing()
            let width = rows.map(\.name.count).max() ?? 0
            for row in rows { print(row.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + row.source) }
            return
        }
        if firewallRules != nil {
            let text = try firewallRuleText()
            if let outFile {
                try Self.write(text, to: outFile, flag: "--out")
            } else {
                print(text, terminator: "")
            }
            return
        }
        let uploader = try uploadOptions.uploader()
        guard let schedule = try uploadOptions.schedule() else {
            try finish(try await runOnce(uploader: uploader, shouldStop: { false }))
            return
        }
        let last = try await CheckRepeater.run(interval: schedule.interval, count: schedule.count) { shouldStop in
            try await runOnce(uploader: uploader, shouldStop: shouldStop)
        }
        if let last { try finish(last) }
    }

    /// One check: run, print or write the report, then upload it when asked. Returns its verdict and
    /// whether it regressed against --baseline.
    func runOnce(uploader: CheckUploader?, shouldStop: @escaping @Sendable () -> Bool) async throws -> CheckOutcome {
        let (plan, credentials) = try prepare()
        let baselineReport = try readBaseline()
        let progress = CheckProgressDisplay()
        let gatherCredential = credentials.gather
        let gather: CheckRunner.Gather = { stun, turn, deadlineMs in
            await CheckGathering.gather(stun: stun, turn: turn, credential: gatherCredential, deadlineMs: deadlineMs)
        }
        var observations = await CheckRunner.run(plan, gather: gather, progress: progress.callback)
        if let mediaSeconds {
            if let target = CheckMedia.target(plan: plan, turn: observations.turn) {
                progress.note("media: streaming \(Int(mediaSeconds)) s through \(target.server) over \(target.transportName)")
                observations.media = await CheckMedia.run(target, seconds: mediaSeconds, plan: plan)
            } else {
                progress.note("media: not run (no home region with a TURN server and credentials)")
            }
        }
        let agentName = agent ?? Self.hostName()
        var (report, _) = CheckFactsBuilder.report(plan: plan, observations: observations, site: site, agent: agentName)
        if let baselineReport {
            let thresholds = BaselineThresholds(rttPercent: baselineRttPercent, rttMs: baselineRttMs, lossPoints: baselineLossPoints)
            report.baseline = BaselineComparator.compare(baseline: baselineReport, current: report, thresholds: thresholds)
        }

        let text: String
        switch format {
        case .json: text = try ReportJSON.render(report)
        case .text: text = TextReportRenderer.render(report) + CheckExtras.text(observations: observations, credentials: credentials)
            + (report.media.map { "\n" + $0.text() } ?? "")
        case .markdown: text = MarkdownReportRenderer.render(report) + CheckExtras.markdown(observations: observations, credentials: credentials)
            + (report.media.map { "\n## Media stream\n\n```\n" + $0.text() + "```\n" } ?? "")
        }
        if let junit {
            try Self.write(CheckJUnitRenderer.render(report, warningsFail: strict), to: junit, flag: "--junit")
        }
        if let outFile {
            try Self.write(text, to: outFile, flag: "--out")
            progress.note("report written to \(outFile): \(report.verdict.rawValue)")
        } else {
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        }
        await uploader?.deliver(report, shouldStop: shouldStop)
        return CheckOutcome(verdict: report.verdict, regressed: report.baseline?.regressed ?? false)
    }

    /// The exit status of a check: 1 on a regression against --baseline, then by verdict.
    private func finish(_ outcome: CheckOutcome) throws {
        if outcome.regressed { throw ExitCode(ExitStatus.failure) }
        switch outcome.verdict {
        case .ready: return
        case .readyWithWarnings: if strict { throw ExitCode(ExitStatus.failure) }
        case .notReady: throw ExitCode(ExitStatus.failure)
        }
    }

    /// Writes an output file; a failure is a usage error naming the flag.
    static func write(_ text: String, to path: String, flag: String) throws {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            FileHandleOutput.standardError("iceprobe check: cannot write \(flag) \(path): \(error.localizedDescription)")
            throw ExitCode(ExitStatus.usage)
        }
    }

    /// This computer's host name (gethostname: no DNS lookup, so no wait without a network).
    static func hostName() -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return nil }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? nil : name
    }

    /// The profile, credentials and plan from the flags; every problem is a usage error.
    func prepare() throws -> (CheckPlan, CheckCredentials) {
        let profile = try CheckProfileSource.load(profileArgument ?? profileOption ?? "generic")
        let environment = ProcessInfo.processInfo.environment
        let credentials = try CheckCredentials.resolve(profile: profile.credentials, user: login.user, credentialFile: login.credentialFile,
                                                       environment: environment)
        var iceServers: [IceServerEntry] = []
        if let iceServersFile = login.iceServersFile {
            do {
                iceServers = try IceServerList.read(path: iceServersFile)
            } catch {
                throw ValidationError("--ice-servers \(iceServersFile): \(error)")
            }
        }
        let proxySetting: ProxySetting?
        if noProxy && proxy != nil { throw ValidationError("--proxy and --no-proxy are alternatives; use one") }
        switch proxy.map({ ProxySetting.parse($0, source: "--proxy") }) ?? (noProxy ? nil : ProxySetting.fromEnvironment(environment)) {
        case .success(let setting)?: proxySetting = setting
        case .failure(let error)?: throw ValidationError("proxy \(error)")
        case nil: proxySetting = nil
        }
        let options = CheckOptions(budgetSeconds: budget, samples: samples, spacingMs: spacing, homeRegion: homeRegion,
                                   queueRegion: queueRegion, turnCredential: credentials.probe, iceServers: iceServers,
                                   runTurn: !noTurn, runNat: !noNat, runGather: !noGather,
                                   caFile: tls.caFile, insecure: tls.insecure, proxy: proxySetting)
        do {
            return (try CheckPlanner.plan(profile: profile, options: options), credentials)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}

extension FirewallRulesFormat: ExpressibleByArgument {}

/// What one check run decides the exit status with.
struct CheckOutcome: Sendable {
    let verdict: Verdict
    let regressed: Bool
}
