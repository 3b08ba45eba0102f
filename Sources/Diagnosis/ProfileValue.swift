/// A JSON value as read from a profile file, keeping the distinction between booleans, numbers
/// and strings so the profile parser can say exactly which key has the wrong type.
public enum ProfileValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([ProfileValue])
    case object([String: ProfileValue])

    /// The JSON type name, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
