/// A plan that cannot be made: which input (a profile key path such as `regions[0].turn[1]`, or
/// a flag such as `--budget`) and why. Usage error (exit 2). Never holds a secret.
public struct CheckPlanError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: String
    public var message: String

    public init(_ location: String, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}
