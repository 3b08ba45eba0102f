import Diagnosis
import Testing
@testable import Probes
import ProbeTransport
import Credentials

/// The pure planner: profile + options -> plan, as tables. No I/O.
struct CheckPlannerTests {
    static let credential = TurnCredential(username: "u", password: RedactedSecret("p"))

    static func profile(home: String? = "jp1", queue: String? = "us1", turn: Bool = true) -> Profile {
        func region(_ id: String, _ host: String) -> ProfileRegion {
            ProfileRegion(id: id, name: id, stun: ["stuns:\(host):5349", "stun:\(host):3478"],
                          turn: turn ? ["turn:\(host):3478?transport=udp", "turn:\(host):3478?transport=tcp", "turns:\(host):443?transport=tcp"] : [],
                          addressRanges: ["203.0.113.0/28"])
        }
        return Profile(name: "t", regions: [region("jp1", "jp1.example.test"), region("us1", "us1.example.test"), region("ie1", "192.0.2.7")],
                       homeRegion: home, queueRegion: queue, interRegionRttMs: ["jp1": ["us1": 170]], mediaRanges: ["198.51.100.0/24"])
    }

    @Test("default plan: UDP STUN per region, DNS names once, budget shares, TURN with credentials")
    func defaults() throws {
        let plan = try CheckPlanner.plan(profile: Self.profile(), options: CheckOptions(turnCredential: Self.credential))
        #expect(plan.regions.map(\.id) == ["jp1", "us1", "ie1"])
        #expect(plan.regions.map { $0.stun?.description } == ["stun:jp1.example.test:3478", "stun:us1.example.test:3478", "stun:192.0.2.7:3478"])
        #expect(plan.dnsNames == ["jp1.example.test", "us1.example.test"])
        #expect(plan.budget == Nanoseconds.seconds(5))
        #expect(plan.dnsDeadline == Nanoseconds.milliseconds(1500))
        #expect(plan.latencyDeadline == Nanoseconds.milliseconds(3000))
        #expect(plan.margin == Nanoseconds.milliseconds(300))
        #expect(plan.gatherDeadline == Nanoseconds.milliseconds(3400))
        #expect(plan.samples == 10 && plan.spacing == Nanoseconds.milliseconds(50))
        #expect(plan.runTurn && !plan.turnLacksCredentials)
        #expect(plan.interRegionRttMs == 170)
        #expect(plan.natServers.map(\.description) == ["stun:jp1.example.test:3478", "stun:us1.example.test:3478", "stun:192.0.2.7:3478"])
        #expect(plan.mediaRanges == ["198.51.100.0/24", "203.0.113.0/28"])
        #expect(plan.gatherStun.map(\.description) == ["stun:jp1.example.test:3478"])
        #expect(plan.gatherTurn.map(\.transport) == [.udp, .tcp, .tls])
    }

    @Test("path probe: TCP to the home region's TURN/TCP port, TLS to each turns: host (at most three); proxy and profile name carried")
    func egressTargets() throws {
        let proxy = ProxySetting(source: "HTTPS_PROXY", host: "10.0.0.1", port: 3128)
        let plan = try CheckPlanner.plan(profile: Self.profile(), options: CheckOptions(proxy: proxy))
        #expect(plan.egressTargets == [
            CheckEgressTarget(host: "jp1.example.test", port: 3478, tls: false),
            CheckEgressTarget(host: "jp1.example.test", port: 443, tls: true),
            CheckEgressTarget(host: "us1.example.test", port: 443, tls: true),
            CheckEgressTarget(host: "192.0.2.7", port: 443, tls: true),
        ])
        #expect(plan.proxy == proxy && plan.profileName == "t")
        let noTurn = try CheckPlanner.plan(profile: Self.profile(turn: false), options: CheckOptions())
        #expect(noTurn.egressTargets.isEmpty)
    }

    @Test("TURN targets: home and nearest, each transport once, home first")
    func turnTargets() throws {
        let plan = try CheckPlanner.plan(profile: Self.profile(), options: CheckOptions(turnCredential: Self.credential))
        #expect(plan.turnTargets(nearest: nil).map { "\($0.server.host)/\($0.transport)" }
                == ["jp1.example.test/udp", "jp1.example.test/tcp", "jp1.example.test/tls"])
        #expect(plan.turnTargets(nearest: "jp1").count == 3)
        #expect(plan.turnTargets(nearest: "us1").map(\.server.host) == Array(repeating: "jp1.example.test", count: 3) + Array(repeating: "us1.example.test", count: 3))
    }

    struct Row: Sendable, CustomTestStringConvertible {
        var name: String
        var options: CheckOptions
        var home: String? = "jp1"
        var turn = true
        var check: @Sendable (CheckPlan) -> Bool
        var testDescription: String { name }
    }

    static let rows: [Row] = [
        Row(name: "no credential: TURN not run, reported as not tested", options: CheckOptions(),
            check: { !$0.runTurn && $0.turnLacksCredentials && $0.turnTargets(nearest: "us1").isEmpty && $0.gatherTurn.isEmpty }),
        Row(name: "--no-turn: neither run nor reported", options: CheckOptions(turnCredential: credential, runTurn: false),
            check: { !$0.runTurn && !$0.turnLacksCredentials }),
        Row(name: "profile without TURN servers: nothing to test", options: CheckOptions(turnCredential: credential), turn: false,
            check: { !$0.runTurn && !$0.turnLacksCredentials }),
        Row(name: "--no-nat", options: CheckOptions(runNat: false), check: { $0.natServers.isEmpty }),
        Row(name: "--no-gather", options: CheckOptions(runGather: false), check: { !$0.runGather && $0.gatherDeadline == nil }),
        Row(name: "1 s budget leaves no room for gathering", options: CheckOptions(budgetSeconds: 1),
            check: { !$0.runGather && $0.budget == Nanoseconds.seconds(1) && $0.dnsDeadline == Nanoseconds.milliseconds(300)
                && $0.spacing == Nanoseconds.milliseconds(30) }),
        Row(name: "20 s budget: DNS share capped at 1.5 s", options: CheckOptions(budgetSeconds: 20),
            check: { $0.dnsDeadline == Nanoseconds.milliseconds(1500) && $0.latencyDeadline == Nanoseconds.seconds(12) }),
        Row(name: "--home-region and --queue-region override the profile", options: CheckOptions(homeRegion: "us1", queueRegion: "ie1"),
            check: { $0.homeRegion == "us1" && $0.queueRegion == "ie1" && $0.interRegionRttMs == nil && $0.natServers.first?.host == "us1.example.test" }),
        Row(name: "no home region: first region for NAT and gathering", options: CheckOptions(), home: nil,
            check: { $0.homeRegion == nil && $0.gatherStun.first?.host == "jp1.example.test" && $0.interRegionRttMs == nil }),
        Row(name: "--ice-servers TURN entries are extra targets with their own credential",
            options: CheckOptions(iceServers: [IceServerEntry(urls: ["turn:relay.example.test:3478", "stun:s.example.test"], username: "x", credential: RedactedSecret("y"))]),
            check: { $0.runTurn && $0.extraTurn.count == 1 && $0.turnTargets(nearest: nil).map(\.server.host) == ["relay.example.test"]
                && $0.dnsNames.contains("relay.example.test") && $0.gatherStun.contains { $0.host == "s.example.test" } }),
    ]

    @Test("plans from options", arguments: rows)
    func table(_ row: Row) throws {
        let plan = try CheckPlanner.plan(profile: Self.profile(home: row.home, turn: row.turn), options: row.options)
        #expect(row.check(plan))
    }

    @Test("usage errors name the flag or profile key", arguments: [
        (CheckOptions(budgetSeconds: 0.5), "--budget"),
        (CheckOptions(budgetSeconds: .nan), "--budget"),
        (CheckOptions(budgetSeconds: 500), "--budget"),
        (CheckOptions(samples: 9), "--samples"),
        (CheckOptions(samples: 201), "--samples"),
        (CheckOptions(spacingMs: 5), "--spacing"),
        (CheckOptions(budgetSeconds: 1, samples: 40, spacingMs: 100), "--samples"),
        (CheckOptions(homeRegion: "xx1"), "--home-region"),
        (CheckOptions(queueRegion: "xx1"), "--queue-region"),
        (CheckOptions(iceServers: [IceServerEntry(urls: ["http://nope"])]), "--ice-servers [0].urls[0]"),
    ])
    func errors(_ options: CheckOptions, _ location: String) {
        #expect { _ = try CheckPlanner.plan(profile: Self.profile(), options: options) } throws: { error in
            (error as? CheckPlanError)?.location == location
        }
    }

    @Test("a malformed URI in the profile names its key path")
    func badProfileURI() {
        var profile = Self.profile()
        profile.regions[1].turn[1] = "turn:[::1"
        #expect { _ = try CheckPlanner.plan(profile: profile, options: CheckOptions()) } throws: { error in
            (error as? CheckPlanError)?.location == "regions[1].turn[1]"
        }
    }

    @Test("every shipped profile plans with the defaults")
    func shippedProfilesPlan() throws {
        for name in ProfileCatalog.names {
            let profile = try #require(try ProfileCatalog.profile(named: name))
            let plan = try CheckPlanner.plan(profile: profile, options: CheckOptions())
            // Every region has a latency method, except twilio's in1 (no documented edge).
            #expect(plan.regions.allSatisfy { $0.stun != nil || !$0.latency.isEmpty || (name == "twilio" && $0.id == "in1") }, "\(name)")
        }
    }

    @Test("latency methods per region: STUN over UDP, TCP (the TURN/TCP URI), TLS (turns:), then the latency targets")
    func latencyMethods() throws {
        var profile = Self.profile()
        profile.regions[0].latency = ["tls:edge-jp1.example.test:443", "tcp:192.0.2.9:8443"]
        profile.steering = ["tcp:roaming.example.test:443", "stun:global.example.test:3478"]
        let plan = try CheckPlanner.plan(profile: profile, options: CheckOptions())
        let jp1 = try #require(plan.regions.first)
        #expect(jp1.stun?.description == "stun:jp1.example.test:3478")
        #expect(jp1.stunTcp?.description == "turn:jp1.example.test:3478?transport=tcp")
        #expect(jp1.stunTls?.description == "turns:jp1.example.test:443?transport=tcp")
        #expect(jp1.latency.map(\.description) == ["tls:edge-jp1.example.test:443", "tcp:192.0.2.9:8443"])
        #expect(plan.dnsNames == ["jp1.example.test", "us1.example.test", "edge-jp1.example.test"])
        #expect(plan.steering.map(\.host) == ["roaming.example.test", "global.example.test"])
        #expect(plan.steering.map(\.method) == [.tcpConnect, .stunUdp])
        // Without TURN, the stun: URIs give STUN over TCP and TLS.
        let bare = try CheckPlanner.plan(profile: Self.profile(turn: false), options: CheckOptions())
        #expect(bare.regions[0].stunTcp?.description == "stun:jp1.example.test:3478")
        #expect(bare.regions[0].stunTls?.description == "stuns:jp1.example.test:5349")
        var bad = Self.profile()
        bad.regions[1].latency = ["tcp:nope"]
        #expect { _ = try CheckPlanner.plan(profile: bad, options: CheckOptions()) } throws: { error in
            (error as? CheckPlanError)?.location == "regions[1].latency[0]"
        }
    }

    @Test("the twilio profile: edges timed on 443, the global STUN name for UDP and NAT, steering names apart from DNS facts")
    func twilioPlan() throws {
        let profile = try #require(try ProfileCatalog.profile(named: "twilio"))
        let plan = try CheckPlanner.plan(profile: profile, options: CheckOptions())
        #expect(plan.regions.first?.latency.map(\.description) == ["tls:voice-js.tokyo.twilio.com:443"])
        #expect(plan.regions.allSatisfy { $0.stun == nil && $0.verified == false })
        // The global TURN name is every region's: it times none of them.
        #expect(plan.regions.allSatisfy { $0.stunTcp == nil && $0.stunTls == nil })
        #expect(plan.natServers.map(\.description) == ["stun:global.stun.twilio.com:3478"])
        #expect(plan.gatherStun.map(\.description) == ["stun:global.stun.twilio.com:3478"])
        #expect(plan.steering.map(\.host) == ["voice-js.roaming.twilio.com", "global.stun.twilio.com", "global.turn.twilio.com"])
        #expect(!plan.dnsNames.contains("voice-js.roaming.twilio.com"))
        #expect(plan.dnsNames.contains("voice-js.sao-paulo.twilio.com"))
    }

    @Test("local facts parsers: default routes and tunnel-like interfaces")
    func localFacts() {
        let route = """
        Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
        eth0\t0000A8C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0
        eth0\t00000000\t0100A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0
        wg0\t00000000\t00000000\t0001\t0\t0\t50\t00000000\t0\t0\t0
        """
        #expect(CheckLocalFacts.defaultRouteInterface(procNetRoute: route) == "wg0")
        #expect(CheckLocalFacts.defaultRouteInterface(procNetRoute: "garbage\n\n1 2 3") == nil)
        let v6 = "00000000000000000000000000000000 00 00000000000000000000000000000000 00 fe800000000000000000000000000001 00000400 00000001 00000000 00000003 eth0\n"
        #expect(CheckLocalFacts.hasIPv6DefaultRoute(procNetIPv6Route: v6))
        let rejected = "00000000000000000000000000000000 00 00000000000000000000000000000000 00 00000000000000000000000000000000 ffffffff 00000001 00000000 00200200 lo\n"
        #expect(!CheckLocalFacts.hasIPv6DefaultRoute(procNetIPv6Route: rejected))
        #expect(CheckLocalFacts.isTunnelLike(name: "tun0", mtu: 1500))
        #expect(CheckLocalFacts.isTunnelLike(name: "eth0", mtu: 1280))
        #expect(!CheckLocalFacts.isTunnelLike(name: "eth0", mtu: 1500))
        #expect(CheckLocalFacts.isGlobalIPv6("2001:db8::1") && !CheckLocalFacts.isGlobalIPv6("fe80::1") && !CheckLocalFacts.isGlobalIPv6("fd00::2"))
        let facts = CheckLocalFacts(interfaces: [.init(name: "wg0", up: true, mtu: 1420, ipv4: ["10.0.0.2"], ipv6: ["2001:db8::2"])],
                                    defaultRouteInterface: "wg0", ipv6DefaultRoute: true)
        #expect(facts.vpnLikeDefaultRoute == true && facts.ipv6Available && facts.hasIPv4)
    }
}
