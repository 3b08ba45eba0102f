/// Why a `tcp:`/`tls:` latency target could not be read (the text names the input).
public struct LatencyTargetError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
