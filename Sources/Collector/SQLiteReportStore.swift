import Diagnosis
import Foundation
import GRDB

/// The default store: one SQLite file through GRDB, in WAL mode (readers never wait for the
/// writer) with `synchronous = FULL`, so a report answered 201 survives a crash of the process
/// or of the machine. Writes are serialised by GRDB's pool; each insert is one transaction.
public final class SQLiteReportStore: ReportStore {
    private let pool: DatabasePool

    /// Opens (creating when missing) the database at `path` and applies pending migrations.
    /// A database written by a newer iceprobe (unknown migrations) is refused.
    public init(path: String) throws {
        var configuration = GRDB.Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        configuration.label = "iceprobe-collector"
        pool = try DatabasePool(path: path, configuration: configuration)
        var migrator = DatabaseMigrator()
        for migration in CollectorSchema.migrations {
            migrator.registerMigration(migration.identifier) { db in
                for statement in migration.sqlite { try db.execute(sql: statement) }
            }
        }
        try pool.read { db in
            if try migrator.hasBeenSuperseded(db) {
                throw StoreError.newerSchema(path)
            }
        }
        try migrator.migrate(pool)
    }

    public func insert(_ report: StoredReport) async throws -> InsertOutcome {
        try await pool.write { db in
            if let id = try Int64.fetchOne(db, sql: """
                INSERT INTO reports (agent_key, started_at_ms, site, site_grouping, verdict, received_at_ms, body)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (agent_key, started_at_ms) DO NOTHING
                RETURNING id
                """, arguments: [report.agentKey, report.startedAtMs, report.site.name, report.site.grouping.rawValue,
                                 report.verdict, report.receivedAtMs, report.body]) {
                return .created(id)
            }
            guard let existing = try Int64.fetchOne(db, sql: "SELECT id FROM reports WHERE agent_key = ? AND started_at_ms = ?",
                                                    arguments: [report.agentKey, report.startedAtMs]) else {
                throw StoreError.inconsistent("a conflicting report vanished during the insert")
            }
            return .duplicate(existing)
        }
    }

    public func sites() async throws -> [SiteRef] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT DISTINCT site, site_grouping FROM reports").compactMap { row -> SiteRef? in
                let grouping: String = row["site_grouping"]
                guard let parsed = SiteGrouping(rawValue: grouping) else { return nil }
                return SiteRef(name: row["site"], grouping: parsed)
            }.sorted()
        }
    }

    public func bodies(site: SiteRef?, window: TimeWindow) async throws -> [Data] {
        try await pool.read { db in
            let rows: [String]
            if let site {
                rows = try String.fetchAll(db, sql: """
                    SELECT body FROM reports WHERE site = ? AND site_grouping = ? AND started_at_ms >= ? AND started_at_ms <= ?
                    ORDER BY id
                    """, arguments: [site.name, site.grouping.rawValue, window.sinceMs, window.untilMs])
            } else {
                rows = try String.fetchAll(db, sql: """
                    SELECT body FROM reports WHERE started_at_ms >= ? AND started_at_ms <= ? ORDER BY id
                    """, arguments: [window.sinceMs, window.untilMs])
            }
            return rows.map { Data($0.utf8) }
        }
    }

    public func latestPerAgent(site: SiteRef, window: TimeWindow) async throws -> [Data] {
        try await pool.read { db in
            try String.fetchAll(db, sql: CollectorSchema.latestPerAgentSQL,
                                arguments: [site.name, site.grouping.rawValue, window.sinceMs, window.untilMs,
                                            window.sinceMs, window.untilMs]).map { Data($0.utf8) }
        }
    }

    public func count() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reports") ?? 0 }
    }

    public func schemaVersion() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations") ?? 0 }
    }

    public func close() async {
        try? pool.close()
    }
}
