/// How the losses of a paced probe cluster: choppy audio comes from losses in bursts more than
/// from the average loss rate. Computed from which requests, sent at a fixed spacing, were
/// answered (in sending order). A pure value; every input gives a value or `nil`, never a trap.
///
/// - `bursts`: runs of consecutive unanswered requests; `meanLength` and `maxLength` in requests.
/// - `burstRatio`: ITU-T G.113 BurstR, the observed mean burst length divided by the mean a
///   random (independent) loss of the same rate would give, `1 / (1 - p)`: so
///   `meanLength * (1 - p)`. About 1 for random loss, above 1 for bursty loss. `nil` without loss.
/// - `worstWindowLossPercent`: the highest loss in any window of ``windowMs`` (Microsoft Teams'
///   "burst packet loss", target under 10 % in any 200 ms). Measured only when a window holds at
///   least ``minimumSamplesPerWindow`` requests (spacing up to 20 ms for 200 ms, like 20 ms media
///   packets), else `nil`: with fewer, one loss would read as 25 % or more.
public struct LossBursts: Sendable, Equatable, Codable {
    public static let windowMs: Double = 200
    public static let minimumSamplesPerWindow = 10

    public let sent: Int
    public let lost: Int
    public let bursts: Int
    public let meanLength: Double?
    public let maxLength: Int
    public let burstRatio: Double?
    public let worstWindowLossPercent: Double?

    public init(sent: Int, lost: Int, bursts: Int, meanLength: Double?, maxLength: Int, burstRatio: Double?,
                worstWindowLossPercent: Double?) {
        self.sent = sent
        self.lost = lost
        self.bursts = bursts
        self.meanLength = meanLength
        self.maxLength = maxLength
        self.burstRatio = burstRatio
        self.worstWindowLossPercent = worstWindowLossPercent
    }

    /// From the answered flags of requests sent every `spacingMs`; `nil` when nothing was sent or
    /// the spacing is not a positive finite number.
    public init?(answered: [Bool], spacingMs: Double) {
        guard !answered.isEmpty, spacingMs.isFinite, spacingMs > 0 else { return nil }
        var runs: [Int] = []
        var current = 0
        for ok in answered {
            if ok {
                if current > 0 { runs.append(current) }
                current = 0
            } else {
                current += 1
            }
        }
        if current > 0 { runs.append(current) }
        let lost = runs.reduce(0, +)
        let sent = answered.count
        let lossRatio = Double(lost) / Double(sent)
        let mean = runs.isEmpty ? nil : Double(lost) / Double(runs.count)
        let windowCount = Int((Self.windowMs / spacingMs).rounded(.down))
        var worst: Double? = nil
        if windowCount >= Self.minimumSamplesPerWindow, sent >= windowCount {
            var lostInWindow = answered.prefix(windowCount).filter { !$0 }.count
            var highest = lostInWindow
            for end in windowCount..<sent {
                if !answered[end] { lostInWindow += 1 }
                if !answered[end - windowCount] { lostInWindow -= 1 }
                highest = max(highest, lostInWindow)
            }
            worst = ReportNumber.thousandths(Double(highest) * 100 / Double(windowCount))
        }
        self.init(sent: sent, lost: lost, bursts: runs.count, meanLength: mean.map(ReportNumber.thousandths),
                  maxLength: runs.max() ?? 0,
                  burstRatio: mean.map { ReportNumber.thousandths($0 * (1 - lossRatio)) },
                  worstWindowLossPercent: worst)
    }

    private enum CodingKeys: String, CodingKey {
        case sent, lost, bursts, meanLength, maxLength, burstRatio, worstWindowLossPercent
    }

    /// Not measured is JSON `null`, never a missing key.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sent, forKey: .sent)
        try container.encode(lost, forKey: .lost)
        try container.encode(bursts, forKey: .bursts)
        try container.encode(meanLength, forKey: .meanLength)
        try container.encode(maxLength, forKey: .maxLength)
        try container.encode(burstRatio, forKey: .burstRatio)
        try container.encode(worstWindowLossPercent, forKey: .worstWindowLossPercent)
    }
}
