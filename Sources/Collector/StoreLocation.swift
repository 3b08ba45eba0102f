import Foundation
import Logging
import NIOSSL
import PostgresNIO

/// Where `--db` points: an SQLite file path (the default), or `postgres://USER@HOST[:PORT]/DB`
/// (also `postgresql://`). A password in the URL is refused, since command lines are visible to
/// every user of the machine: it comes from the `PGPASSWORD` environment variable instead.
/// `?sslmode=require` asks for TLS (verified against the system trust store); the default is
/// plain TCP, meant for a database on the same host or a private network.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(host: String, port: Int, user: String, database: String, requireTLS: Bool)

    public static func parse(_ text: String) throws(StoreError) -> StoreLocation {
        let lower = text.lowercased()
        guard lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://") else {
            guard !text.isEmpty else { throw .badLocation("empty path") }
            guard !lower.contains("://") else { throw .badLocation("only SQLite paths and postgres:// URLs are supported") }
            return .sqlite(path: text)
        }
        guard let components = URLComponents(string: text) else { throw .badLocation("not a valid postgres:// URL") }
        guard components.password == nil else {
            throw .badLocation("put no password in the URL (it would show in the process list); set PGPASSWORD")
        }
        guard let host = components.host, !host.isEmpty else { throw .badLocation("the postgres:// URL has no host") }
        guard let user = components.user, !user.isEmpty else { throw .badLocation("the postgres:// URL has no user (postgres://USER@HOST/DB)") }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty, !database.contains("/") else { throw .badLocation("the postgres:// URL has no database name (postgres://USER@HOST/DB)") }
        let port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw .badLocation("port \(port) is out of range") }
        var requireTLS = false
        for item in components.queryItems ?? [] {
            switch (item.name, item.value) {
            case ("sslmode", "require"): requireTLS = true
            case ("sslmode", "disable"): requireTLS = false
            default: throw .badLocation("unsupported URL parameter \(item.name) (only sslmode=require or disable)")
            }
        }
        return .postgres(host: host, port: port, user: user, database: database, requireTLS: requireTLS)
    }

    /// Where, without any secret (for logs and errors).
    public var description: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let host, let port, let user, let database, let tls):
            "postgres://\(user)@\(host):\(port)/\(database)\(tls ? "?sslmode=require" : "")"
        }
    }

    /// Opens the store and applies pending migrations. `password` is PGPASSWORD (PostgreSQL only).
    public func open(password: String?, logger: Logger) async throws -> any ReportStore {
        switch self {
        case .sqlite(let path):
            return try SQLiteReportStore(path: path)
        case .postgres(let host, let port, let user, let database, let requireTLS):
            let configuration = PostgresClient.Configuration(
                host: host, port: port, username: user, password: password, database: database,
                tls: requireTLS ? .require(.makeClientConfiguration()) : .disable)
            return try await PostgresReportStore(configuration: configuration, logger: logger)
        }
    }
}
