/// The plain-text lines of a baseline comparison, shared by the text and Markdown reports and
/// the JUnit file, so every output says the same thing.
enum BaselineText {
    /// `Baseline 2026-05-28T20:26:40Z (pc-042, ready): 2 regressions, 1 improvement`.
    static func heading(_ comparison: BaselineComparison) -> String {
        let agent = comparison.baselineAgent.map { "\($0), " } ?? ""
        return "Baseline \(ReportText.date(comparison.baselineStartedAt)) (\(agent)\(comparison.baselineVerdict.rawValue)): "
            + count(comparison.regressions.count, "regression") + ", " + count(comparison.improvements.count, "improvement")
    }

    /// One line per change: `REGRESSION region jp1 median RTT 11.0 ms -> 25.3 ms (+131 %)`.
    static func line(_ change: BaselineChange, regression: Bool) -> String {
        (regression ? "REGRESSION " : "IMPROVED ") + change.message
    }

    /// `thresholds: median RTT +30 % and +5 ms, loss +1 point`.
    static func thresholds(_ thresholds: BaselineThresholds) -> String {
        "thresholds: median RTT +\(trimmed(thresholds.rttPercent)) % and +\(NumberText.ms(thresholds.rttMs)), "
            + "loss +\(trimmed(thresholds.lossPoints)) " + (thresholds.lossPoints == 1 ? "point" : "points")
    }

    /// Every line of the comparison, for the text report (indented by the caller).
    static func lines(_ comparison: BaselineComparison) -> [String] {
        comparison.regressions.map { line($0, regression: true) }
            + comparison.improvements.map { line($0, regression: false) }
            + comparison.notes.map { "note: " + $0 }
            + [thresholds(comparison.thresholds)]
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// `1`, `0.5`, `2.25`: at most two decimals, no trailing zeros.
    static func trimmed(_ value: Double) -> String {
        guard value != value.rounded() else { return NumberText.integer(value) }
        var text = NumberText.decimal(value, 2)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
