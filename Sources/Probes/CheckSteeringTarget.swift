import Diagnosis
import ProbeTransport

/// A steering name of the profile as the check probes it: resolve `host`, then time the first
/// address of the answer with `method` (`stun-udp` for a `stun:` URI, else the TCP connect and,
/// for `tls:`, the TLS handshake).
public struct CheckSteeringTarget: Sendable, Equatable {
    /// The profile's text (`tls:voice-js.roaming.twilio.com:443`).
    public var text: String
    public var host: String
    public var port: UInt16
    public var method: RegionLatencyMethod
    public var latency: LatencyTarget?
    public var stun: ServerURI?

    public init(text: String, host: String, port: UInt16, method: RegionLatencyMethod, latency: LatencyTarget?, stun: ServerURI?) {
        self.text = text
        self.host = host
        self.port = port
        self.method = method
        self.latency = latency
        self.stun = stun
    }
}
