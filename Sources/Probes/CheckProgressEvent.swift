/// What the runner reports while it works, for a progress display: a step started, or finished
/// with a one-line summary (never a secret).
public enum CheckProgressEvent: Sendable, Equatable {
    case started(step: String)
    case finished(step: String, summary: String)
}
