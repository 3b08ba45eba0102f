/// How gathering against one server ended.
public enum ServerStatus: String, Hashable, Sendable, Codable, CaseIterable {
    /// The server produced at least one srflx or relay candidate.
    case candidates
    /// libnice finished with this server without a candidate from it: no answer, a TURN error
    /// (libnice hides the code), or a srflx equal to a host address (no NAT; libnice prunes it).
    case noCandidates = "no-candidates"
    /// Still gathering when the plan's deadline passed: it held gathering up for the whole deadline.
    case deadline
    /// The host name did not resolve within the plan's bound.
    case unresolved
    /// libnice cannot probe this kind of server (e.g. `stuns:`).
    case unsupported
    /// libnice refused the server or could not start gathering.
    case failed
}
