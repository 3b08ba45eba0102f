/// Agreement across repeated classifications (`--repeat N`): the majority verdict and the share
/// of runs that agree with it. Two verdicts agree when mapping, filtering, classic type, NAT
/// detection and UDP blocking are all equal (notes, hairpinning and lifetime are not compared).
public struct NatAgreement: Sendable, Equatable, Codable {
    /// The verdict of the earliest run in the largest group of agreeing runs (ties: earliest).
    public let verdict: NatVerdict
    public let runs: Int
    public let agreeing: Int

    /// `agreeing / runs`, from 0 (exclusive) to 1.
    public var confidence: Double { Double(agreeing) / Double(runs) }

    /// `nil` when there are no verdicts.
    public init?(verdicts: [NatVerdict]) {
        guard !verdicts.isEmpty else { return nil }
        var best = 0
        var bestCount = 0
        for (index, candidate) in verdicts.enumerated() {
            let count = verdicts.filter { Self.agree($0, candidate) }.count
            if count > bestCount {
                best = index
                bestCount = count
            }
        }
        verdict = verdicts[best]
        runs = verdicts.count
        agreeing = bestCount
    }

    private enum CodingKeys: String, CodingKey {
        case verdict, runs, agreeing, confidence
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(verdict, forKey: .verdict)
        try container.encode(runs, forKey: .runs)
        try container.encode(agreeing, forKey: .agreeing)
        try container.encode(confidence, forKey: .confidence)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        verdict = try container.decode(NatVerdict.self, forKey: .verdict)
        runs = try container.decode(Int.self, forKey: .runs)
        agreeing = try container.decode(Int.self, forKey: .agreeing)
        guard runs > 0, agreeing > 0, agreeing <= runs else {
            throw DecodingError.dataCorruptedError(forKey: .agreeing, in: container,
                debugDescription: "agreeing must be between 1 and runs (runs \(runs), agreeing \(agreeing))")
        }
    }

    /// Whether two verdicts say the same thing about the NAT.
    public static func agree(_ a: NatVerdict, _ b: NatVerdict) -> Bool {
        a.mapping == b.mapping && a.filtering == b.filtering && a.classicType == b.classicType
            && a.natDetected == b.natDetected && a.udpBlocked == b.udpBlocked
    }
}
