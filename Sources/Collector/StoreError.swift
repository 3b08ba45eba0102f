/// Storage failures the collector reports (as 503 to clients, with details only in the log).
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database was migrated by a newer iceprobe; this one does not know its schema.
    case newerSchema(String)
    /// `--db` is not a path or a `postgres://` URL this build understands.
    case badLocation(String)
    case inconsistent(String)
    /// The database did not answer within its bound.
    case unavailable(String)

    public var description: String {
        switch self {
        case .newerSchema(let where_): "the database \(where_) has a newer schema than this iceprobe knows; upgrade iceprobe"
        case .badLocation(let reason): "--db: \(reason)"
        case .inconsistent(let reason): "store inconsistency: \(reason)"
        case .unavailable(let reason): "database unavailable: \(reason)"
        }
    }
}
