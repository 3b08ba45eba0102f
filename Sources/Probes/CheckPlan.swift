import Diagnosis
import ProbeTransport

/// Everything one `iceprobe check` run will do, decided before any packet is sent: regions and
/// their servers, which probes run, and the time each may take inside the total budget.
/// Made by `CheckPlanner` (pure); executed by `CheckRunner`.
///
/// Budget layout (offsets from the start, B = `budget`):
/// - DNS for every server name: until `dnsDeadline` = min(1.5 s, 0.3 B);
/// - STUN/UDP latency to every region (paced samples): until `latencyDeadline` = 0.6 B;
/// - TURN to the home region, the NAT probe and ICE gathering start at once; TURN to the nearest
///   region starts when latency is known; all must end by B - `margin` (margin = min(0.3 s, 0.1 B));
///   gathering gets B - 1.3 s because closing libnice agents may take up to 1 s more;
/// - at B everything still running is cancelled and reported as not measured.
public struct CheckPlan: Sendable {
    public var regions: [CheckRegionTarget]
    public var homeRegion: String?
    public var queueRegion: String?
    /// Home-to-queue region RTT from the profile, ms (nil: estimated by the routing model).
    public var interRegionRttMs: Double?
    /// TURN targets tried whatever the nearest region is (from `--ice-servers`).
    public var extraTurn: [CheckTurnTarget]
    /// TURN is attempted at all (credentials available and not disabled).
    public var runTurn: Bool
    /// TURN servers are known but no credential is: reported as "not tested (no credentials)".
    public var turnLacksCredentials: Bool
    public var natServers: [ServerURI]
    /// STUN servers (UDP) and TURN targets handed to ICE gathering; empty = gathering off.
    public var gatherStun: [ServerURI]
    public var gatherTurn: [CheckTurnTarget]
    public var runGather: Bool
    /// Every distinct host name to resolve (IP literals excluded), in plan order.
    public var dnsNames: [String]
    public var samples: Int
    public var spacing: UInt64
    public var budget: UInt64
    public var dnsDeadline: UInt64
    public var latencyDeadline: UInt64
    public var margin: UInt64
    /// Gathering deadline (offset); nil when the budget leaves no room for it.
    public var gatherDeadline: UInt64?
    public var caFile: String?
    public var insecure: Bool
    public var thresholds: Thresholds
    public var mediaRanges: [String]
    public var mediaPorts: String
    /// Direct TCP/TLS connections of the path probe (TCP egress per port, TLS issuer); they end
    /// with the TURN attempts (B - margin).
    public var egressTargets: [CheckEgressTarget] = []
    /// The HTTP proxy this computer is set up to use (`--proxy` or the environment), if any.
    public var proxy: ProxySetting? = nil
    /// The profile's name, for the commands findings point to.
    public var profileName: String? = nil
    /// Steering names to resolve and time (DNS edge steering), resolved apart from `dnsNames`.
    public var steering: [CheckSteeringTarget] = []

    /// How long a region's STUN over UDP may stay silent before its TCP latency methods start.
    public static let fallbackDelay = Nanoseconds.milliseconds(1000)

    /// The profile's media topology: whether a symmetric NAT needs a TURN relay.
    public var mediaTopology: MediaTopology = .peerToPeer

    /// Time reserved after `gatherDeadline` for closing libnice agents.
    public static let gatherShutdown = Nanoseconds.milliseconds(1300)

    public var turnTargetsKnown: Bool {
        !extraTurn.isEmpty || regions.contains { !$0.turn.isEmpty }
    }

    public func region(_ id: String) -> CheckRegionTarget? {
        regions.first { $0.id == id }
    }

    /// The TURN attempts for the home region and the nearest (the nearest may be nil or the same),
    /// plus the extra ones; duplicates (same server and transport) once.
    public func turnTargets(nearest: String?) -> [CheckTurnTarget] {
        guard runTurn else { return [] }
        var ids: [String] = []
        if let homeRegion { ids.append(homeRegion) }
        if let nearest, !ids.contains(nearest) { ids.append(nearest) }
        var out: [CheckTurnTarget] = []
        for target in ids.compactMap({ region($0) }).flatMap(\.turn) + extraTurn where target.credential != nil {
            if !out.contains(where: { $0.server == target.server && $0.transport == target.transport }) { out.append(target) }
        }
        return out
    }
}
