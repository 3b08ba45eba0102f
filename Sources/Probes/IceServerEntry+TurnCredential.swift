import Credentials

extension IceServerEntry {
    /// The long-term credential, when both parts are present.
    public var turnCredential: TurnCredential? {
        guard let username, let credential else { return nil }
        return TurnCredential(username: username, password: credential)
    }
}
