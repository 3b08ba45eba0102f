import Foundation
import Testing
@testable import Diagnosis
import IceprobeTestSupport

/// The profile parser: every shipped profile parses and matches its file; every malformed
/// input is a `ProfileError` naming where (key path, line for syntax errors) and what.
struct ProfileParserTests {
    static let profilesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Profiles")

    static let minimal = #"{"schemaVersion": 1, "name": "t", "regions": [{"id": "jp1", "stun": ["stun:a.example:3478"]}]}"#

    func parse(_ text: String) throws(ProfileError) -> Profile {
        try ProfileParser.parse(Array(text.utf8), source: "test.json")
    }

    @Test("every shipped profile parses, and the embedded copy equals Profiles/NAME.json")
    func shippedProfiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.profilesDirectory.path)
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
        #expect(files == ProfileCatalog.names)
        #expect(Set(files).isSuperset(of: ["twilio", "generic", "lab"]))
        for name in ProfileCatalog.names {
            let file = try String(contentsOf: Self.profilesDirectory.appendingPathComponent("\(name).json"), encoding: .utf8)
            #expect(file.trimmingCharacters(in: .newlines) == ProfileCatalog.text(named: name),
                    "Profiles/\(name).json differs from its embedded copy in ProfileCatalog.swift")
            let profile = try #require(try ProfileCatalog.profile(named: name))
            #expect(profile.name == name)
            #expect(!profile.regions.isEmpty)
        }
        #expect(try ProfileCatalog.profile(named: "nope") == nil)
    }

    @Test("the twilio profile carries the field facts and marks them unverified")
    func twilio() throws {
        let profile = try #require(try ProfileCatalog.profile(named: "twilio"))
        #expect(profile.regions.map(\.id) == ["jp1", "us1", "us2", "ie1", "de1", "sg1", "au1", "br1", "in1"])
        #expect(profile.regions.allSatisfy { $0.verified == false && $0.note != nil })
        #expect(profile.homeRegion == "jp1" && profile.queueRegion == "us1")
        #expect(profile.region("jp1")?.addressRanges.first == "13.115.244.0-13.115.244.31")
        // Only documented, resolvable names: no region STUN address (none is documented), each
        // edge's Voice JS SDK endpoint on 443, the roaming and global names as steering names.
        #expect(profile.regions.allSatisfy { $0.stun.isEmpty })
        let edges = ["jp1": "tokyo", "us1": "ashburn", "us2": "umatilla", "ie1": "dublin", "de1": "frankfurt",
                     "sg1": "singapore", "au1": "sydney", "br1": "sao-paulo"]
        for region in profile.regions {
            #expect(region.edge == edges[region.id])
            #expect(region.latency == (edges[region.id].map { ["tls:voice-js.\($0).twilio.com:443"] } ?? []))
        }
        #expect(profile.steering == ["tcp:voice-js.roaming.twilio.com:443", "stun:global.stun.twilio.com:3478",
                                     "tcp:global.turn.twilio.com:443"])
        let text = try #require(ProfileCatalog.text(named: "twilio"))
        let literal = try Regex(#"(stun|turns?|tcp|tls):\d+\.\d+\.\d+\.\d+"#)
        #expect(text.firstMatch(of: literal) == nil, "the twilio profile names an IP target")
        #expect(profile.region("us1")?.addressRanges.count == 4)
        #expect(profile.mediaRanges == ["168.86.128.0/18"] && profile.mediaPorts == "10000-60000")
        #expect(profile.thresholds == .defaults)
        #expect(profile.credentials.source == .options)
        #expect(profile.mediaTopology == .clientToServer, "Twilio Voice media goes to public media servers")
    }

    @Test("mediaTopology: peer-to-peer by default, client-to-server when stated, anything else a located error")
    func mediaTopology() throws {
        #expect(try parse(Self.minimal).mediaTopology == .peerToPeer)
        let stated = Self.minimal.dropLast() + #", "mediaTopology": "client-to-server"}"#
        #expect(try parse(String(stated)).mediaTopology == .clientToServer)
        #expect(try ProfileCatalog.profile(named: "lab")?.mediaTopology == .peerToPeer)
        let wrong = Self.minimal.dropLast() + #", "mediaTopology": "mesh"}"#
        do {
            _ = try parse(String(wrong))
            Issue.record("mesh accepted")
        } catch {
            #expect(error.path == "mediaTopology", "\(error)")
            #expect("\(error)".contains("'mesh' is not one of peer-to-peer, client-to-server"), "\(error)")
        }
    }

    @Test("the lab profile matches the lab: two regions, inter-region RTT, static credentials")
    func lab() throws {
        let profile = try #require(try ProfileCatalog.profile(named: "lab"))
        #expect(profile.regions.map(\.id) == ["jp1", "us1"])
        #expect(profile.region("jp1")?.stun == ["stun:jp1.iceprobe.test:3478"])
        #expect(profile.interRegionRtt("us1", "jp1") == 170)
        #expect(profile.credentials.source == .static && profile.credentials.username == "agent")
        #expect(!profile.credentials.description.contains("lab-turn-password"))
        #expect(!"\(profile)".contains("lab-turn-password"))
    }

    @Test("a minimal profile gets the defaults")
    func minimalDefaults() throws {
        let profile = try parse(Self.minimal)
        #expect(profile.name == "t" && profile.regions.count == 1)
        #expect(profile.regions[0].name == "jp1")
        #expect(profile.homeRegion == nil && profile.queueRegion == nil)
        #expect(profile.thresholds == .defaults && profile.credentials.source == .options)
        #expect(profile.mediaPorts == "10000-60000")
    }

    @Test("partial thresholds keep the other defaults")
    func partialThresholds() throws {
        let profile = try parse(#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a"}], "thresholds": {"rttWarningMs": 250}}"#)
        #expect(profile.thresholds.rttWarningMs == 250)
        #expect(profile.thresholds.jitterWarningMs == Thresholds.defaults.jitterWarningMs)
    }

    static let bad: [(String, String, String)] = [
        // (document, expected path, a word the message must contain)
        (#"[1, 2]"#, "", "object"),
        (#"{"name": "t", "regions": [{"id": "a"}]}"#, "schemaVersion", "missing"),
        (#"{"schemaVersion": 2, "name": "t", "regions": [{"id": "a"}]}"#, "schemaVersion", "not supported"),
        (#"{"schemaVersion": "1", "name": "t", "regions": [{"id": "a"}]}"#, "schemaVersion", "number"),
        (#"{"schemaVersion": 1, "regions": [{"id": "a"}]}"#, "name", "missing"),
        (#"{"schemaVersion": 1, "name": "t"}"#, "regions", "missing"),
        (#"{"schemaVersion": 1, "name": "t", "regions": []}"#, "regions", "at least one"),
        (#"{"schemaVersion": 1, "name": "t", "regions": {}}"#, "regions", "array"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a"}], "regoins": 1}"#, "regoins", "unknown key"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a"}, {"id": "B"}]}"#, "regions[1].id", "a-z"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a"}, {"id": "a"}]}"#, "regions[1].id", "duplicate"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"name": "x"}]}"#, "regions[0].id", "missing"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a", "stun": ["turn:x"]}]}"#, "regions[0].stun[0]", "stun:"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a", "stun": [3]}]}"#, "regions[0].stun[0]", "string"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a", "turn": ["stun:x"]}]}"#, "regions[0].turn[0]", "turn:"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a", "addressRanges": ["10.0.0.9-10.0.0.1"]}]}"#, "regions[0].addressRanges[0]", "ascending"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a", "addressRanges": ["10.0.0.0/33"]}]}"#, "regions[0].addressRanges[0]", "IPv4"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a", "addressRanges": ["300.0.0.0"]}]}"#, "regions[0].addressRanges[0]", "IPv4"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a", "addressRanges": ["2001:db8::/129"]}]}"#, "regions[0].addressRanges[0]", "IPv6"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a", "verified": "no"}]}"#, "regions[0].verified", "true or false"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a"}], "homeRegion": "jp1"}"#, "homeRegion", "not a region"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a"}], "queueRegion": "us1"}"#, "queueRegion", "not a region"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a"}, {"id": "b"}], "interRegionRttMs": {"a": {"c": 1}}}"#, "interRegionRttMs.a.c", "unknown key"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a"}, {"id": "b"}], "interRegionRttMs": {"a": {"b": -1}}}"#, "interRegionRttMs.a.b", ">= 0"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a"}], "thresholds": {"rttWarning": 1}}"#, "thresholds.rttWarning", "unknown key"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a"}], "thresholds": {"jitterWarningMs": true}}"#, "thresholds.jitterWarningMs", "number"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a"}], "thresholds": {"oneWayPreferredMs": 500}}"#, "thresholds.oneWayAcceptableMs", "oneWayPreferredMs"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a"}], "thresholds": {"lossWarningPercent": 101}}"#, "thresholds.lossWarningPercent", "100"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a"}], "credentials": {"source": "token"}}"#, "credentials.source", "not one of"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a"}], "credentials": {"source": "static", "secretEnv": "X"}}"#, "credentials.username", "missing"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a"}], "credentials": {"source": "static", "username": "u"}}"#, "credentials", "exactly one"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a"}], "credentials": {"source": "none", "secret": "s3cr3t-value"}}"#, "credentials", "takes no"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a"}], "mediaPorts": "70000"}"#, "mediaPorts", "port"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a"}], "mediaRanges": ["x"]}"#, "mediaRanges[0]", "IPv4"),
        (#"{"schemaVersion": 1, "name": "", "regions": [{"id": "a"}]}"#, "name", "empty"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a", "latency": ["https://x"]}]}"#, "regions[0].latency[0]", "tcp:HOST:PORT"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a", "latency": ["tcp:x"]}]}"#, "regions[0].latency[0]", "needs a port"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a", "latency": ["tls:x:99999"]}]}"#, "regions[0].latency[0]", "1-65535"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a", "edge": 3}]}"#, "regions[0].edge", "string"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a"}], "steering": ["turn:x"]}"#, "steering[0]", "steering names"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a"}], "steering": "tcp:x"}"#, "steering[0]", "needs a port"),
        (#"{"schemaVersion": 1, "name": "t", "regions": [{"id": "a"}], "thresholds": {"steeringExtraOneWayMs": -5}}"#, "thresholds.steeringExtraOneWayMs", ">= 0"),
    ]

    @Test("malformed profiles give the key path and what is wrong", arguments: 0..<bad.count)
    func malformed(_ index: Int) {
        let (text, path, word) = Self.bad[index]
        do {
            _ = try parse(text)
            Issue.record("parsed, but should have failed at \(path)")
        } catch {
            #expect(error.path == path, "\(error)")
            #expect(error.message.contains(word), "\(error)")
            #expect(error.source == "test.json")
            #expect(!error.description.contains("s3cr3t-value"))
            #expect(error.description.hasPrefix("profile test.json:1: "), "\(error)")
        }
    }

    @Test("a syntax error names the line")
    func syntaxLine() {
        let text = "{\n  \"schemaVersion\": 1,\n  \"name\": \"t\",\n  \"regions\": [ { \"id\": \"a\", } ]\n"
        do {
            _ = try parse(text)
            Issue.record("parsed a broken document")
        } catch {
            #expect(error.message.hasPrefix("not valid JSON"), "\(error)")
            #expect(error.line == 4, "\(error)")
            #expect(error.description.hasPrefix("profile test.json:4: "), "\(error)")
        }
    }

    @Test("a semantic error names the line of the offending value")
    func semanticLine() {
        let text = "{\n  \"schemaVersion\": 1,\n  \"name\": \"t\",\n  \"regions\": [\n    {\"id\": \"a\"},\n    {\"id\": \"b\", \"stun\": [\n      \"turn:x\"]}\n  ]\n}\n"
        do {
            _ = try parse(text)
            Issue.record("parsed a stun list holding a turn: URI")
        } catch {
            #expect(error.path == "regions[1].stun[0]")
            #expect(error.line == 7, "\(error)")
        }
    }

    @Test("syntax errors the reader must catch", arguments: [
        "{\"a\": 01}", "{\"a\": 1.}", "{\"a\": -}", "{\"a\": tru}", "{\"a\": \"x\\q\"}", "{\"a\": \"\\ud800\"}",
        "{\"a\": 1, \"a\": 2}", "{\"a\" 1}", "[1 2]", "{} x", "\"open", "{\"a\": 1e999}", String(repeating: "[", count: 100),
    ])
    func syntax(_ text: String) {
        #expect(throws: ProfileError.self) { _ = try parse(text) }
    }

    @Test("the reader decodes escapes and nesting")
    func readerValues() throws {
        var reader = ProfileJSONReader(Array(#"{"a": ["x\n\u00e9\ud83d\ude00", -1.5e2, true, null, {}]}"#.utf8))
        let value = try reader.read()
        #expect(value == .object(["a": .array([.string("x\né😀"), .number(-150), .bool(true), .null, .object([:])])]))
        #expect(reader.lines["a[1]"] == 1)
    }

    @Test("binary garbage, empty input and huge input are errors, not crashes")
    func garbage() {
        for bytes: [UInt8] in [[], [0xff, 0xfe, 0x00], Array("{".utf8), Array(repeating: 0x20, count: ProfileParser.maximumBytes + 1)] {
            #expect(throws: ProfileError.self) { _ = try ProfileParser.parse(bytes, source: "x") }
        }
        var generator = SplitMix64(seed: 0x9F0F_11E5)
        let base = Array(Self.minimal.utf8)
        var parsed = 0, rejected = 0
        for _ in 0..<2000 {
            var mutated = base
            let index = Int.random(in: 0..<mutated.count, using: &generator)
            mutated[index] = UInt8.random(in: 0...255, using: &generator)
            do {
                // A profile that still parses is a real profile: one region, a name.
                let profile = try ProfileParser.parse(mutated, source: "fuzz")
                parsed += 1
                #expect(profile.regions.count == 1 && !profile.name.isEmpty, "byte \(index) changed: \(profile)")
            } catch {
                rejected += 1
                #expect(error.source == "fuzz" && !error.message.isEmpty, "\(error)")
            }
        }
        #expect(parsed > 0 && rejected > 0, "parsed \(parsed), rejected \(rejected)")
    }
}
