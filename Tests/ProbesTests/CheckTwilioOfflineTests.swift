import Foundation
import Testing
import ProbeTransport

/// The shipped `twilio` profile names real, public hosts, so it runs only inside an empty network
/// namespace (a down loopback, no routes: no packet can leave). There no name resolves: each
/// region must come out "not measured" with its methods' `dns` errors, never `region-unreachable`,
/// and the steering names unresolved; not-ready comes from DNS alone. (Unverified targets that
/// resolve but stay silent are covered by `RegionLatencyMethodTests`.) Root and `ip` needed (see
/// `NoNetworkPrerequisites`).
@Suite(.enabled(if: NoNetworkPrerequisites.enabled, "needs root, the `ip` tool and the built iceprobe (set ICEPROBE_REQUIRE_INTEGRATION=1 to fail instead)"))
struct CheckTwilioOfflineTests {
    @Test("twilio profile offline: regions not measured with their dns errors, no region failure, within a 2 s budget")
    func twilioOffline() async throws {
        let ip = try #require(NoNetworkPrerequisites.ipTool, "the ip tool is missing")
        let binary = try #require(IceprobeBinary.path, "iceprobe executable not found next to the test bundle")
        try await NoNetworkPrerequisites.withScratchNamespace("iceprobe-twl", ip: ip) { namespace, _ in
            let clock = SystemClock()
            let start = clock.now
            let result = try await Coturn.run(ip, ["netns", "exec", namespace, binary, "check", "--profile", "twilio",
                                                   "--budget", "2", "--format", "json"], timeoutSeconds: 20)
            let wallMs = Nanoseconds.toMilliseconds(clock.elapsed(since: start))
            #expect(wallMs < 3_500, "a 2 s budget took \(wallMs) ms")
            let brace = try #require(result.output.firstIndex(of: "{"), "no JSON: \(result.output)")
            let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output[brace...].utf8)) as? [String: Any])
            let regions = object["regions"] as? [[String: Any]] ?? []
            #expect(regions.count == 9)
            for region in regions {
                let id = region["id"] as? String ?? "?"
                #expect(region["reachable"] is NSNull, "\(id): \(region)")
                #expect(region["method"] is NSNull, "\(id)")
                // Nothing could be sent (no name resolves): not measured, no "silent" note.
                #expect(region["note"] is NSNull, "\(id): \(region)")
                if id == "in1" {
                    #expect(region["methods"] is NSNull, "in1 has no target: nothing tried")
                } else {
                    let methods = region["methods"] as? [[String: Any]] ?? []
                    #expect(methods.first?["method"] as? String == "tcp-connect", "\(id): \(methods)")
                    #expect(methods.first?["error"] as? String == "dns", "\(id): \(methods)")
                    #expect(methods.first?["sent"] as? Int == 0, "\(id): \(methods)")
                    #expect((methods.first?["target"] as? String)?.hasPrefix("tls:voice-js.") == true)
                }
            }
            let ids = (object["findings"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(!ids.contains("region-unreachable"), "\(ids)")
            #expect(ids.contains("dns-failure"), "\(ids)")
            let steering = object["steering"] as? [[String: Any]] ?? []
            #expect(steering.compactMap { $0["name"] as? String } == ["voice-js.roaming.twilio.com", "global.stun.twilio.com", "global.turn.twilio.com"])
            #expect(steering.allSatisfy { ($0["answer"] as? [Any])?.isEmpty == true && ($0["error"] as? String)?.hasPrefix("dns") == true }, "\(steering)")
            #expect(object["verdict"] as? String == "not-ready")
            #expect(result.status == 1, "\(result.output)")
        }
    }
}
