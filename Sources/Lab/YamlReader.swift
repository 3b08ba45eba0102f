import Yams

/// Reads Yams nodes strictly, collecting every problem with its line and column.
///
/// Each accessor returns nil (and records an issue) when the node has the wrong shape, so one
/// pass reports all the problems of a file instead of stopping at the first.
struct YamlReader {
    let file: String
    private(set) var issues: [ScenarioIssue] = []

    init(file: String) {
        self.file = file
    }

    func position(_ node: Node?) -> SourcePosition {
        guard let mark = node?.mark else { return .unknown }
        return SourcePosition(line: mark.line, column: mark.column)
    }

    mutating func report(_ position: SourcePosition, _ message: String) {
        issues.append(ScenarioIssue(file: file, line: position.line, column: position.column, message: message))
    }

    mutating func report(_ node: Node?, _ message: String) {
        report(position(node), message)
    }

    /// A mapping whose keys must all be in `allowed`; `required` keys must be present.
    /// Returns the values by key, with the key nodes' positions.
    mutating func mapping(_ node: Node, _ what: String, allowed: [String],
                          required: [String] = []) -> [String: (key: Node, value: Node)]? {
        guard case let .mapping(mapping) = node else {
            report(node, "\(what) must be a mapping")
            return nil
        }
        var result: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard case let .scalar(scalar) = key else {
                report(key, "\(what): keys must be plain words")
                continue
            }
            let name = scalar.string
            if result[name] != nil {
                report(key, "\(what): duplicate key '\(name)'")
                continue
            }
            if !allowed.contains(name) {
                report(key, "\(what): unknown key '\(name)' (allowed: \(allowed.joined(separator: ", ")))")
                continue
            }
            result[name] = (key, value)
        }
        for name in required where result[name] == nil {
            report(node, "\(what): missing required key '\(name)'")
        }
        return result
    }

    /// All entries of a mapping with arbitrary string keys (used for `expect`).
    mutating func entries(_ node: Node, _ what: String) -> [(key: Node, name: String, value: Node)]? {
        guard case let .mapping(mapping) = node else {
            report(node, "\(what) must be a mapping")
            return nil
        }
        var seen = Set<String>()
        var result: [(key: Node, name: String, value: Node)] = []
        for (key, value) in mapping {
            guard case let .scalar(scalar) = key else {
                report(key, "\(what): keys must be plain words")
                continue
            }
            guard seen.insert(scalar.string).inserted else {
                report(key, "\(what): duplicate key '\(scalar.string)'")
                continue
            }
            result.append((key, scalar.string, value))
        }
        return result
    }

    mutating func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard case let .sequence(sequence) = node else {
            report(node, "\(what) must be a list")
            return nil
        }
        return Array(sequence)
    }

    mutating func string(_ node: Node, _ what: String) -> String? {
        guard case let .scalar(scalar) = node else {
            report(node, "\(what) must be a string")
            return nil
        }
        return scalar.string
    }

    mutating func bool(_ node: Node, _ what: String) -> Bool? {
        guard case let .scalar(scalar) = node, scalar.style == .plain else {
            report(node, "\(what) must be true or false")
            return nil
        }
        switch scalar.string {
        case "true", "True", "TRUE", "yes": return true
        case "false", "False", "FALSE", "no": return false
        default:
            report(node, "\(what) must be true or false, not '\(scalar.string)'")
            return nil
        }
    }

    mutating func double(_ node: Node, _ what: String) -> Double? {
        guard case let .scalar(scalar) = node, scalar.style == .plain,
              let value = Double(scalar.string), value.isFinite else {
            report(node, "\(what) must be a number")
            return nil
        }
        return value
    }

    mutating func int(_ node: Node, _ what: String, range: ClosedRange<Int>) -> Int? {
        guard case let .scalar(scalar) = node, scalar.style == .plain, let value = Int(scalar.string) else {
            report(node, "\(what) must be a whole number")
            return nil
        }
        guard range.contains(value) else {
            report(node, "\(what) must be in \(range.lowerBound)...\(range.upperBound), not \(value)")
            return nil
        }
        return value
    }

    /// A YAML scalar or list as a JSON value (plain scalars are typed: true, 12, 1.5, null).
    mutating func jsonValue(_ node: Node, _ what: String, depth: Int = 0) -> JSONValue? {
        switch node {
        case let .scalar(scalar):
            guard scalar.style == .plain else { return .string(scalar.string) }
            let text = scalar.string
            switch text {
            case "null", "~", "": return .null
            case "true": return .bool(true)
            case "false": return .bool(false)
            default:
                if let number = Double(text), number.isFinite { return .number(number) }
                return .string(text)
            }
        case let .sequence(sequence):
            guard depth < 8 else {
                report(node, "\(what) is nested too deeply")
                return nil
            }
            var items: [JSONValue] = []
            for item in sequence {
                guard let value = jsonValue(item, what, depth: depth + 1) else { return nil }
                items.append(value)
            }
            return .array(items)
        default:
            report(node, "\(what) must be a value or a list of values")
            return nil
        }
    }
}
