/// One server's answer when the same local socket asked several STUN servers for its mapped
/// address (used when servers lack RFC 5780 OTHER-ADDRESS, as tailscale netcheck does).
public struct ServerMapping: Sendable, Hashable, Codable {
    /// The address the Binding request was sent to.
    public let server: ObservedAddress
    /// The XOR-MAPPED-ADDRESS it returned.
    public let mapped: ObservedAddress

    public init(server: ObservedAddress, mapped: ObservedAddress) {
        self.server = server
        self.mapped = mapped
    }
}
