@testable import Lab

/// The issues the parser reports for a scenario text (file name `t.yaml`); empty when it parses.
/// Shared by the LabTests suites that check scenario validation.
func issues(_ yaml: String) -> [ScenarioIssue] {
    do {
        _ = try ScenarioParser.parse(yaml: yaml, file: "t.yaml")
        return []
    } catch {
        return error.issues
    }
}
