/// A gathering plan that cannot run: the field and why.
public struct GatheringPlanError: Error, Hashable, Sendable, CustomStringConvertible {
    public var field: String
    public var detail: String

    public init(field: String, detail: String) {
        self.field = field
        self.detail = detail
    }

    public var description: String { "invalid-gathering-plan: \(field): \(detail)" }
}
