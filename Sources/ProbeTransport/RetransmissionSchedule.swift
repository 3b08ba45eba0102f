/// When a STUN client transaction sends its request and when it gives up, as plain data.
///
/// Offsets are nanoseconds from the first transmission. A transaction sends at each offset in
/// ``sendOffsets`` (the first is always 0) until a response arrives, and fails with a timeout when
/// none has arrived by ``finalDeadline``. Every caller additionally passes an overall deadline
/// (see ``capped(at:)``) so no plan can wait longer than its budget.
public struct RetransmissionSchedule: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Send times relative to the first send, strictly increasing, first element 0.
    public let sendOffsets: [UInt64]
    /// Give-up time relative to the first send; never earlier than the last send.
    public let finalDeadline: UInt64

    /// A schedule from explicit offsets. Offsets are sorted, de-duplicated and an offset 0 is
    /// added when missing; offsets after `finalDeadline` are dropped.
    public init(sendOffsets: [UInt64], finalDeadline: UInt64) {
        var offsets = Array(Set(sendOffsets + [0])).sorted()
        offsets.removeAll { $0 > finalDeadline }
        self.sendOffsets = offsets
        self.finalDeadline = finalDeadline
    }

    /// Number of requests sent when nothing answers.
    public var requestCount: Int { sendOffsets.count }

    /// The RFC 8489 section 6.2.1 shape: send at 0, then wait RTO, 2 RTO, 4 RTO ... between
    /// sends (doubling), `requestCount` (Rc) requests in all, and after the last one wait
    /// `lastWaitMultiplier` x RTO (Rm). Defaults (RTO 500 ms, Rc 7, Rm 16) give sends at
    /// 0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s and a final deadline of 39.5 s.
    /// All arithmetic saturates; `requestCount` below 1 is treated as 1.
    public static func rfc8489(
        rto: UInt64 = Nanoseconds.milliseconds(500),
        requestCount: Int = 7,
        lastWaitMultiplier: UInt64 = 16
    ) -> RetransmissionSchedule {
        let count = max(1, requestCount)
        var offsets: [UInt64] = [0]
        offsets.reserveCapacity(count)
        var interval = rto
        var at: UInt64 = 0
        for _ in 1..<count {
            at = at.addingSaturating(interval)
            offsets.append(at)
            interval = interval.multipliedSaturating(by: 2)
        }
        let deadline = at.addingSaturating(rto.multipliedSaturating(by: lastWaitMultiplier))
        return RetransmissionSchedule(sendOffsets: offsets, finalDeadline: deadline)
    }

    /// The RFC 8489 defaults: 7 requests, 39.5 s until giving up.
    public static let standard = rfc8489()

    /// A schedule for diagnostics, derived from an RTT already measured to the same server:
    /// RTO = max(`rttMultiplier` x RTT, `floor`), then the RFC 8489 shape (doubling, `requestCount`
    /// requests, last wait `lastWaitMultiplier` x RTO). With an RTT of 20 ms and the defaults this
    /// is RTO 100 ms: sends at 0, 0.1, 0.3, 0.7, 1.5, 3.1, 6.3 s and a deadline of 7.9 s.
    public static func adaptive(
        measuredRTT: UInt64,
        rttMultiplier: UInt64 = 3,
        floor: UInt64 = Nanoseconds.milliseconds(100),
        requestCount: Int = 7,
        lastWaitMultiplier: UInt64 = 16
    ) -> RetransmissionSchedule {
        let rto = max(measuredRTT.multipliedSaturating(by: rttMultiplier), floor)
        return rfc8489(rto: rto, requestCount: requestCount, lastWaitMultiplier: lastWaitMultiplier)
    }

    /// Reliable transports (TCP, TLS): one send and, by RFC 8489, a 39.5 s timeout.
    public static let reliable = RetransmissionSchedule(
        sendOffsets: [0], finalDeadline: Nanoseconds.milliseconds(39_500))

    /// The same schedule cut to an overall budget (nanoseconds from the first send): sends at or
    /// after the budget are dropped and the final deadline becomes the smaller of the two.
    public func capped(at budget: UInt64) -> RetransmissionSchedule {
        let deadline = min(finalDeadline, budget)
        let offsets = sendOffsets.filter { $0 == 0 || $0 < deadline }
        return RetransmissionSchedule(sendOffsets: offsets, finalDeadline: deadline)
    }

    public var description: String {
        let sends = sendOffsets.map { formatMilliseconds($0) }.joined(separator: ", ")
        return "sends at [\(sends)] ms, gives up at \(formatMilliseconds(finalDeadline)) ms"
    }

    private func formatMilliseconds(_ ns: UInt64) -> String {
        let whole = ns / Nanoseconds.perMillisecond
        let fraction = (ns % Nanoseconds.perMillisecond) / 100_000
        return fraction == 0 ? "\(whole)" : "\(whole).\(fraction)"
    }
}
