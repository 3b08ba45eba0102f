import ProbeTransport
import StunWire

/// How a TURN attempt over TCP or TLS reaches its server through an HTTP CONNECT proxy: the
/// proxy's resolved address and its name for messages. The tunnel asks the proxy for the
/// server's name (the proxy resolves it).
public struct TurnProxyRoute: Sendable, Equatable {
    public var address: TransportAddress
    public var name: String

    public init(address: TransportAddress, name: String) {
        self.address = address
        self.name = name
    }
}
