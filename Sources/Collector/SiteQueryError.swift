/// A site query parameter that cannot be used (answered 400 with this message).
public struct SiteQueryError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
