import ArgumentParser
import Collector
import Diagnosis
import Foundation
import Logging
import ReportUpload

/// `iceprobe serve`: the collector. Agents POST their check reports; the support desk reads each
/// site's rollup (the same as `iceprobe site`) as JSON or HTML. Thin: everything is in `Collector`.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the collector: receive agents' check reports, keep them, and show each site.",
        discussion: """
        Storage: an SQLite file (default, WAL, created when missing) or PostgreSQL with \
        --db postgres://USER@HOST[:PORT]/DB[?sslmode=require] (password from PGPASSWORD, never in \
        the URL). Schema migrations are applied at start.

        Tokens: --token-file holds the agents' upload tokens, one per line (at least 16 characters; \
        # starts a comment). They are kept only as SHA-256 hashes and never logged.

        Transport: HTTPS with --tls-cert and --tls-key. Plain HTTP is allowed on a loopback address \
        only, unless --insecure-http (the tokens would cross the network in clear).

        Time bounds: a client must send a whole request within --request-timeout seconds (default \
        10) once its connection waits for one, or it is disconnected; uploads over 1 MiB are \
        refused (413); PostgreSQL connections time out after 10 s.

        Browser check page: send agents the link /check?profile=NAME&site=SITE&agent=AGENT (NAME one         of --profile). It runs in their browser on load, measures with the browser's WebRTC stack and         sends its report here, evaluated like a CLI report. Its TURN credential comes from --user with         --credential-file, --turn-secret-file (minted per session, valid --credential-lifetime         seconds, default 600), or the profile's own credentials; never from the page's source.

        API: POST /api/v1/reports, GET /api/v1/sites, /api/v1/sites/SITE (?since=, ?until=, \
        ?baseline=), /api/v1/sites/SITE/reports, /api/v1/profiles, /healthz, /metrics \
        (Prometheus); pages / and /sites/SITE. See docs/collector-openapi.yaml.

        Logs: one JSON object per line on standard error. Stops cleanly on SIGINT or SIGTERM.
        Exit codes: 0 stopped by a signal, 1 the server or database failed, 2 usage error.
        """
    )

    @Option(help: ArgumentHelp("Address and port to listen on (port 0 picks a free one).", valueName: "host:port"))
    var listen = "127.0.0.1:8080"

    @Option(help: ArgumentHelp("SQLite file, or postgres://USER@HOST[:PORT]/DB.", valueName: "path|url"))
    var db = "iceprobe-collector.sqlite"

    @Option(name: .customLong("token-file"), help: ArgumentHelp("File of accepted upload tokens, one per line.", valueName: "file"))
    var tokenFile: String

    @Option(name: .customLong("tls-cert"), help: ArgumentHelp("PEM certificate chain for HTTPS.", valueName: "file"))
    var tlsCert: String?

    @Option(name: .customLong("tls-key"), help: ArgumentHelp("PEM private key for HTTPS.", valueName: "file"))
    var tlsKey: String?

    @Flag(name: .customLong("insecure-http"), help: "Allow plain HTTP on a non-loopback address (tokens in clear).")
    var insecureHTTP = false

    @Option(name: .customLong("profile"), help: ArgumentHelp(
        "Check profile (name or JSON file) offered to agents at /api/v1/profiles; repeatable.", valueName: "name|file"))
    var profiles: [String] = []

    @Option(name: .customLong("request-timeout"), help: ArgumentHelp(
        "Seconds a client has to send a whole request (1-300).", valueName: "seconds"))
    var requestTimeout = 10

    @OptionGroup(title: "Browser check page (/check?profile=NAME&site=SITE&agent=AGENT)")
    var checkPage: ServeCheckPageOptions

    @Option(name: .customLong("log-level"), help: ArgumentHelp("trace, debug, info, notice, warning, error or critical.", valueName: "level"))
    var logLevel = "info"

    func validate() throws {
        let (host, _) = try Self.parseListen(listen)
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("give --tls-cert and --tls-key together") }
        for file in [tlsCert, tlsKey].compactMap({ $0 }) where !FileManager.default.isReadableFile(atPath: file) {
            throw ValidationError("\(file) does not exist or is not readable")
        }
        if tlsCert == nil && !insecureHTTP && !UploadEndpoint.isLoopback(host) {
            throw ValidationError("plain HTTP on \(host) would carry tokens in clear: give --tls-cert/--tls-key, listen on loopback, or add --insecure-http")
        }
        guard (1...300).contains(requestTimeout) else { throw ValidationError("--request-timeout must be 1-300 seconds") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level \(logLevel) is not a level") }
        do { _ = try StoreLocation.parse(db) } catch { throw ValidationError("\(error)") }
        do { _ = try TokenSet.read(path: tokenFile) } catch { throw ValidationError("--token-file: \(error)") }
        _ = try loadProfiles()
        _ = try loadCheckProfiles()
    }

    func run() async throws {
        let (host, port) = try Self.parseListen(listen)
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = JSONLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "iceprobe.collector")
        let tokens: TokenSet
        let location: StoreLocation
        do {
            tokens = try TokenSet.read(path: tokenFile)
            location = try StoreLocation.parse(db)
        } catch {
            throw ValidationError("\(error)")
        }
        let store: any ReportStore
        do {
            store = try await location.open(password: ProcessInfo.processInfo.environment["PGPASSWORD"], logger: logger)
        } catch {
            logger.critical("cannot open the database", metadata: ["db": "\(location)", "error": "\(error)"])
            throw ExitCode(ExitStatus.failure)
        }
        var tls: (certificate: String, key: String)?
        if let tlsCert, let tlsKey { tls = (certificate: tlsCert, key: tlsKey) }
        let schemaVersion = (try? await store.schemaVersion()) ?? 0
        let configuration = CollectorConfiguration(
            host: host, port: port, tls: tls, tokens: tokens,
            requestDeadline: .seconds(requestTimeout), profiles: try loadProfiles(),
            checkProfiles: try loadCheckProfiles(), checkCallSeconds: checkPage.checkCallSeconds)
        let server = CollectorServer(configuration: configuration, store: store, logger: logger)
        let scheme = tlsCert == nil ? "http" : "https"
        do {
            try await server.run(handleSignals: true) { bound in
                logger.info("collector listening", metadata: [
                    "url": "\(scheme)://\(host.contains(":") ? "[\(host)]" : host):\(bound)", "db": "\(location)",
                    "tokens": "\(tokens.count)", "schemaVersion": "\(schemaVersion)"])
            }
        } catch {
            logger.critical("collector failed", metadata: ["error": "\(error)"])
            await store.close()
            throw ExitCode(ExitStatus.failure)
        }
        await store.close()
    }

    func loadProfiles() throws -> [CollectorProfile] {
        try profiles.map { reference in
            let profile = try CheckProfileSource.load(reference)
            return CollectorProfile(name: profile.name, description: profile.description, regions: profile.regions.map(\.id))
        }
    }

    /// The profiles as the check page runs them, each with the TURN credential its page gets.
    func loadCheckProfiles() throws -> [CheckPageProfile] {
        let environment = ProcessInfo.processInfo.environment
        return try profiles.map { reference in
            let profile = try CheckProfileSource.load(reference)
            return CheckPageProfile(profile: profile, credential: try checkPage.credential(for: profile, environment: environment))
        }
    }

    /// `HOST:PORT`, `[IPv6]:PORT`; the port 0-65535.
    static func parseListen(_ text: String) throws -> (String, Int) {
        var host: Substring
        var portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[text.index(after: close)...].hasPrefix(":") else {
                throw ValidationError("--listen \(text): expected [IPv6]:PORT")
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
        } else {
            guard let colon = text.lastIndex(of: ":") else { throw ValidationError("--listen \(text): expected HOST:PORT") }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard !host.isEmpty, let port = Int(portText), (0...65_535).contains(port) else {
            throw ValidationError("--listen \(text): expected HOST:PORT with a port 0-65535")
        }
        return (String(host), port)
    }
}
