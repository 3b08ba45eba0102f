import ArgumentParser
import Collector
import Diagnosis
import Foundation
import Logging
import ReportUpload
#if canImport(Glibc)
import Glibc
#endif

/// `iceprobe browser PROFILE`: runs the browser check page in headless Chromium on this computer
/// and prints the report the page sent. It starts a collector on 127.0.0.1 (a free port, an SQLite
/// file in a private temporary directory unless --db), opens
/// `/check?profile=PROFILE&site=SITE&agent=AGENT` in Chromium (its own process group), waits for
/// the page's report to be stored, then stops Chromium and the collector. With `--collector URL`
/// it opens that collector's page instead and waits until the collector lists the report (the
/// agent's latest report of the site, sent by a browser after this run started). The lab
/// scenarios run it inside client namespaces (`run: browser`).
struct BrowserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browser",
        abstract: "Run the browser check page in headless Chromium and print the browser's report.",
        discussion: """
        The page measures with Chromium's own WebRTC stack (gathering vanilla and trickle with \
        every icecandidateerror, each TURN URL alone with relay policy, the relayed RTT per region, \
        a loopback call through the home region's relay) and posts its report to a collector this \
        command starts on 127.0.0.1; the collector evaluates it with the same evaluator as `check`.

        Bounds: the whole run ends after --timeout seconds (default 120); Chromium gets SIGTERM, \
        then SIGKILL 3 s later, for its whole process group. --ca-file makes Chromium trust that CA \
        (an NSS database in the temporary directory; needs certutil from libnss3-tools) so turns: \
        URLs of a lab can be verified.

        --collector URL opens that collector's page instead (its profile, its TURN credential: \
        the credential options here are then not used) and waits until the collector lists the \
        agent's browser report (--site and --agent are needed to find it).

        Output: JSON {kind: "browser-check", report, candidateTypes, relayProtocols, errorCodes} \
        or a short text. Exit codes as `check`: 0 ready or ready with warnings, 1 \
        not ready or no report, 2 usage error.
        """
    )

    @Argument(help: ArgumentHelp("Check profile: a name (lab, twilio, generic) or a JSON file.", valueName: "profile"))
    var profile: String

    @Option(help: ArgumentHelp("Site name the page reports under.", valueName: "name"))
    var site: String?

    @Option(help: ArgumentHelp("Agent name the page reports under.", valueName: "name"))
    var agent: String?

    @Option(name: .customLong("ca-file"), help: ArgumentHelp("PEM CA certificate Chromium should trust (lab TLS).", valueName: "file"))
    var caFile: String?

    @Option(help: ArgumentHelp("Chromium executable.", valueName: "path"))
    var chromium = "chromium"

    @Option(help: ArgumentHelp("SQLite file to store the report in (kept); default a temporary one.", valueName: "path"))
    var db: String?

    @Option(help: ArgumentHelp("Open this running collector's page (http[s]://HOST[:PORT]) instead of starting one; needs --site and --agent.",
                               valueName: "url"))
    var collector: String?

    @Flag(name: .customLong("insecure-http"), help: "Allow --collector over plain http:// to a non-loopback host.")
    var insecureHTTP = false

    @Option(help: ArgumentHelp("Seconds the whole run may take (20-600).", valueName: "seconds"))
    var timeout = 120

    @Option(help: ArgumentHelp("Output format: json or text.", valueName: "format"))
    var format = "text"

    @OptionGroup(title: "TURN credential handed to the page")
    var checkPage: ServeCheckPageOptions

    func validate() throws {
        guard (20...600).contains(timeout) else { throw ValidationError("--timeout must be 20-600 seconds") }
        guard ["json", "text"].contains(format) else { throw ValidationError("--format must be json or text") }
        if collector != nil && (site == nil || agent == nil) { throw ValidationError("--collector needs --site and --agent (to find the report)") }
        if collector != nil && db != nil { throw ValidationError("give --collector or --db, not both") }
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw ValidationError("--ca-file \(caFile) does not exist or is not readable")
        }
    }

    func run() async throws {
        let loaded = try CheckProfileSource.load(profile)
        ChromiumProcess.stopAllOnSignal()
        let work = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: work) }
        let deadline = Date().addingTimeInterval(TimeInterval(timeout))
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = work
        let query = [("profile", loaded.name), ("site", site), ("agent", agent)].compactMap { key, value in
            value.map { "\(key)=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }
        }.joined(separator: "&")
        var browser: ChromiumProcess?
        let outcome: Result<String, BrowserCheckError>
        if let collector {
            let endpoint: UploadEndpoint
            do { endpoint = try UploadEndpoint.parse(collector, allowInsecureHTTP: insecureHTTP) } catch {
                throw ValidationError("--collector \(collector): \(error)")
            }
            let started = Date()
            do {
                if let caFile { try Self.trust(caFile, home: work) }
                let base = collector.hasSuffix("/") ? String(collector.dropLast()) : collector
                browser = try ChromiumProcess(executable: chromium,
                                              arguments: ChromiumProcess.arguments(url: "\(base)/check?\(query)", profileDirectory: work + "/chromium"),
                                              environment: environment, logFile: work + "/chromium.log", profileMarker: work)
                outcome = await Self.waitForReport(at: endpoint, caFile: caFile, site: site ?? "", agent: agent ?? "",
                                                   startedAfter: started.addingTimeInterval(-5), deadline: deadline, browser: browser!)
            } catch let error as BrowserCheckError {
                outcome = .failure(error)
            } catch {
                outcome = .failure(BrowserCheckError("\(error)"))
            }
            browser?.stop()
        } else {
            let credential = try checkPage.credential(for: loaded, environment: ProcessInfo.processInfo.environment)
            var logger = Logger(label: "iceprobe.browser") { label in StreamLogHandler.standardError(label: label) }
            // Cancelling the in-process server makes Hummingbird log its shutdown at error level: only critical shown.
            logger.logLevel = .critical
            let location = StoreLocation.sqlite(path: db ?? work + "/collector.sqlite")
            let store = try await location.open(password: nil, logger: logger)
            // Uploads with a token are not used here; the page posts with its session.
            var generator = SystemRandomNumberGenerator()
            let token = (0..<32).map { _ in String(UInt8.random(in: 0...15, using: &generator), radix: 16) }.joined()
            let configuration = CollectorConfiguration(
                host: "127.0.0.1", port: 0, tokens: try TokenSet(fileContents: token + "\n"),
                checkProfiles: [CheckPageProfile(profile: loaded, credential: credential)],
                checkCallSeconds: checkPage.checkCallSeconds)
            let server = CollectorServer(configuration: configuration, store: store, logger: logger)
            let bound = PortBox()
            let serverTask = Task {
                try await server.run(handleSignals: false) { port in bound.set(port) }
            }
            do {
                guard let port = await bound.wait(until: Date().addingTimeInterval(15)) else {
                    throw BrowserCheckError("the collector did not start listening within 15 s")
                }
                if let caFile { try Self.trust(caFile, home: work) }
                let before = try await store.count()
                browser = try ChromiumProcess(executable: chromium,
                                              arguments: ChromiumProcess.arguments(url: "http://127.0.0.1:\(port)/check?\(query)",
                                                                                   profileDirectory: work + "/chromium"),
                                              environment: environment, logFile: work + "/chromium.log", profileMarker: work)
                outcome = await Self.waitForReport(store: store, after: before, deadline: deadline, browser: browser!)
            } catch let error as BrowserCheckError {
                outcome = .failure(error)
            } catch {
                outcome = .failure(BrowserCheckError("\(error)"))
            }
            browser?.stop()
            serverTask.cancel()
            _ = await serverTask.result
            await store.close()
        }
        let chromiumLog = (try? String(contentsOfFile: work + "/chromium.log", encoding: .utf8)) ?? ""
        switch outcome {
        case .failure(let error):
            FileHandleOutput.standardError("iceprobe browser: \(error.description)")
            let tail = chromiumLog.split(separator: "\n").filter { !$0.contains("dbus") && !$0.contains("D-Bus") }.suffix(8)
            if !tail.isEmpty { FileHandleOutput.standardError("chromium said:\n" + tail.joined(separator: "\n")) }
            throw ExitCode(ExitStatus.failure)
        case .success(let body):
            let report: CheckReport
            do {
                report = try ReportJSON.decode(Data(body.utf8))
            } catch {
                FileHandleOutput.standardError("iceprobe browser: the stored report does not decode: \(error)")
                throw ExitCode(ExitStatus.failure)
            }
            print(format == "json" ? try Self.json(report) : Self.text(report), terminator: "")
            if report.verdict == .notReady { throw ExitCode(ExitStatus.failure) }
        }
    }

    /// Asks the collector every 500 ms (each request bounded by 10 s) for the site's latest report
    /// per agent until `agent`'s is a browser report started after `startedAfter`.
    static func waitForReport(at endpoint: UploadEndpoint, caFile: String?, site: String, agent: String, startedAfter: Date,
                              deadline: Date, browser: ChromiumProcess) async -> Result<String, BrowserCheckError> {
        let client = HTTPUploadClient(endpoint: endpoint, token: "", caFile: caFile, timeoutSeconds: 10, maximumAnswerBytes: 256 << 20)
        let path = "/api/v1/sites/" + CollectorPath.segment(site) + "/reports"
        while Date() < deadline {
            if let answer = try? await client.send(method: "GET", path: path, authorized: false), answer.status == 200 {
                for line in answer.body.split(separator: "\n") where !line.isEmpty {
                    guard let report = try? ReportJSON.decode(Data(line.utf8)), report.agent == agent,
                          report.source == BrowserReportBuilder.source, report.startedAt >= startedAfter else { continue }
                    return .success(String(line))
                }
            }
            if browser.hasExited() { return .failure(BrowserCheckError("Chromium exited before the page sent its report")) }
            try? await Task.sleep(for: .milliseconds(500))
        }
        return .failure(BrowserCheckError("the collector listed no browser report of \(agent) within the --timeout"))
    }

    /// Polls the store every 250 ms until a report beyond `after` is stored, Chromium exits, or the deadline.
    static func waitForReport(store: any ReportStore, after: Int, deadline: Date,
                              browser: ChromiumProcess) async -> Result<String, BrowserCheckError> {
        while Date() < deadline {
            do {
                if try await store.count() > after,
                   let body = try await store.bodies(site: nil, window: TimeWindow(since: nil, until: nil)).last {
                    return .success(String(decoding: body, as: UTF8.self))
                }
            } catch {
                return .failure(BrowserCheckError("the collector's store failed: \(error)"))
            }
            if browser.hasExited() { return .failure(BrowserCheckError("Chromium exited before the page sent its report")) }
            try? await Task.sleep(for: .milliseconds(250))
        }
        return .failure(BrowserCheckError("no report from the page within the --timeout"))
    }

    /// A private (0700) temporary directory for the database, Chromium's profile and NSS database.
    static func temporaryDirectory() throws -> String {
        var template = Array((NSTemporaryDirectory() + "/iceprobe-browser.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw BrowserCheckError("cannot create a temporary directory") }
        return String(cString: made)
    }

    /// Makes Chromium (NSS, `HOME/.pki/nssdb`) trust `caFile` for TLS server certificates.
    static func trust(_ caFile: String, home: String) throws {
        let database = "sql:" + home + "/.pki/nssdb"
        try FileManager.default.createDirectory(atPath: home + "/.pki/nssdb", withIntermediateDirectories: true)
        for argv in [["certutil", "-d", database, "-N", "--empty-password"],
                     ["certutil", "-d", database, "-A", "-n", "iceprobe-ca", "-t", "C,,", "-i", caFile]] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = argv
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            do { try process.run() } catch { throw BrowserCheckError("cannot run certutil (install libnss3-tools): \(error)") }
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw BrowserCheckError("certutil \(argv[3]) failed (exit \(process.terminationStatus)) for --ca-file \(caFile)")
            }
        }
    }

    struct Output: Encodable {
        let kind = "browser-check"
        let schemaVersion = 1
        let candidateTypes: [String]
        let relayProtocols: [String]
        let errorCodes: [Int]
        let report: CheckReport
    }

    static func json(_ report: CheckReport) throws -> String {
        let candidates = report.browser?.gathering.filter { $0.mode == "trickle" }.flatMap(\.candidates) ?? []
        let output = Output(candidateTypes: Array(Set(candidates.compactMap(\.type))).sorted(),
                            relayProtocols: Array(Set(candidates.filter { $0.type == "relay" }.compactMap(\.relayProtocol))).sorted(),
                            errorCodes: Array(Set(report.browser?.allErrors.compactMap(\.code) ?? [])).sorted(),
                            report: report)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return String(decoding: try encoder.encode(output), as: UTF8.self) + "\n"
    }

    static func ms(_ value: Double) -> String { String(format: "%.1f ms", value) }

    static func text(_ report: CheckReport) -> String {
        var lines = ["browser check: \(report.verdict.rawValue)"]
        if let browser = report.browser {
            lines.append("browser: \(browser.userAgent)")
            for gathering in browser.gathering {
                let types = gathering.candidates.map { [$0.type ?? "?", $0.protocol ?? "?", $0.relayProtocol].compactMap { $0 }.joined(separator: "/") }
                let took = gathering.completeMs.map { "complete after \(Self.ms($0))" } ?? "not complete"
                lines.append("gathering \(gathering.mode) \(gathering.region ?? "-"): \(types.joined(separator: ", ")) (\(took))")
                for error in gathering.errors { lines.append("  error \(error.code.map(String.init) ?? "-") \(error.url ?? "-"): \(error.text)") }
            }
            for relay in browser.relays {
                lines.append("relay \(relay.url): \(relay.relay ? "works" : "fails")" + (relay.ms.map { " after \(Self.ms($0))" } ?? "")
                    + relay.errors.map { " [\($0.code.map(String.init) ?? "-") \($0.text)]" }.joined())
            }
            for rtt in browser.regionRtts {
                lines.append("region \(rtt.region): " + (rtt.halfRttMs.map { "RTT \(Self.ms($0)) (half of the relayed pair's \(Self.ms(rtt.relayedRttMs ?? 0)))" } ?? (rtt.error ?? "-")))
            }
            if let call = browser.call {
                if let error = call.error {
                    lines.append("call: \(error)")
                } else {
                    lines.append("call via \(call.region ?? "-") over \(call.transport ?? "-"), \(String(format: "%.0f", call.seconds)) s: sent \(call.packetsSent ?? 0), lost \(call.packetsLost ?? 0) (\(call.lossPercent.map { String(format: "%.2f", $0) } ?? "-") %), jitter \(call.jitterMs.map(Self.ms) ?? "-"), RTT \((call.rtcpRttMs ?? call.pairRttMs).map(Self.ms) ?? "-"), concealed \(call.concealedPercent.map { String(format: "%.2f", $0) } ?? "-") %")
                }
            }
        }
        for finding in report.findings { lines.append("\(finding.severity.rawValue): \(finding.id.rawValue): \(finding.message)") }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The port the collector bound, handed from its start callback to the command.
final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var port: Int?

    func set(_ value: Int) {
        lock.withLock { port = value }
    }

    func wait(until deadline: Date) async -> Int? {
        while Date() < deadline {
            if let value = lock.withLock({ port }) { return value }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }
}
