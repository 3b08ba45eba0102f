/// The result of a two-agent connectivity check. Times are ms since the check started.
public struct ConnectivityReport: Hashable, Sendable, Codable {
    public var state: ConnectivityState
    /// When both agents had finished gathering and received each other's candidates (checks began).
    public var checksStartedMs: Double?
    /// When the controlling agent first reported a selected pair: a working pair exists and media
    /// could flow. libnice keeps checking higher-priority pairs (e.g. unreachable host pairs, about
    /// 2 s of retransmissions) before it reports READY, so this can be well before ``connectedMs``.
    public var selectedPairMs: Double?
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
    /// ICE restarts made after an agent failed although a pair had been selected (see
    /// ``ConnectivityRecovery``); 0 when the first attempt decided.
    public var iceRestarts: Int
    /// Why the first attempt was restarted (which agent failed, when a pair had been selected);
    /// `nil` without a restart.
    public var firstAttemptFailure: String?

    public init(state: ConnectivityState, checksStartedMs: Double?, selectedPairMs: Double? = nil, connectedMs: Double?,
                localCandidate: IceCandidate?, remoteCandidate: IceCandidate?, leftCandidateCount: Int,
                rightCandidateCount: Int, deadlineMs: Int, detail: String, iceRestarts: Int = 0,
                firstAttemptFailure: String? = nil) {
        self.state = state
        self.checksStartedMs = checksStartedMs
        self.selectedPairMs = selectedPairMs
        self.connectedMs = connectedMs
        self.localCandidate = localCandidate
        self.remoteCandidate = remoteCandidate
        self.leftCandidateCount = leftCandidateCount
        self.rightCandidateCount = rightCandidateCount
        self.deadlineMs = deadlineMs
        self.detail = detail
        self.iceRestarts = iceRestarts
        self.firstAttemptFailure = firstAttemptFailure
    }

    /// True when the nominated pair uses a relay on either side.
    public var usesRelay: Bool {
        localCandidate?.type == .relay || remoteCandidate?.type == .relay
    }
}
