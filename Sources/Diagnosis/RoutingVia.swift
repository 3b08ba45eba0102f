/// Where the media of a queue-routed call is anchored.
public enum RoutingVia: String, Sendable, Codable, CaseIterable {
    /// Anchored in the home region (for example a conference in `jp1`): agent and customer legs
    /// both meet in the region near them.
    case anchored
    /// Bridged through a far region (for example a queue whose media lives in `us1`): both legs
    /// travel to the far region and back.
    case bridged
}
