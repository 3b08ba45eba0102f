/// Runs two libnice agents in one process through full ICE connectivity checks and reports the
/// nominated pair (host, srflx or relay on each side) and the time to connected, or the failure.
///
/// Bounds: host name lookups `resolveTimeoutMs` of each side's plan; the whole check
/// ``ConnectivityPlan/deadlineMs`` (default 10 s); closing the agents the left plan's
/// `shutdownTimeoutMs`.
public enum ConnectivityCheck {
    public static func run(_ plan: ConnectivityPlan) async throws(GatheringPlanError) -> ConnectivityReport {
        try plan.validate()
        let left = await resolve(plan.left)
        let right = await resolve(plan.right)
        return await withCheckedContinuation { continuation in
            ConnectivitySession(plan: plan, left: left, right: right, continuation: continuation).start()
        }
    }

    /// Servers with their addresses; servers that do not resolve or cannot be used are left out.
    private static func resolve(_ plan: GatheringPlan) async -> [(IceServer, String)] {
        var result: [(IceServer, String)] = []
        for server in plan.servers {
            if case .unsupported = server.kind { continue }
            if case .success(let address) = await HostResolver.resolve(server.host, timeoutMs: plan.resolveTimeoutMs) {
                result.append((server, address))
            }
        }
        return result
    }
}
