import Foundation

/// Where the collector keeps reports: one protocol, two implementations (SQLite through GRDB,
/// PostgreSQL through postgres-nio), the same schema and the same answers. Every method is one
/// bounded database round trip or transaction; the store never evaluates a report (the routes
/// roll up what it returns with `Diagnosis`).
public protocol ReportStore: Sendable {
    /// Stores `report` unless a report of the same agent and start time is already stored;
    /// either way returns its id. Durable when it returns (committed).
    func insert(_ report: StoredReport) async throws -> InsertOutcome
    /// Every site that has reports, with its grouping.
    func sites() async throws -> [SiteRef]
    /// The stored report bodies (canonical JSON) of `site` (every site when nil) whose start time
    /// is in the window, oldest first.
    func bodies(site: SiteRef?, window: TimeWindow) async throws -> [Data]
    /// The latest stored report body of each agent of `site` in the window, by agent.
    func latestPerAgent(site: SiteRef, window: TimeWindow) async throws -> [Data]
    /// How many reports are stored.
    func count() async throws -> Int
    /// Schema version now in the database (the number of applied migrations).
    func schemaVersion() async throws -> Int
    /// Releases connections; the store is not used afterwards.
    func close() async
}
