/// A named TURN failure (transport and error name, see `TurnFailure`) and how many agents saw it.
public struct SiteTurnFailureCount: Sendable, Equatable, Codable {
    public let transport: String
    public let error: String
    public let agents: Int

    public init(transport: String, error: String, agents: Int) {
        self.transport = transport
        self.error = error
        self.agents = agents
    }
}
