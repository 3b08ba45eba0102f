/// A NAT probe option that cannot be used, naming the flag (a usage error, exit code 2).
public struct NatOptionsError: Error, Hashable, Sendable, CustomStringConvertible {
    public var flag: String
    public var message: String

    public init(flag: String, message: String) {
        self.flag = flag
        self.message = message
    }

    public var description: String { "\(flag): \(message)" }
}
