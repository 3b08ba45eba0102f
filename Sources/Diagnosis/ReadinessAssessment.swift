/// The evaluator's answer: the overall verdict, every check's verdict, the findings (most
/// severe first, then in check order) and the nearest region.
public struct ReadinessAssessment: Sendable, Equatable, Codable {
    public let verdict: Verdict
    public let checks: [CheckResult]
    public let findings: [Finding]
    public let nearestRegion: String?
    /// The root cause and what it explains.
    public let diagnosis: RootCauseDiagnosis

    public init(verdict: Verdict, checks: [CheckResult], findings: [Finding], nearestRegion: String?,
                diagnosis: RootCauseDiagnosis = .none) {
        self.verdict = verdict
        self.checks = checks
        self.findings = findings
        self.nearestRegion = nearestRegion
        self.diagnosis = diagnosis
    }

    /// The result of one check.
    public func check(_ id: CheckID) -> CheckResult? { checks.first { $0.check == id } }
}
