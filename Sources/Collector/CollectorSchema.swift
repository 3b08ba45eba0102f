/// The collector's database schema as numbered migrations, applied in order and recorded, each
/// once (SQLite: GRDB's `DatabaseMigrator` table `grdb_migrations`; PostgreSQL:
/// `iceprobe_schema_migrations`). Add a migration to change the schema; never edit one that
/// shipped.
enum CollectorSchema {
    struct Migration: Sendable {
        let version: Int
        let name: String
        let sqlite: [String]
        let postgres: [String]

        var identifier: String { "v\(version)-\(name)" }
    }

    static let migrations: [Migration] = [
        Migration(
            version: 1, name: "reports",
            sqlite: [
                """
                CREATE TABLE reports (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    agent_key TEXT NOT NULL,
                    started_at_ms INTEGER NOT NULL,
                    site TEXT NOT NULL,
                    site_grouping TEXT NOT NULL,
                    verdict TEXT NOT NULL,
                    received_at_ms INTEGER NOT NULL,
                    body TEXT NOT NULL,
                    UNIQUE (agent_key, started_at_ms)
                )
                """,
                "CREATE INDEX reports_by_site ON reports (site, site_grouping, started_at_ms)",
            ],
            postgres: [
                """
                CREATE TABLE reports (
                    id BIGSERIAL PRIMARY KEY,
                    agent_key TEXT NOT NULL,
                    started_at_ms BIGINT NOT NULL,
                    site TEXT NOT NULL,
                    site_grouping TEXT NOT NULL,
                    verdict TEXT NOT NULL,
                    received_at_ms BIGINT NOT NULL,
                    body TEXT NOT NULL,
                    UNIQUE (agent_key, started_at_ms)
                )
                """,
                "CREATE INDEX reports_by_site ON reports (site, site_grouping, started_at_ms)",
            ]),
    ]

    /// Newest version this build knows.
    static var latestVersion: Int { migrations.map(\.version).max() ?? 0 }

    /// The latest report of each agent of one site in a window (the same query on both stores;
    /// `?` placeholders: site, grouping, since, until, since, until).
    static let latestPerAgentSQL = """
        SELECT r.body FROM reports r
        WHERE r.site = ? AND r.site_grouping = ? AND r.started_at_ms >= ? AND r.started_at_ms <= ?
          AND NOT EXISTS (SELECT 1 FROM reports o
                          WHERE o.agent_key = r.agent_key AND o.site = r.site AND o.site_grouping = r.site_grouping
                            AND o.started_at_ms > r.started_at_ms AND o.started_at_ms >= ? AND o.started_at_ms <= ?)
        ORDER BY r.agent_key
        """
}
