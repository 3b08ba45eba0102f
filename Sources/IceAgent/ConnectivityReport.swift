/// The result of a two-agent connectivity check. Times are ms since the check started.
public struct ConnectivityReport: Hashable, Sendable, Codable {
    public var state: ConnectivityState
    /// When both agents had finished gathering and received each other's candidates (checks began).
    public var checksStartedMs: Double?
    /// When both agents were READY with a nominated pair; `nil` unless ``state`` is `connected`.
    public var connectedMs: Double?
    /// The nominated pair as the controlling (left) agent sees it.
    public var localCandidate: IceCandidate?
    public var remoteCandidate: IceCandidate?
    /// Candidates each side offered.
    public var leftCandidateCount: Int
    public var rightCandidateCount: Int
    public var deadlineMs: Int
    /// A plain sentence: which path carried the call, or why none did.
    public var detail: String

    public init(state: ConnectivityState, checksStartedMs: Double?, connectedMs: Double?,
                localCandidate: IceCandidate?, remoteCandidate: IceCandidate?, leftCandidateCount: Int,
                rightCandidateCount: Int, deadlineMs: Int, detail: String) {
        self.state = state
        self.checksStartedMs = checksStartedMs
        self.connectedMs = connectedMs
        self.localCandidate = localCandidate
        self.remoteCandidate = remoteCandidate
        self.leftCandidateCount = leftCandidateCount
        self.rightCandidateCount = rightCandidateCount
        self.deadlineMs = deadlineMs
        self.detail = detail
    }

    /// True when the nominated pair uses a relay on either side.
    public var usesRelay: Bool {
        localCandidate?.type == .relay || remoteCandidate?.type == .relay
    }
}
