import Collector
import Diagnosis
import Foundation
import IceprobeTestSupport
import Logging
import ReportUpload
import Testing

/// Starts the real collector (`CollectorServer`) on 127.0.0.1 with a free port, over a store of
/// the kind under test, and talks to it with the agents' own HTTP client. Everything it starts
/// is stopped and removed by `stop()`, which `with` calls on every path.
struct CollectorHarness {
    enum StoreKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
        case sqlite, postgres
        var testDescription: String { rawValue }
    }

    static let token = "test-token-0123456789abcdef"
    static let tokenFile = "# collector tests\n\(token)\nsecond-token-abcdefghijklmnop\n"

    /// PostgreSQL for the tests: `ICEPROBE_TEST_POSTGRES_URL` (postgres://USER@127.0.0.1:PORT/DB),
    /// set by scripts/test.sh after it starts a throw-away cluster (scripts/postgres-scratch.sh).
    static let postgresURL = ProcessInfo.processInfo.environment["ICEPROBE_TEST_POSTGRES_URL"]

    /// Whether tests of this store kind run: SQLite always; PostgreSQL when a scratch server is
    /// given, or when CI demands it (and then fails without one).
    static func enabled(_ kind: StoreKind) -> Bool {
        kind == .sqlite || postgresURL != nil || Coturn.integrationRequired
    }

    let kind: StoreKind
    let directory: String
    let location: StoreLocation
    let port: Int
    let store: any ReportStore
    let server: Task<Void, any Error>

    static let quietLogger = Logger(label: "collector-test") { _ in SwiftLogNoOpLogHandler() }

    /// A fresh store (new SQLite file, or emptied PostgreSQL tables) and a started server.
    static func start(_ kind: StoreKind, directory: String? = nil, requestDeadline: Duration = .seconds(10),
                      fresh: Bool = true, tls: (certificate: String, key: String)? = nil,
                      checkProfiles: [CheckPageProfile] = []) async throws -> CollectorHarness {
        let directory = directory ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("iceprobe-collector-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let location: StoreLocation
        switch kind {
        case .sqlite:
            location = .sqlite(path: directory + "/collector.sqlite")
        case .postgres:
            guard let url = postgresURL else {
                throw Coturn.HarnessError("PostgreSQL tests need ICEPROBE_TEST_POSTGRES_URL (scripts/test.sh starts one), but ICEPROBE_REQUIRE_INTEGRATION=1")
            }
            location = try StoreLocation.parse(url)
            if fresh { try resetPostgres(url) }
        }
        let store = try await location.open(password: nil, logger: quietLogger)
        let configuration = CollectorConfiguration(host: "127.0.0.1", port: 0, tls: tls, tokens: try TokenSet(fileContents: tokenFile),
                                                   requestDeadline: requestDeadline,
                                                   profiles: [CollectorProfile(name: "generic", description: "test", regions: ["eu"])],
                                                   checkProfiles: checkProfiles)
        let server = CollectorServer(configuration: configuration, store: store, logger: quietLogger)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            defer { continuation.finish() }
            try await server.run(handleSignals: false) { port in continuation.yield(port) }
        }
        var bound: Int?
        for await port in ports {
            bound = port
            break
        }
        guard let bound, bound > 0 else {
            task.cancel()
            _ = await task.result
            await store.close()
            throw Coturn.HarnessError("the collector did not start: \(String(describing: await task.result))")
        }
        return CollectorHarness(kind: kind, directory: directory, location: location, port: bound, store: store, server: task)
    }

    /// Runs `body` with a started collector; stops it and removes its files on every path.
    static func with<T>(_ kind: StoreKind, requestDeadline: Duration = .seconds(10), checkProfiles: [CheckPageProfile] = [],
                        _ body: (CollectorHarness) async throws -> T) async throws -> T {
        let harness = try await start(kind, requestDeadline: requestDeadline, checkProfiles: checkProfiles)
        do {
            let result = try await body(harness)
            await harness.stop(removeFiles: true)
            return result
        } catch {
            await harness.stop(removeFiles: true)
            throw error
        }
    }

    func stop(removeFiles: Bool) async {
        server.cancel()
        _ = await server.result
        await store.close()
        if removeFiles { try? FileManager.default.removeItem(atPath: directory) }
    }

    /// Drops the collector's tables so each PostgreSQL test starts empty (tests are serialized).
    static func resetPostgres(_ url: String) throws {
        guard case .postgres(let host, let port, let user, let database, _) = try StoreLocation.parse(url) else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = ["-q", "-h", host, "-p", String(port), "-U", user, "-d", database, "-v", "ON_ERROR_STOP=1",
                             "-c", "DROP TABLE IF EXISTS reports, iceprobe_schema_migrations"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Coturn.HarnessError("psql could not reset the test database") }
    }

    // MARK: client

    func client(token: String = CollectorHarness.token) throws -> HTTPUploadClient {
        HTTPUploadClient(endpoint: try UploadEndpoint.parse("http://127.0.0.1:\(port)", allowInsecureHTTP: false), token: token,
                         timeoutSeconds: 10, maximumAnswerBytes: 64 << 20)
    }

    func post(_ body: [UInt8], token: String = CollectorHarness.token) async throws -> UploadResponse {
        try await client(token: token).post(body)
    }

    func post(_ report: CheckReport) async throws -> UploadResponse {
        try await post(Array(try ReportJSON.render(report).utf8))
    }

    func get(_ path: String) async throws -> UploadResponse {
        try await client().send(method: "GET", path: path, authorized: false)
    }

    /// `count` sample reports from the seeded generator the site benchmarks use.
    static func sampleReports(_ count: Int, seed: UInt64 = 7, sites: Int = 3) -> [CheckReport] {
        var generator = SiteSampleGenerator(seed: seed, sites: sites)
        return generator.reports(count)
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}
