/// Why a profile could not be used: which file (or shipped profile), where in it (a key path
/// such as `regions[1].stun[0]`, and a line when known) and what is wrong. Never holds a secret.
public struct ProfileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file path or `shipped profile NAME`.
    public var source: String
    /// Key path inside the profile (`""` for the whole document).
    public var path: String
    /// 1-based line, when the problem is a syntax error with a known position.
    public var line: Int?
    public var message: String

    public init(source: String, path: String, line: Int? = nil, message: String) {
        self.source = source
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        var location = source
        if let line { location += ":\(line)" }
        return "profile \(location): \(path.isEmpty ? "" : "\(path): ")\(message)"
    }
}
