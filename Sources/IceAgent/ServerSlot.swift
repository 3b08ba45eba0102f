/// Per-server state of a ``GatherSession`` (loop thread only).
final class ServerSlot {
    let server: IceServer
    let resolution: Result<String, HostResolver.Failure>?
    var resolvedAddress: String?
    var agent: NiceAgentHandle?
    var candidates: [IceCandidate] = []
    var outcome: ServerOutcome?
    var done: Bool { outcome != nil }

    init(server: IceServer, resolution: Result<String, HostResolver.Failure>?) {
        self.server = server
        self.resolution = resolution
    }

    func conclude(_ status: ServerStatus, finishedMs: Double?, note: String?) {
        guard outcome == nil else { return }
        outcome = ServerOutcome(server: server.label, kind: server.kindName, transport: server.transportName,
                                resolvedAddress: resolvedAddress, status: status,
                                candidateCount: candidates.count,
                                firstCandidateMs: FirstCandidateTimes(of: candidates),
                                finishedMs: finishedMs, heldGatheringMs: finishedMs,
                                notes: note.map { [$0] } ?? [])
    }
}
