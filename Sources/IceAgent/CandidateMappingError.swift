/// A libnice candidate that could not be turned into an ``IceCandidate``: which field, and why.
public struct CandidateMappingError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The `NiceCandidate` field at fault (`type`, `transport`, `foundation`, `address`, `component`).
    public var field: String
    public var detail: String

    public init(field: String, detail: String) {
        self.field = field
        self.detail = detail
    }

    public var description: String { "invalid-candidate: \(field): \(detail)" }
}
