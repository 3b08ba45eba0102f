/// For one TURN transport: on how many agents an allocation worked, failed, or was not tested.
public struct SiteTransportCount: Sendable, Equatable, Codable {
    public var works: Int
    public var failed: Int
    public var notTested: Int

    public init(works: Int = 0, failed: Int = 0, notTested: Int = 0) {
        self.works = works
        self.failed = failed
        self.notTested = notTested
    }

    mutating func add(_ result: Bool?) {
        switch result {
        case true?: works += 1
        case false?: failed += 1
        case nil: notTested += 1
        }
    }
}
