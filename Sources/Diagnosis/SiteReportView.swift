import Foundation

/// The part of a `CheckReport` that `iceprobe site` rolls up, decoded straight from the report's
/// JSON: who and when, the verdict, each region's reachability and median RTT, the routing
/// paths, UDP, NAT type and public address, TURN per transport, server-reflexive candidates and
/// the findings. Everything else (RTT samples and spreads, DNS, NAT observations and notes, the
/// routing model's assumptions, local facts, per-check verdicts) is skipped, not decoded, which
/// is what makes rolling up thousands of reports fast. Field names and meanings are those of
/// `CheckReport` (schema version 1); `SiteReportLoader` falls back to `ReportJSON.decode` for the
/// error message when this view cannot be decoded.
public struct SiteReportView: Sendable, Equatable, Decodable {
    /// A region's reachability and median RTT.
    public struct Region: Sendable, Equatable, Decodable {
        public struct Rtt: Sendable, Equatable, Decodable {
            public var median: Double
        }

        public var id: String
        public var reachable: Bool?
        public var rttMs: Rtt?

        public init(id: String, reachable: Bool?, medianMs: Double?) {
            self.id = id
            self.reachable = reachable
            rttMs = medianMs.map(Rtt.init(median:))
        }
    }

    /// One routing path: where media is anchored and its one-way delay terms.
    public struct Path: Sendable, Equatable, Decodable {
        public var via: RoutingVia
        public var region: String
        public var delay: MouthToEarDelay

        /// Same definitions as `RoutingPath`.
        public var oneWayDelayMs: Double { delay.totalMs }
        public var withinG114: Bool { oneWayDelayMs < G114Band.preferredLimitMs }
    }

    public struct Routing: Sendable, Equatable, Decodable {
        public var paths: [Path]
        public var detourMs: Double
        public var recommendation: String
    }

    /// An address of which only the IP matters here.
    public struct Address: Sendable, Equatable, Decodable {
        public var ip: String
    }

    public struct Nat: Sendable, Equatable, Decodable {
        public var classicType: ClassicNatType
        public var udpBlocked: Bool?
        public var publicAddress: Address?
    }

    public struct Candidate: Sendable, Equatable, Decodable {
        public var type: String
        public var address: Address
    }

    /// The media stream's headline figures (`check --media`).
    public struct Media: Sendable, Equatable, Decodable {
        public struct Stream: Sendable, Equatable, Decodable {
            public var mos: Double?
            public var lossPercent: Double?
        }

        public var stream: Stream?
    }

    public var schemaVersion: Int
    public var verdict: Verdict
    public var site: String?
    public var agent: String?
    public var startedAt: Date
    public var durationMs: Double
    public var homeRegion: String?
    public var regions: [Region]
    public var nearestRegion: String?
    public var routing: Routing?
    public var udpReachable: Bool?
    public var nat: Nat?
    public var turn: TurnTransportResults?
    public var candidates: [Candidate]?
    public var findings: [Finding]
    /// nil when the check ran no media stream (and in reports from before `--media`).
    public var media: Media?
    /// `cli` or `browser`; nil in reports from before the browser check page (read as `cli`).
    public var source: String?

    /// The view of a decoded report (what the rollup sees of it either way).
    public init(_ report: CheckReport) {
        schemaVersion = report.schemaVersion
        verdict = report.verdict
        site = report.site
        agent = report.agent
        startedAt = report.startedAt
        durationMs = report.durationMs
        homeRegion = report.homeRegion
        regions = report.regions.map { Region(id: $0.id, reachable: $0.reachable, medianMs: $0.rttMs?.median) }
        nearestRegion = report.nearestRegion
        routing = report.routing.map { routing in
            Routing(paths: routing.paths.map { Path(via: $0.via, region: $0.region, delay: $0.delay) },
                    detourMs: routing.detourMs, recommendation: routing.recommendation)
        }
        udpReachable = report.udpReachable
        nat = report.nat.map { Nat(classicType: $0.classicType, udpBlocked: $0.udpBlocked, publicAddress: $0.publicAddress.map { Address(ip: $0.ip) }) }
        turn = report.turn
        candidates = report.candidates.map { $0.map { Candidate(type: $0.type, address: Address(ip: $0.address.ip)) } }
        findings = report.findings
        media = report.media.map { media in
            Media(stream: media.stream.map { Media.Stream(mos: $0.mos, lossPercent: $0.lossPercent) })
        }
        source = report.source
    }

    /// Decodes the view from one report's JSON bytes; nil when they are not a decodable report of
    /// a supported schema version (the caller then asks `ReportJSON.decode` for the reason).
    public static func decode(_ data: Data, decoder: JSONDecoder) -> SiteReportView? {
        guard let view = try? decoder.decode(SiteReportView.self, from: data),
              ReportJSON.supportedSchemaVersions.contains(view.schemaVersion) else { return nil }
        return view
    }
}
