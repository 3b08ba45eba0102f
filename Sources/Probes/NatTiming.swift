import ProbeTransport

/// How long the NAT behaviour tests wait and how often they resend: pure arithmetic, no I/O.
///
/// ## First contact (round-trip time still unknown)
/// The first Binding requests go out at 0, 50, 150, 350, 750 and 1250 ms and the test gives up at
/// ``firstContactBudget`` (2 s by default). A path with a round-trip time up to about 1.9 s is
/// still answered by the first request; a single lost packet costs one extra 50-100 ms. When no
/// server answers by then, UDP is declared blocked: six requests all lost at 2 % loss per
/// direction would happen with probability 0.0396^6 (about 4e-9).
///
/// ## After the round-trip time is known
/// Each test sends ``sendsForSilence`` copies of its request, spaced by
/// `interval = max(RTT / 2, minimumInterval)`, and waits after the last copy
/// `finalWait = max(2 x RTT, RTT + minimumFinalWaitMargin)`. An answer to any copy counts (all
/// copies share one transaction ID), so the first copy has `(n - 1) x interval + finalWait` to
/// come back and the last one still at least twice the measured round trip.
///
/// ## Loss versus filtering
/// A filtering test is declared "no answer" only after `n` copies went unanswered. With a loss
/// probability `q` per packet and direction (independent losses, as the lab's random drop
/// produces), one request/response exchange fails with `f = 1 - (1 - q)^2`, and all `n` fail with
/// `f^n`. `n` is the smallest count with `f^n <= falseSilenceTarget`:
///
/// | assumed loss q | f      | n | f^n      |
/// |----------------|--------|---|----------|
/// | 2 %            | 0.0396 | 3 | 6.2e-5   |
/// | 5 % (default)  | 0.0975 | 4 | 9.0e-5   |
///
/// The default assumes 5 % per direction (2.5 x the 2 % the accuracy target names, to cover loss
/// on more than one link), giving 4 copies. At a real 2 % loss a filtering test is then misread as
/// filtered with probability 0.0396^4 = 2.5e-6; a classification has two such tests, so fewer than
/// one run in 100 000 is wrong for that reason, far inside "98 of 100 runs".
///
/// With the defaults an unanswered test costs 120 ms at 10 ms RTT (3 x 20 ms + 60 ms) and 420 ms
/// at 120 ms RTT (3 x 60 ms + 240 ms); answered tests cost one round trip.
public struct NatTiming: Sendable, Hashable, Codable {
    /// Loss probability per packet and direction the retransmission count is sized for (0..<1).
    public var assumedLossPerDirection: Double
    /// Accepted probability that an answered test is misread as unanswered.
    public var falseSilenceTarget: Double
    /// Smallest spacing between copies of one request, nanoseconds.
    public var minimumInterval: UInt64
    /// Smallest margin over the round-trip time when waiting after the last copy, nanoseconds.
    public var minimumFinalWaitMargin: UInt64
    /// How long the first Binding requests (round-trip time unknown) are retried, nanoseconds.
    public var firstContactBudget: UInt64

    public init(assumedLossPerDirection: Double = 0.05, falseSilenceTarget: Double = 1e-4,
                minimumInterval: UInt64 = Nanoseconds.milliseconds(20),
                minimumFinalWaitMargin: UInt64 = Nanoseconds.milliseconds(50),
                firstContactBudget: UInt64 = Nanoseconds.milliseconds(2_000)) {
        self.assumedLossPerDirection = assumedLossPerDirection
        self.falseSilenceTarget = falseSilenceTarget
        self.minimumInterval = minimumInterval
        self.minimumFinalWaitMargin = minimumFinalWaitMargin
        self.firstContactBudget = firstContactBudget
    }

    /// The defaults documented above.
    public static let standard = NatTiming()

    /// Largest number of copies ever sent for one test (bounds the cost of absurd parameters).
    public static let maximumSends = 10

    /// Probability that one request/response exchange is lost: `1 - (1 - q)^2`, with `q` clamped
    /// to 0...1 (NaN counts as 1: nothing can be assumed).
    public static func exchangeLossProbability(lossPerDirection q: Double) -> Double {
        guard q.isFinite else { return 1 }
        let clamped = min(max(q, 0), 1)
        return 1 - (1 - clamped) * (1 - clamped)
    }

    /// Probability that all `sends` copies go unanswered although the far side answers each one.
    public static func falseSilenceProbability(sends: Int, lossPerDirection q: Double) -> Double {
        let f = exchangeLossProbability(lossPerDirection: q)
        var p = 1.0
        for _ in 0..<max(0, sends) { p *= f }
        return p
    }

    /// The smallest number of copies `n` (1...``maximumSends``) with `f^n <= target`.
    public static func sendsNeeded(lossPerDirection q: Double, target: Double) -> Int {
        let f = exchangeLossProbability(lossPerDirection: q)
        guard f > 0 else { return 1 }
        guard f < 1, target.isFinite, target > 0 else { return maximumSends }
        if target >= 1 { return 1 }
        var n = 1
        var p = f
        while p > target && n < maximumSends {
            n += 1
            p *= f
        }
        return n
    }

    /// Copies sent before a test is declared unanswered (4 with the defaults).
    public var sendsForSilence: Int {
        Self.sendsNeeded(lossPerDirection: assumedLossPerDirection, target: falseSilenceTarget)
    }

    /// The schedule of the first Binding requests, before any round-trip time is known: sends at
    /// 0, 50, 150, 350, 750, 1250 ms (those before the budget) and give up at the budget.
    public func firstContactSchedule() -> RetransmissionSchedule {
        let offsets: [UInt64] = [0, 50, 150, 350, 750, 1_250].map { Nanoseconds.milliseconds($0) }
        return RetransmissionSchedule(sendOffsets: offsets.filter { $0 == 0 || $0 < firstContactBudget },
                                      finalDeadline: firstContactBudget)
    }

    /// Spacing between copies for a measured round-trip time: `max(RTT / 2, minimumInterval)`.
    public func interval(forRTT rtt: UInt64) -> UInt64 {
        max(rtt / 2, minimumInterval)
    }

    /// Wait after the last copy: `max(2 x RTT, RTT + minimumFinalWaitMargin)`.
    public func finalWait(forRTT rtt: UInt64) -> UInt64 {
        max(rtt.multipliedSaturating(by: 2), rtt.addingSaturating(minimumFinalWaitMargin))
    }

    /// The schedule for a test once the round-trip time is known (see the type's documentation).
    public func schedule(forRTT rtt: UInt64) -> RetransmissionSchedule {
        let n = sendsForSilence
        let step = interval(forRTT: rtt)
        let offsets = (0..<n).map { UInt64($0).multipliedSaturating(by: step) }
        let last = offsets.last ?? 0
        return RetransmissionSchedule(sendOffsets: offsets, finalDeadline: last.addingSaturating(finalWait(forRTT: rtt)))
    }

    /// Idle times tried by the binding lifetime search (RFC 5780 4.6): `sockets` waits spread
    /// evenly up to `maximum` (`maximum x i / sockets` for i = 1...sockets), each on its own socket,
    /// all waiting at the same time. The answer's resolution is `maximum / sockets`.
    public static func lifetimeWaits(maximum: UInt64, sockets: Int) -> [UInt64] {
        let count = max(1, sockets)
        return (1...count).map { index in
            (maximum / UInt64(count)).multipliedSaturating(by: UInt64(index))
                .addingSaturating((maximum % UInt64(count)) * UInt64(index) / UInt64(count))
        }
    }
}
