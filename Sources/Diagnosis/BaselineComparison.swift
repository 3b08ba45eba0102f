import Foundation

/// The result of comparing a check report with an earlier report of the same agent
/// (`check --baseline`): regressions fail the run (exit 1), improvements are reported only,
/// and notes say what could not be compared (not measured in one of the runs).
public struct BaselineComparison: Sendable, Equatable, Codable {
    /// When the baseline run started, its agent and its verdict (to recognise the file in a report).
    public let baselineStartedAt: Date
    public let baselineAgent: String?
    public let baselineVerdict: Verdict
    public let thresholds: BaselineThresholds
    public let regressions: [BaselineChange]
    public let improvements: [BaselineChange]
    public let notes: [String]

    public init(baselineStartedAt: Date, baselineAgent: String?, baselineVerdict: Verdict, thresholds: BaselineThresholds,
                regressions: [BaselineChange], improvements: [BaselineChange], notes: [String]) {
        self.baselineStartedAt = baselineStartedAt
        self.baselineAgent = baselineAgent
        self.baselineVerdict = baselineVerdict
        self.thresholds = thresholds
        self.regressions = regressions
        self.improvements = improvements
        self.notes = notes
    }

    /// Whether anything got worse (the check then exits 1).
    public var regressed: Bool { !regressions.isEmpty }

    private enum CodingKeys: String, CodingKey {
        case baselineStartedAt, baselineAgent, baselineVerdict, thresholds, regressions, improvements, notes, regressed
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(baselineStartedAt, forKey: .baselineStartedAt)
        try container.encode(baselineAgent, forKey: .baselineAgent)
        try container.encode(baselineVerdict, forKey: .baselineVerdict)
        try container.encode(thresholds, forKey: .thresholds)
        try container.encode(regressions, forKey: .regressions)
        try container.encode(improvements, forKey: .improvements)
        try container.encode(notes, forKey: .notes)
        try container.encode(regressed, forKey: .regressed)
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        baselineStartedAt = try container.decode(Date.self, forKey: .baselineStartedAt)
        baselineAgent = try container.decodeIfPresent(String.self, forKey: .baselineAgent)
        baselineVerdict = try container.decode(Verdict.self, forKey: .baselineVerdict)
        thresholds = try container.decode(BaselineThresholds.self, forKey: .thresholds)
        regressions = try container.decode([BaselineChange].self, forKey: .regressions)
        improvements = try container.decode([BaselineChange].self, forKey: .improvements)
        notes = try container.decode([String].self, forKey: .notes)
    }
}
