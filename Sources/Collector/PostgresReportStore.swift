import Diagnosis
import Foundation
import Logging
import PostgresNIO

/// The store for collectors that outgrow one machine: PostgreSQL through postgres-nio's pooled
/// client (at most 20 connections, 10 s connect timeout). Same schema and answers as
/// `SQLiteReportStore`; migrations are recorded in `iceprobe_schema_migrations` and applied
/// under an advisory lock, so collectors starting together migrate once.
public final class PostgresReportStore: ReportStore {
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger: Logger

    /// Connects (lazily, through the pool) and applies pending migrations.
    public init(configuration: PostgresClient.Configuration, logger: Logger) async throws {
        var configuration = configuration
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.maximumConnections = 20
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        self.logger = logger
        runner = Task { await client.run() }
        do {
            try await migrate()
        } catch {
            runner.cancel()
            throw error
        }
    }

    private func migrate() async throws {
        let logger = logger
        try await client.withTransaction(logger: logger) { connection in
            // One lock number for iceprobe's migrations ("icep" in ASCII).
            try await connection.query("SELECT pg_advisory_xact_lock(1768121712)", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS iceprobe_schema_migrations (
                    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())
                """, logger: logger)
            var applied = Set<Int>()
            for try await version in try await connection.query("SELECT version FROM iceprobe_schema_migrations",
                                                                logger: logger).decode(Int.self) {
                applied.insert(version)
            }
            if let newest = applied.max(), newest > CollectorSchema.latestVersion {
                throw StoreError.newerSchema("(PostgreSQL)")
            }
            for migration in CollectorSchema.migrations where !applied.contains(migration.version) {
                for statement in migration.postgres {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO iceprobe_schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))",
                                           logger: logger)
            }
        }
    }

    /// `?` placeholders (shared SQL) as PostgreSQL's `$1, $2, ...`.
    static func numbered(_ sql: String) -> String {
        var out = ""
        var index = 0
        for character in sql {
            if character == "?" {
                index += 1
                out += "$\(index)"
            } else {
                out.append(character)
            }
        }
        return out
    }

    public func insert(_ report: StoredReport) async throws -> InsertOutcome {
        let rows = try await client.query("""
            INSERT INTO reports (agent_key, started_at_ms, site, site_grouping, verdict, received_at_ms, body)
            VALUES (\(report.agentKey), \(report.startedAtMs), \(report.site.name), \(report.site.grouping.rawValue),
                    \(report.verdict), \(report.receivedAtMs), \(report.body))
            ON CONFLICT (agent_key, started_at_ms) DO NOTHING
            RETURNING id
            """, logger: logger)
        for try await id in rows.decode(Int64.self) { return .created(id) }
        let existing = try await client.query("SELECT id FROM reports WHERE agent_key = \(report.agentKey) AND started_at_ms = \(report.startedAtMs)",
                                              logger: logger)
        for try await id in existing.decode(Int64.self) { return .duplicate(id) }
        throw StoreError.inconsistent("a conflicting report vanished during the insert")
    }

    public func sites() async throws -> [SiteRef] {
        var sites: [SiteRef] = []
        for try await (name, grouping) in try await client.query("SELECT DISTINCT site, site_grouping FROM reports",
                                                                 logger: logger).decode((String, String).self) {
            if let parsed = SiteGrouping(rawValue: grouping) { sites.append(SiteRef(name: name, grouping: parsed)) }
        }
        return sites.sorted()
    }

    public func bodies(site: SiteRef?, window: TimeWindow) async throws -> [Data] {
        let query: PostgresQuery
        if let site {
            query = """
                SELECT body FROM reports WHERE site = \(site.name) AND site_grouping = \(site.grouping.rawValue)
                AND started_at_ms >= \(window.sinceMs) AND started_at_ms <= \(window.untilMs) ORDER BY id
                """
        } else {
            query = "SELECT body FROM reports WHERE started_at_ms >= \(window.sinceMs) AND started_at_ms <= \(window.untilMs) ORDER BY id"
        }
        return try await strings(query).map { Data($0.utf8) }
    }

    public func latestPerAgent(site: SiteRef, window: TimeWindow) async throws -> [Data] {
        var binds = PostgresBindings()
        binds.append(site.name)
        binds.append(site.grouping.rawValue)
        for _ in 0..<2 {
            binds.append(window.sinceMs)
            binds.append(window.untilMs)
        }
        return try await strings(PostgresQuery(unsafeSQL: Self.numbered(CollectorSchema.latestPerAgentSQL), binds: binds))
            .map { Data($0.utf8) }
    }

    private func strings(_ query: PostgresQuery) async throws -> [String] {
        var out: [String] = []
        for try await value in try await client.query(query, logger: logger).decode(String.self) { out.append(value) }
        return out
    }

    public func count() async throws -> Int {
        for try await value in try await client.query("SELECT COUNT(*) FROM reports", logger: logger).decode(Int.self) {
            return value
        }
        return 0
    }

    public func schemaVersion() async throws -> Int {
        for try await value in try await client.query("SELECT COUNT(*) FROM iceprobe_schema_migrations", logger: logger).decode(Int.self) {
            return value
        }
        return 0
    }

    public func close() async {
        runner.cancel()
        _ = await runner.result
    }
}
