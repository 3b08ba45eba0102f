/// One entry of an ICE server list as WebRTC applications and voice platforms hand it out
/// (`{"urls": [...], "username": "...", "credential": "..."}`). `credential` never prints.
public struct IceServer: Hashable, Sendable {
    public var urls: [String]
    public var username: String?
    public var credential: TurnSecret?

    public init(urls: [String], username: String? = nil, credential: TurnSecret? = nil) {
        self.urls = urls
        self.username = username
        self.credential = credential
    }

    /// The long-term credential, when both parts are present.
    public var turnCredential: TurnCredential? {
        guard let username, let credential else { return nil }
        return TurnCredential(username: username, password: credential)
    }
}
