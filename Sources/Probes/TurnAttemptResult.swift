import Diagnosis
import ProbeTransport

/// One attempt (server x transport) as reported by `iceprobe turn`: the observation's facts, the
/// classifier's diagnosis, and timings in milliseconds. Anything not measured or not applicable
/// is `null` in JSON, never 0. Contains no secret (the user name only).
public struct TurnAttemptResult: Encodable, Hashable, Sendable {
    public var transport: TransportProtocol
    public var server: String
    /// Allocated, and (when the relay check ran) at least one packet went relay to relay and back.
    public var ok: Bool
    public var resolvedAddress: String?
    /// The HTTP proxy the attempt went through (`host:port`), or null.
    public var proxy: String?
    public var localAddress: String?
    public var relayedAddress: String?
    public var mappedAddress: String?
    public var lifetimeSeconds: Int?
    /// The stable diagnosis id (`ok`, `wrong-credentials`, `timeout`, ...).
    public var diagnosis: String
    public var explanation: String
    public var errorCode: Int?
    public var failedStage: String?
    public var message: String
    public var username: String?
    public var passwordAlgorithm: String?
    public var redirects: [String]
    /// 438 Stale Nonce answers retried with the server's new nonce, over every request of the attempt.
    public var staleNonceRetries: Int
    public var connectMs: Double?
    public var tlsHandshakeMs: Double?
    public var tlsVersion: String?
    public var allocateMs: Double?
    /// Median round trip through both relays.
    public var relayRttMs: Double?
    public var relayLossPercent: Double?
    public var relaySent: Int?
    public var relayReceived: Int?
    /// Every allocation made was deleted (Refresh LIFETIME 0 confirmed); null when none was made.
    public var deallocated: Bool?
    public var durationMs: Double

    public init(_ observation: TurnObservation) {
        let diagnosis = TurnClassifier.classify(observation.facts)
        transport = observation.transport
        server = observation.server
        ok = diagnosis == .ok
        resolvedAddress = observation.resolvedAddress
        proxy = observation.proxy
        localAddress = observation.localAddress
        relayedAddress = observation.allocation?.relayedAddress.description
        mappedAddress = observation.allocation?.mappedAddress?.description
        lifetimeSeconds = observation.allocation?.lifetime.map { Int($0) }
        self.diagnosis = diagnosis.id
        explanation = diagnosis.explanation
        errorCode = observation.errorCode
        failedStage = observation.failedStage?.rawValue
        message = observation.message
        username = observation.username
        passwordAlgorithm = observation.passwordAlgorithm
        redirects = observation.redirects
        staleNonceRetries = observation.staleNonceRetries
        connectMs = observation.connect.map(Self.milliseconds)
        tlsHandshakeMs = observation.tlsHandshake.map(Self.milliseconds)
        tlsVersion = observation.tlsVersion
        allocateMs = observation.allocate.map(Self.milliseconds)
        if let relay = observation.relay {
            let sorted = relay.roundTrips.sorted()
            relayRttMs = sorted.isEmpty ? nil : Self.milliseconds(sorted[(sorted.count - 1) / 2])
            relayLossPercent = relay.lossPercent.map { ($0 * 10).rounded() / 10 }
            relaySent = relay.sent
            relayReceived = relay.received
        }
        deallocated = observation.deallocated
        durationMs = Self.milliseconds(observation.duration)
    }

    /// Nanoseconds as milliseconds rounded to 0.01.
    static func milliseconds(_ nanoseconds: UInt64) -> Double {
        (Nanoseconds.toMilliseconds(nanoseconds) * 100).rounded() / 100
    }

    private enum CodingKeys: String, CodingKey {
        case transport, server, ok, resolvedAddress, proxy, localAddress, relayedAddress, mappedAddress, lifetimeSeconds,
             diagnosis, explanation, errorCode, failedStage, message, username, passwordAlgorithm, redirects,
             staleNonceRetries,
             connectMs, tlsHandshakeMs, tlsVersion, allocateMs, relayRttMs, relayLossPercent, relaySent,
             relayReceived, deallocated, durationMs
    }

    /// Encodes every key, with `null` for absent values.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(transport, forKey: .transport)
        try container.encode(server, forKey: .server)
        try container.encode(ok, forKey: .ok)
        try container.encode(resolvedAddress, forKey: .resolvedAddress)
        try container.encode(proxy, forKey: .proxy)
        try container.encode(localAddress, forKey: .localAddress)
        try container.encode(relayedAddress, forKey: .relayedAddress)
        try container.encode(mappedAddress, forKey: .mappedAddress)
        try container.encode(lifetimeSeconds, forKey: .lifetimeSeconds)
        try container.encode(diagnosis, forKey: .diagnosis)
        try container.encode(explanation, forKey: .explanation)
        try container.encode(errorCode, forKey: .errorCode)
        try container.encode(failedStage, forKey: .failedStage)
        try container.encode(message, forKey: .message)
        try container.encode(username, forKey: .username)
        try container.encode(passwordAlgorithm, forKey: .passwordAlgorithm)
        try container.encode(redirects, forKey: .redirects)
        try container.encode(staleNonceRetries, forKey: .staleNonceRetries)
        try container.encodeMilliseconds(connectMs, forKey: .connectMs)
        try container.encodeMilliseconds(tlsHandshakeMs, forKey: .tlsHandshakeMs)
        try container.encode(tlsVersion, forKey: .tlsVersion)
        try container.encodeMilliseconds(allocateMs, forKey: .allocateMs)
        try container.encodeMilliseconds(relayRttMs, forKey: .relayRttMs)
        try container.encode(relayLossPercent, forKey: .relayLossPercent)
        try container.encode(relaySent, forKey: .relaySent)
        try container.encode(relayReceived, forKey: .relayReceived)
        try container.encode(deallocated, forKey: .deallocated)
        try container.encodeMilliseconds(durationMs, forKey: .durationMs)
    }
}
