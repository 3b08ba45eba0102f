/// What `ReportStore.insert` did.
public enum InsertOutcome: Sendable, Equatable {
    /// Stored now under this id.
    case created(Int64)
    /// A report of the same agent and start time was already stored under this id; nothing written.
    case duplicate(Int64)

    public var id: Int64 {
        switch self {
        case .created(let id), .duplicate(let id): id
        }
    }
}
