import Diagnosis

/// A parsed JSON value (probe output is untrusted input: parsing is total).
public enum JSONValue: Hashable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public struct ParseError: Error, Hashable, Sendable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "invalid JSON at line \(line), column \(column): \(message)" }
    }

    /// Parses one JSON document (surrounding whitespace allowed) with the project's one JSON
    /// reader, Diagnosis' ``ProfileJSONReader`` (RFC 8259, total, nesting capped at 64 levels,
    /// duplicate keys refused, errors located by line and column).
    public static func parse(_ text: String) throws(ParseError) -> JSONValue {
        var reader = ProfileJSONReader(Array(text.utf8))
        do throws(ProfileJSONReader.SyntaxError) {
            return JSONValue(try reader.read())
        } catch {
            throw ParseError(line: error.line, column: error.column, message: error.message)
        }
    }

    /// The same value in the lab's type (hashable, printable, path lookup).
    init(_ value: ProfileValue) {
        switch value {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number): self = .number(number)
        case .string(let text): self = .string(text)
        case .array(let items): self = .array(items.map(JSONValue.init))
        case .object(let members): self = .object(members.mapValues(JSONValue.init))
        }
    }

    /// Looks a dotted path up (`rttMs.median`, `candidates[0].type`); nil when absent.
    public func value(at path: JSONPath) -> JSONValue? {
        var current: JSONValue = self
        for component in path.components {
            switch (component, current) {
            case let (.key(key), .object(members)):
                guard let next = members[key] else { return nil }
                current = next
            case let (.index(index), .array(items)):
                guard index >= 0, index < items.count else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    public var description: String {
        switch self {
        case .null: return "null"
        case let .bool(value): return value ? "true" : "false"
        case let .number(value):
            if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
            return String(value)
        case let .string(value): return JSONValue.quote(value)
        case let .array(items): return "[" + items.map(\.description).joined(separator: ",") + "]"
        case let .object(members):
            return "{" + members.keys.sorted().map { key in
                JSONValue.quote(key) + ":" + (members[key]?.description ?? "null")
            }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
