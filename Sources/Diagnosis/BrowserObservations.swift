/// What the browser check page (`iceprobe serve`, `GET /check`) measured with the browser's own
/// WebRTC stack: the `browser` object of a check report whose `source` is `browser`. Written by
/// the page's JavaScript, read back here; every optional is written as `null`, never omitted.
/// Milliseconds are `performance.now()` differences from the start of each measurement.
///
/// - `gathering`: one entry per gathering (`mode` `trickle`: every candidate as the browser handed
///   it over; `vanilla`: the candidates of the local description once gathering completed), with
///   every `icecandidateerror` (`url`, `code`, `text`).
/// - `relays`: each TURN URL alone with `iceTransportPolicy: "relay"`.
/// - `regionRtts`: per region, the selected candidate pair's `currentRoundTripTime` of two peer
///   connections both relayed through the region (`relayedRttMs`, median of the samples); the path
///   crosses this computer's link to the region twice each way, so `halfRttMs` is the estimate of
///   one round trip to the region.
/// - `call`: the loopback call through the home region's relay (Opus from a generated tone).
public struct BrowserObservations: Sendable, Equatable, Codable {
    public var userAgent: String
    public var gathering: [BrowserGathering]
    public var relays: [BrowserRelayTest]
    public var regionRtts: [BrowserRegionRtt]
    public var call: BrowserCall?

    public init(userAgent: String, gathering: [BrowserGathering], relays: [BrowserRelayTest],
                regionRtts: [BrowserRegionRtt], call: BrowserCall?) {
        self.userAgent = userAgent
        self.gathering = gathering
        self.relays = relays
        self.regionRtts = regionRtts
        self.call = call
    }

    private enum CodingKeys: String, CodingKey { case userAgent, gathering, relays, regionRtts, call }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(userAgent, forKey: .userAgent)
        try c.encode(gathering, forKey: .gathering)
        try c.encode(relays, forKey: .relays)
        try c.encode(regionRtts, forKey: .regionRtts)
        try c.encode(call, forKey: .call)
    }

    /// Every `icecandidateerror` the browser fired, in all measurements (gathering and relays).
    public var allErrors: [BrowserIceError] {
        gathering.flatMap(\.errors) + relays.flatMap(\.errors)
    }
}

/// One candidate as the browser handed it over. `address` is an mDNS `.local` name for host
/// candidates when the browser hides local addresses.
public struct BrowserCandidate: Sendable, Equatable, Codable {
    public var ms: Double?
    public var type: String?
    public var `protocol`: String?
    public var address: String?
    public var port: Int?
    /// For relay candidates: how the browser reached the TURN server (`udp`, `tcp`, `tls`).
    public var relayProtocol: String?
    /// The STUN or TURN URL the candidate came from (`null` for host candidates).
    public var url: String?

    public init(ms: Double?, type: String?, protocol: String?, address: String?, port: Int?,
                relayProtocol: String?, url: String?) {
        self.ms = ms
        self.type = type
        self.protocol = `protocol`
        self.address = address
        self.port = port
        self.relayProtocol = relayProtocol
        self.url = url
    }

    private enum CodingKeys: String, CodingKey { case ms, type, `protocol`, address, port, relayProtocol, url }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ms, forKey: .ms)
        try c.encode(type, forKey: .type)
        try c.encode(`protocol`, forKey: .protocol)
        try c.encode(address, forKey: .address)
        try c.encode(port, forKey: .port)
        try c.encode(relayProtocol, forKey: .relayProtocol)
        try c.encode(url, forKey: .url)
    }
}

/// One `icecandidateerror` event: the server URL, the STUN/TURN error code (300-699; 701 when the
/// server could not be reached) and the reason text.
public struct BrowserIceError: Sendable, Equatable, Codable {
    public var ms: Double?
    public var url: String?
    public var code: Int?
    public var text: String
    public var address: String?
    public var port: Int?

    public init(ms: Double?, url: String?, code: Int?, text: String, address: String? = nil, port: Int? = nil) {
        self.ms = ms
        self.url = url
        self.code = code
        self.text = text
        self.address = address
        self.port = port
    }

    private enum CodingKeys: String, CodingKey { case ms, url, code, text, address, port }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(ms, forKey: .ms)
        try c.encode(url, forKey: .url)
        try c.encode(code, forKey: .code)
        try c.encode(text, forKey: .text)
        try c.encode(address, forKey: .address)
        try c.encode(port, forKey: .port)
    }
}

public struct BrowserGathering: Sendable, Equatable, Codable {
    /// `trickle` or `vanilla`.
    public var mode: String
    public var region: String?
    /// `all` or `relay` (`iceTransportPolicy`).
    public var policy: String
    /// The STUN and TURN URLs the page gave this gathering.
    public var servers: [String]
    /// When gathering completed; `null` when it did not within the page's bound (`timedOut`).
    public var completeMs: Double?
    public var timedOut: Bool
    public var candidates: [BrowserCandidate]
    public var errors: [BrowserIceError]

    public init(mode: String, region: String?, policy: String, servers: [String], completeMs: Double?, timedOut: Bool,
                candidates: [BrowserCandidate], errors: [BrowserIceError]) {
        self.mode = mode
        self.region = region
        self.policy = policy
        self.servers = servers
        self.completeMs = completeMs
        self.timedOut = timedOut
        self.candidates = candidates
        self.errors = errors
    }

    private enum CodingKeys: String, CodingKey { case mode, region, policy, servers, completeMs, timedOut, candidates, errors }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(mode, forKey: .mode)
        try c.encode(region, forKey: .region)
        try c.encode(policy, forKey: .policy)
        try c.encode(servers, forKey: .servers)
        try c.encode(completeMs, forKey: .completeMs)
        try c.encode(timedOut, forKey: .timedOut)
        try c.encode(candidates, forKey: .candidates)
        try c.encode(errors, forKey: .errors)
    }
}

/// One TURN URL alone, relay only: whether a relay candidate came and when.
public struct BrowserRelayTest: Sendable, Equatable, Codable {
    public var region: String
    public var url: String
    /// `udp`, `tcp` or `tls` (from the URL).
    public var transport: String
    public var relay: Bool
    public var ms: Double?
    public var relayAddress: String?
    /// Neither a relay candidate nor the end of gathering within the page's bound.
    public var timedOut: Bool
    public var errors: [BrowserIceError]

    public init(region: String, url: String, transport: String, relay: Bool, ms: Double?, relayAddress: String?,
                timedOut: Bool, errors: [BrowserIceError]) {
        self.region = region
        self.url = url
        self.transport = transport
        self.relay = relay
        self.ms = ms
        self.relayAddress = relayAddress
        self.timedOut = timedOut
        self.errors = errors
    }

    private enum CodingKeys: String, CodingKey { case region, url, transport, relay, ms, relayAddress, timedOut, errors }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(region, forKey: .region)
        try c.encode(url, forKey: .url)
        try c.encode(transport, forKey: .transport)
        try c.encode(relay, forKey: .relay)
        try c.encode(ms, forKey: .ms)
        try c.encode(relayAddress, forKey: .relayAddress)
        try c.encode(timedOut, forKey: .timedOut)
        try c.encode(errors, forKey: .errors)
    }
}

public struct BrowserRegionRtt: Sendable, Equatable, Codable {
    public var region: String
    public var url: String?
    public var transport: String?
    public var samplesMs: [Double]
    public var relayedRttMs: Double?
    public var halfRttMs: Double?
    public var error: String?

    public init(region: String, url: String?, transport: String?, samplesMs: [Double], relayedRttMs: Double?,
                halfRttMs: Double?, error: String?) {
        self.region = region
        self.url = url
        self.transport = transport
        self.samplesMs = samplesMs
        self.relayedRttMs = relayedRttMs
        self.halfRttMs = halfRttMs
        self.error = error
    }

    private enum CodingKeys: String, CodingKey { case region, url, transport, samplesMs, relayedRttMs, halfRttMs, error }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(region, forKey: .region)
        try c.encode(url, forKey: .url)
        try c.encode(transport, forKey: .transport)
        try c.encode(samplesMs, forKey: .samplesMs)
        try c.encode(relayedRttMs, forKey: .relayedRttMs)
        try c.encode(halfRttMs, forKey: .halfRttMs)
        try c.encode(error, forKey: .error)
    }
}

/// The loopback call: two peer connections in the page, both relayed through `url`, Opus audio of
/// a generated tone for `seconds`. Figures from `getStats()`: `packetsSent` (the sender's
/// outbound-rtp), `packetsReceived`, `packetsLost`, `jitterMs`, `concealedSamples` and
/// `totalSamplesReceived` (the receiver's inbound-rtp), `rtcpRttMs` (the sender's
/// remote-inbound-rtp) and `pairRttMs` (the candidate pair's currentRoundTripTime).
/// `lossPercent` = lost / (received + lost).
public struct BrowserCall: Sendable, Equatable, Codable {
    public var region: String?
    public var url: String?
    public var transport: String?
    public var seconds: Double
    public var codec: String?
    public var toneSource: String?
    public var packetsSent: Int?
    public var packetsReceived: Int?
    public var packetsLost: Int?
    public var lossPercent: Double?
    public var jitterMs: Double?
    public var rtcpRttMs: Double?
    public var pairRttMs: Double?
    public var concealedSamples: Int?
    public var totalSamplesReceived: Int?
    public var concealedPercent: Double?
    /// Why the call could not run (`null` when it ran).
    public var error: String?

    public init(region: String?, url: String?, transport: String?, seconds: Double, codec: String? = nil,
                toneSource: String? = nil, packetsSent: Int? = nil, packetsReceived: Int? = nil, packetsLost: Int? = nil,
                lossPercent: Double? = nil, jitterMs: Double? = nil, rtcpRttMs: Double? = nil, pairRttMs: Double? = nil,
                concealedSamples: Int? = nil, totalSamplesReceived: Int? = nil, concealedPercent: Double? = nil,
                error: String? = nil) {
        self.region = region
        self.url = url
        self.transport = transport
        self.seconds = seconds
        self.codec = codec
        self.toneSource = toneSource
        self.packetsSent = packetsSent
        self.packetsReceived = packetsReceived
        self.packetsLost = packetsLost
        self.lossPercent = lossPercent
        self.jitterMs = jitterMs
        self.rtcpRttMs = rtcpRttMs
        self.pairRttMs = pairRttMs
        self.concealedSamples = concealedSamples
        self.totalSamplesReceived = totalSamplesReceived
        self.concealedPercent = concealedPercent
        self.error = error
    }

    private enum CodingKeys: String, CodingKey {
        case region, url, transport, seconds, codec, toneSource, packetsSent, packetsReceived, packetsLost, lossPercent
        case jitterMs, rtcpRttMs, pairRttMs, concealedSamples, totalSamplesReceived, concealedPercent, error
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(region, forKey: .region)
        try c.encode(url, forKey: .url)
        try c.encode(transport, forKey: .transport)
        try c.encode(seconds, forKey: .seconds)
        try c.encode(codec, forKey: .codec)
        try c.encode(toneSource, forKey: .toneSource)
        try c.encode(packetsSent, forKey: .packetsSent)
        try c.encode(packetsReceived, forKey: .packetsReceived)
        try c.encode(packetsLost, forKey: .packetsLost)
        try c.encode(lossPercent, forKey: .lossPercent)
        try c.encode(jitterMs, forKey: .jitterMs)
        try c.encode(rtcpRttMs, forKey: .rtcpRttMs)
        try c.encode(pairRttMs, forKey: .pairRttMs)
        try c.encode(concealedSamples, forKey: .concealedSamples)
        try c.encode(totalSamplesReceived, forKey: .totalSamplesReceived)
        try c.encode(concealedPercent, forKey: .concealedPercent)
        try c.encode(error, forKey: .error)
    }
}
