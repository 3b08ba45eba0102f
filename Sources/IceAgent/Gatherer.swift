import ProbeTransport

/// Gathers ICE candidates through libnice, one agent per server plus one for host candidates, on
/// a GLib main loop running on its own thread.
///
/// Time bounds (all from the ``GatheringPlan``): host name lookups `resolveTimeoutMs` (default
/// 2 s, run in parallel); gathering `deadlineMs` (default 5 s) after which unfinished servers are
/// named; closing the agents `shutdownTimeoutMs` (default 1 s). A run therefore lasts at most
/// resolve + deadline + shutdown (8 s with the defaults).
public enum Gatherer {
    /// Starts a run and returns its events: candidates as libnice finds them (for trickle
    /// output), per-server outcomes, then ``GatherEvent/finished(_:)``. The stream ends after the
    /// agents are closed and the loop thread has exited. Releasing the stream before its end (e.g.
    /// leaving a `for await` over a temporary stream) cancels the run: agents are closed at once.
    public static func events(for plan: GatheringPlan) throws(GatheringPlanError) -> AsyncStream<GatherEvent> {
        try plan.validate()
        let (stream, continuation) = AsyncStream.makeStream(of: GatherEvent.self, bufferingPolicy: .unbounded)
        let state = Locked<RunState>(RunState())
        let task = Task {
            let resolutions = await resolveAll(plan)
            let session = GatherSession(plan: plan, servers: Array(zip(plan.servers, resolutions)),
                                        continuation: continuation)
            let cancelledEarly = state.withLock { run -> Bool in
                run.session = session
                return run.cancelled
            }
            session.start()
            if cancelledEarly { session.cancel() }
        }
        continuation.onTermination = { termination in
            guard case .cancelled = termination else { return }
            task.cancel()
            let session = state.withLock { run -> GatherSession? in
                run.cancelled = true
                return run.session
            }
            session?.cancel()
        }
        return stream
    }

    /// Runs `plan` to the end and returns the report.
    public static func gather(_ plan: GatheringPlan) async throws(GatheringPlanError) -> GatheringReport {
        let stream = try events(for: plan)
        var report: GatheringReport? = nil
        for await event in stream {
            if case .finished(let value) = event { report = value }
        }
        return report ?? GatheringReport(candidates: [], servers: [], gatheringCompleteMs: nil,
                                         deadlineMs: plan.deadlineMs, cancelled: true,
                                         warnings: ["the run ended without a report"])
    }

    private static func resolveAll(_ plan: GatheringPlan) async -> [Result<String, HostResolver.Failure>?] {
        await withTaskGroup(of: (Int, Result<String, HostResolver.Failure>?).self) { group in
            for (index, server) in plan.servers.enumerated() {
                group.addTask {
                    if case .unsupported = server.kind { return (index, nil) }
                    return (index, await HostResolver.resolve(server.host, timeoutMs: plan.resolveTimeoutMs))
                }
            }
            var results = [Result<String, HostResolver.Failure>?](repeating: nil, count: plan.servers.count)
            for await (index, result) in group where index < results.count {
                results[index] = result
            }
            return results
        }
    }
}

/// Shared between the run's task and the stream's termination handler.
private struct RunState: Sendable {
    var session: GatherSession?
    var cancelled = false
}
