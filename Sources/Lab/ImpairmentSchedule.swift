/// The pure decision of the impairment daemon: for each packet, drop it or say when to release it.
///
/// Delay: `delayMs` plus a uniform draw in `-jitterMs...+jitterMs` (never below zero). Unless
/// `reorder` is set a packet is never released before the one queued ahead of it, so jitter
/// never reorders (like a real FIFO link). Bursty loss: Gilbert two-state model
/// (good -> bad with `enterPercent`, bad -> good with `exitPercent`, all packets lost while bad).
public struct ImpairmentSchedule: Sendable {
    public var delayMs: Double
    public var jitterMs: Double
    public var reorder: Bool
    public var burstLoss: Impairment.BurstLoss?
    public private(set) var inBadState = false
    private var lastReleaseMs = -Double.infinity

    public init(delayMs: Double, jitterMs: Double, reorder: Bool, burstLoss: Impairment.BurstLoss?) {
        self.delayMs = max(0, delayMs)
        self.jitterMs = max(0, jitterMs)
        self.reorder = reorder
        self.burstLoss = burstLoss
    }

    /// The release time (same clock as `nowMs`) of a packet arriving now, or nil to drop it.
    public mutating func admit<R: RandomNumberGenerator>(nowMs: Double, random: inout R) -> Double? {
        if let burst = burstLoss {
            let draw = Double.random(in: 0..<100, using: &random)
            if inBadState {
                if draw < burst.exitPercent { inBadState = false }
            } else {
                if draw < burst.enterPercent { inBadState = true }
            }
            if inBadState { return nil }
        }
        var delay = delayMs
        if jitterMs > 0 {
            delay += Double.random(in: -jitterMs...jitterMs, using: &random)
        }
        var release = nowMs + max(0, delay)
        if !reorder {
            release = max(release, lastReleaseMs)
            lastReleaseMs = release
        }
        return release
    }
}
