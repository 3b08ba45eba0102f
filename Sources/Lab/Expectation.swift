/// What one field of a probe's output must be.
public struct Expectation: Hashable, Sendable {
    public enum Matcher: Hashable, Sendable {
        case equals(JSONValue)
        case notEquals(JSONValue)
        /// A number within `min...max` (either bound may be open).
        case range(min: Double?, max: Double?)
        /// true: present and not null; false: absent or null.
        case exists(Bool)
        case oneOf([JSONValue])
        /// Equal to another field of the same output (`mappedAddress: {sameAs: localAddress}`).
        case sameAs(JSONPath)
        case differsFrom(JSONPath)
        /// A list with an element equal to this value (`checks[4].findings: {contains: bursty-loss}`),
        /// or a string containing this string (`$stdout: {contains: "Successful call"}`).
        case contains(JSONValue)
    }

    public var path: JSONPath
    public var matcher: Matcher
    public var position: SourcePosition

    public init(path: JSONPath, matcher: Matcher, position: SourcePosition = .unknown) {
        self.path = path
        self.matcher = matcher
        self.position = position
    }

    /// The outcome of checking one expectation.
    public struct Outcome: Hashable, Sendable {
        public var expectation: Expectation
        public var passed: Bool
        /// What was found (JSON text, or `absent`).
        public var actual: String
    }

    /// Checks the expectation against a probe's output. `facts` holds the `$...` run facts.
    public func evaluate(output: JSONValue?, facts: [String: JSONValue]) -> Outcome {
        let found: JSONValue?
        if path.isRunFact {
            found = facts[path.text]
        } else {
            found = output?.value(at: path)
        }
        let actual = found.map(Expectation.shortened) ?? "absent"
        let passed: Bool
        switch matcher {
        case let .equals(expected):
            passed = found.map { Expectation.same($0, expected) } ?? false
        case let .notEquals(expected):
            passed = found.map { !Expectation.same($0, expected) } ?? false
        case let .range(low, high):
            if case let .number(value)? = found {
                passed = (low.map { value >= $0 } ?? true) && (high.map { value <= $0 } ?? true)
            } else {
                passed = false
            }
        case let .exists(wanted):
            let present: Bool
            if let found, found != .null { present = true } else { present = false }
            passed = present == wanted
        case let .oneOf(options):
            passed = found.map { value in options.contains { Expectation.same(value, $0) } } ?? false
        case let .sameAs(other):
            if let found, let otherValue = output?.value(at: other) {
                passed = Expectation.same(found, otherValue)
            } else {
                passed = false
            }
        case let .differsFrom(other):
            if let found, let otherValue = output?.value(at: other) {
                passed = !Expectation.same(found, otherValue)
            } else {
                passed = false
            }
        case let .contains(element):
            switch (found, element) {
            case let (.array(items)?, _):
                passed = items.contains { Expectation.same($0, element) }
            case let (.string(text)?, .string(part)):
                passed = text.contains(part)
            default:
                passed = false
            }
        }
        if case let .contains(.string(part)) = matcher, case let .string(text)? = found {
            // Show the line that matched (or the last one) rather than the whole output.
            let lines = text.split(whereSeparator: \.isNewline)
            let line = lines.first { $0.contains(part) } ?? lines.last ?? ""
            let shown = String(line.trimmingPrefix(while: \.isWhitespace).prefix(160))
            return Outcome(expectation: self, passed: passed,
                           actual: passed ? "line \"\(shown)\"" : "not in \(lines.count) lines (last: \"\(shown)\")")
        }
        return Outcome(expectation: self, passed: passed, actual: actual)
    }

    /// A found value as text for tables and JUnit; a long string (`$stdout`) keeps its last 300
    /// characters (where tools print their summary; the whole output is kept with the result).
    static func shortened(_ value: JSONValue) -> String {
        let text = value.description
        guard case .string = value, text.count > 300 else { return text }
        return "..." + String(text.suffix(300))
    }

    static func same(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        lhs == rhs
    }

    /// A short human form of the matcher, for tables and JUnit.
    public var summary: String {
        switch matcher {
        case let .equals(value): return "\(path) == \(value)"
        case let .notEquals(value): return "\(path) != \(value)"
        case let .range(low, high):
            return "\(path) in \(low.map { JSONValue.number($0).description } ?? "-inf")...\(high.map { JSONValue.number($0).description } ?? "+inf")"
        case let .exists(wanted): return wanted ? "\(path) exists" : "\(path) absent or null"
        case let .oneOf(values): return "\(path) in \(JSONValue.array(values))"
        case let .sameAs(other): return "\(path) == \(other)"
        case let .differsFrom(other): return "\(path) != \(other)"
        case let .contains(element): return "\(path) contains \(element)"
        }
    }
}
