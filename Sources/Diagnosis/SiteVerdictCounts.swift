/// How many agents of a site got each verdict. `ready + readyWithWarnings + notReady` is the
/// number of agents.
public struct SiteVerdictCounts: Sendable, Equatable, Codable {
    public var ready: Int
    public var readyWithWarnings: Int
    public var notReady: Int

    public init(ready: Int = 0, readyWithWarnings: Int = 0, notReady: Int = 0) {
        self.ready = ready
        self.readyWithWarnings = readyWithWarnings
        self.notReady = notReady
    }

    public var total: Int { ready + readyWithWarnings + notReady }

    public func count(_ verdict: Verdict) -> Int {
        switch verdict {
        case .ready: ready
        case .readyWithWarnings: readyWithWarnings
        case .notReady: notReady
        }
    }

    mutating func add(_ verdict: Verdict) {
        switch verdict {
        case .ready: ready += 1
        case .readyWithWarnings: readyWithWarnings += 1
        case .notReady: notReady += 1
        }
    }
}
