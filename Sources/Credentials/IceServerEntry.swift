/// One entry of an ICE server list as WebRTC applications and voice platforms hand it out
/// (`{"urls": [...], "username": "...", "credential": "..."}`), before its URLs are parsed.
/// `credential` never prints.
public struct IceServerEntry: Hashable, Sendable {
    public var urls: [String]
    public var username: String?
    public var credential: RedactedSecret?

    public init(urls: [String], username: String? = nil, credential: RedactedSecret? = nil) {
        self.urls = urls
        self.username = username
        self.credential = credential
    }
}
