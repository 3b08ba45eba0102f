import Foundation

/// The report of `iceprobe media` (JSON `kind: "media"`, `schemaVersion` 1), and the `media`
/// object of a check report. Every optional is written as `null` ("not measured"), never omitted.
///
/// - `ok`: the stream ran and met every target (`verdict` ready); `verdict` is ready,
///   ready-with-warnings or not-ready after `findings` (check `media`).
/// - `stream`: `MediaStreamReport`; `null` when the relays could not be set up.
/// - `maxDatagramBytes`: the largest UDP payload that went relay to relay (`datagrams` lists
///   every size tried); `null` when none arrived or the test did not run.
/// - `directionsSeparable`: always false: both allocations are on this computer, so every
///   packet crosses its uplink and its downlink once; loss or jitter in either direction shows
///   in the stream, and which direction it came from cannot be told.
/// - `findingIds`: the ids of `findings`, in order.
/// - `error`: why the relays could not be set up (`id`: the `iceprobe turn` diagnosis, e.g.
///   `wrong-credentials`, `timeout`); `null` when they were.
public struct MediaReport: Sendable, Equatable, Codable {
    public static let currentSchemaVersion = 1

    public var kind = "media"
    public var schemaVersion = MediaReport.currentSchemaVersion
    public var ok: Bool
    public var verdict: Verdict
    public var server: String
    public var resolvedAddress: String?
    public var transport: String
    public var codec: MediaCodec
    public var seconds: Double
    public var packetIntervalMs: Double
    public var payloadBytes: Int
    public var relayedAddresses: [String]
    public var maxDatagramBytes: Int?
    public var datagrams: [MediaDatagramResult]
    public var stream: MediaStreamReport?
    public var directionsSeparable: Bool
    public var eModelFormula: String
    public var notes: [String]
    public var findings: [Finding]
    public var error: MediaSetupError?
    public var deallocated: Bool?
    public var durationMs: Double

    /// Why the two relays could not be set up.
    public struct MediaSetupError: Sendable, Equatable, Codable {
        public let id: String
        public let stage: String
        public let message: String

        public init(id: String, stage: String, message: String) {
            self.id = id
            self.stage = stage
            self.message = message
        }
    }

    /// Assembles the report and judges it with `MediaAssessment` (the only judgement made here).
    public init(server: String, resolvedAddress: String?, transport: String, codec: MediaCodec, seconds: Double,
                relayedAddresses: [String], datagrams: [MediaDatagramResult], stream: MediaStreamReport?,
                error: MediaSetupError?, deallocated: Bool?, durationMs: Double,
                thresholds: MediaThresholds = .defaults) {
        self.server = server
        self.resolvedAddress = resolvedAddress
        self.transport = transport
        self.codec = codec
        self.seconds = seconds
        packetIntervalMs = MediaCodec.packetIntervalMs
        payloadBytes = codec.payloadBytes
        self.relayedAddresses = relayedAddresses
        maxDatagramBytes = MediaDatagramResult.largest(datagrams)
        self.datagrams = datagrams
        self.stream = stream
        directionsSeparable = false
        eModelFormula = MediaEModel.formula
        var notes = ["Both allocations are on this computer: every packet crosses its uplink and its downlink once "
            + "(client -> relay -> relay -> client), so each figure is that of both directions together; "
            + "which direction lost or delayed a packet cannot be told from one stream."]
        if codec.robustnessIsStandIn {
            notes.append("ITU-T publishes no E-model values for Opus: Ie 0 and Bpl 25.1 (G.711 with concealment, G.113 Appendix I) stand in.")
        }
        if transport != "udp" {
            notes.append("The relay is reached over \(transport.uppercased()): datagram sizes then test the relay's "
                + "UDP side, not this computer's link.")
        }
        if seconds < 15 {
            notes.append("Teams' loss and jitter targets are for any 15 s; this stream lasted \(NumberText.decimal(seconds, 1)) s.")
        }
        self.notes = notes
        self.error = error
        self.deallocated = deallocated
        self.durationMs = ReportNumber.milliseconds(durationMs)
        var findings = MediaAssessment.findings(stream: stream, datagrams: datagrams,
                                                failure: error.map { "\($0.id): \($0.message)" }, subject: server,
                                                thresholds: thresholds)
        if deallocated == false {
            findings.append(Finding(severity: .info, id: .mediaFailed, check: .media, subject: server,
                                    message: "The server did not confirm that the allocations were deleted.",
                                    action: nil))
        }
        self.findings = findings.sorted { $0.severity > $1.severity }
        verdict = Verdict(severities: self.findings.map(\.severity))
        ok = verdict == .ready && stream != nil
    }

    private enum CodingKeys: String, CodingKey {
        case kind, schemaVersion, ok, verdict, server, resolvedAddress, transport, codec, seconds, packetIntervalMs
        case payloadBytes, relayedAddresses, maxDatagramBytes, datagrams, stream, directionsSeparable
        case eModelFormula, notes, findings, error, deallocated, durationMs
    }

    /// `CodingKeys` plus the derived `findingIds` (written, not read).
    private enum EncodingKeys: String, CodingKey {
        case kind, schemaVersion, ok, verdict, server, resolvedAddress, transport, codec, seconds, packetIntervalMs
        case payloadBytes, relayedAddresses, maxDatagramBytes, datagrams, stream, directionsSeparable
        case eModelFormula, notes, findings, findingIds, error, deallocated, durationMs
    }

    /// The ids of `findings`, in order (for scripts and scenario expectations).
    public var findingIds: [FindingID] { findings.map(\.id) }

    /// Not measured is JSON `null`, never a missing key.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: EncodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(ok, forKey: .ok)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(server, forKey: .server)
        try c.encode(resolvedAddress, forKey: .resolvedAddress)
        try c.encode(transport, forKey: .transport)
        try c.encode(codec, forKey: .codec)
        try c.encode(seconds, forKey: .seconds)
        try c.encode(packetIntervalMs, forKey: .packetIntervalMs)
        try c.encode(payloadBytes, forKey: .payloadBytes)
        try c.encode(relayedAddresses, forKey: .relayedAddresses)
        try c.encode(maxDatagramBytes, forKey: .maxDatagramBytes)
        try c.encode(datagrams, forKey: .datagrams)
        try c.encode(stream, forKey: .stream)
        try c.encode(directionsSeparable, forKey: .directionsSeparable)
        try c.encode(eModelFormula, forKey: .eModelFormula)
        try c.encode(notes, forKey: .notes)
        try c.encode(findings, forKey: .findings)
        try c.encode(findingIds, forKey: .findingIds)
        try c.encode(error, forKey: .error)
        try c.encode(deallocated, forKey: .deallocated)
        try c.encodeMilliseconds(durationMs, forKey: .durationMs)
    }
}
