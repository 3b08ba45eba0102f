/// What gathering against one server produced, and when.
public struct ServerOutcome: Hashable, Sendable, Codable {
    /// The server as the user wrote it (canonical URI); never contains a credential.
    public var server: String
    /// `stun` or `turn`.
    public var kind: String
    /// Transport used towards the server: `udp`, `tcp`, or `tls` (gathered as plain TCP by libnice).
    public var transport: String
    /// The IP address libnice was given (after resolving the host), `nil` if unresolved.
    public var resolvedAddress: String?
    public var status: ServerStatus
    /// Candidates this server produced (srflx/relay), per type.
    public var candidateCount: Int
    public var firstCandidateMs: FirstCandidateTimes
    /// When libnice finished with this server (ms since start), `nil` if it never did.
    public var finishedMs: Double?
    /// How long this server kept gathering from completing, ms: ``finishedMs``, or the deadline.
    public var heldGatheringMs: Double?
    /// Plain-words notes: why there is no candidate, what libnice cannot show.
    public var notes: [String]

    public init(server: String, kind: String, transport: String, resolvedAddress: String?,
                status: ServerStatus, candidateCount: Int = 0,
                firstCandidateMs: FirstCandidateTimes = FirstCandidateTimes(),
                finishedMs: Double? = nil, heldGatheringMs: Double? = nil, notes: [String] = []) {
        self.server = server
        self.kind = kind
        self.transport = transport
        self.resolvedAddress = resolvedAddress
        self.status = status
        self.candidateCount = candidateCount
        self.firstCandidateMs = firstCandidateMs
        self.finishedMs = finishedMs
        self.heldGatheringMs = heldGatheringMs
        self.notes = notes
    }
}
