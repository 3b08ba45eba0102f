import Foundation

/// The pure decision of the impairment daemon: for each packet, drop it or say when to release it.
///
/// Delay: `delayMs` plus a uniform draw in `-jitterMs...+jitterMs` (never below zero). Unless
/// `reorder` is set a packet is never released before the one queued ahead of it, so jitter
/// never reorders (like a real FIFO link). Bursty loss: Gilbert two-state model
/// (good -> bad with `enterPercent`, bad -> good with `exitPercent`, all packets lost while bad;
/// with `slotMs` the state also moves once per slot of silence before a packet).
/// Outages: a timeline of up and down periods, each drawn from an exponential distribution with
/// its mean, started at the first packet; every packet arriving while down is lost.
public struct ImpairmentSchedule: Sendable {
    public var delayMs: Double
    public var jitterMs: Double
    public var reorder: Bool
    public var burstLoss: Impairment.BurstLoss?
    public var outages: Impairment.Outages?
    public private(set) var inBadState = false
    /// Outages: whether the link is down now, and when the current period ends (nil before the
    /// first packet).
    public private(set) var inOutage = false
    private var periodEndsMs: Double?
    private var lastReleaseMs = -Double.infinity
    private var lastBurstPacketMs: Double?

    public init(delayMs: Double, jitterMs: Double, reorder: Bool, burstLoss: Impairment.BurstLoss?,
                outages: Impairment.Outages? = nil) {
        self.delayMs = max(0, delayMs)
        self.jitterMs = max(0, jitterMs)
        self.reorder = reorder
        self.burstLoss = burstLoss
        self.outages = outages
    }

    /// An exponentially distributed duration with `mean` (ms), at least a microsecond.
    static func exponential<R: RandomNumberGenerator>(mean: Double, random: inout R) -> Double {
        let u = Double.random(in: 0..<1, using: &random)
        return max(0.001, -mean * log1p(-u))
    }

    /// Moves the outage timeline up to `nowMs`; true when the link is down then.
    mutating func linkDown<R: RandomNumberGenerator>(at nowMs: Double, outages: Impairment.Outages,
                                                      random: inout R) -> Bool {
        guard outages.meanGapMs > 0, outages.meanOutageMs > 0 else { return false }
        var end = periodEndsMs ?? (nowMs + Self.exponential(mean: outages.meanGapMs, random: &random))
        // Bounded: a packet after a long silence skips whole periods in at most 10,000 steps,
        // then restarts the timeline in the up state.
        var steps = 0
        while end <= nowMs {
            steps += 1
            if steps > 10_000 {
                inOutage = false
                end = nowMs + Self.exponential(mean: outages.meanGapMs, random: &random)
                break
            }
            inOutage.toggle()
            end += Self.exponential(mean: inOutage ? outages.meanOutageMs : outages.meanGapMs, random: &random)
        }
        periodEndsMs = end
        return inOutage
    }

    /// The release time (same clock as `nowMs`) of a packet arriving now, or nil to drop it.
    public mutating func admit<R: RandomNumberGenerator>(nowMs: Double, random: inout R) -> Double? {
        if let burst = burstLoss {
            // One step per packet; with `slotMs`, one per slot of silence before it (bounded).
            var steps = 1
            if let slot = burst.slotMs, slot > 0, let last = lastBurstPacketMs, nowMs > last {
                steps = max(1, min(10_000, Int(((nowMs - last) / slot).rounded(.down))))
            }
            lastBurstPacketMs = nowMs
            for _ in 0..<steps {
                let draw = Double.random(in: 0..<100, using: &random)
                if inBadState {
                    if draw < burst.exitPercent { inBadState = false }
                } else {
                    if draw < burst.enterPercent { inBadState = true }
                }
            }
            if inBadState { return nil }
        }
        if let outages, linkDown(at: nowMs, outages: outages, random: &random) { return nil }
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
