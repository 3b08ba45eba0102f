/// One problem found in a scenario file, with the place it was found.
///
/// `description` reads `FILE:LINE:COLUMN: error: MESSAGE`, the form editors and CI logs link to.
public struct ScenarioIssue: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based line, 0 when the problem concerns the whole file.
    public var line: Int
    /// 1-based column, 0 when unknown.
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        "\(file):\(line):\(column): error: \(message)"
    }
}

/// Every problem found in one scenario file (never empty).
public struct ScenarioValidationError: Error, Sendable, CustomStringConvertible {
    public var issues: [ScenarioIssue]

    public init(issues: [ScenarioIssue]) {
        self.issues = issues
    }

    public var description: String {
        issues.map(\.description).joined(separator: "\n")
    }
}
