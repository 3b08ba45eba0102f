import Foundation
import Testing
@testable import Diagnosis

/// The media stream's figures, E-model, datagram verdicts and findings, from hand-made streams.
@Suite struct MediaFiguresTests {
    /// Packets sent every 20 ms from t = 0; `transits[i]` nil = lost; arrivals in time order.
    static func stream(_ transits: [Double?]) -> (sends: [Double?], arrivals: [MediaArrival]) {
        let sends: [Double?] = transits.indices.map { Double($0) * 20 }
        let arrivals = transits.enumerated().compactMap { index, transit in
            transit.map { MediaArrival(sequence: index, receivedAtMs: Double(index) * 20 + $0) }
        }.sorted { $0.receivedAtMs < $1.receivedAtMs }
        return (sends, arrivals)
    }

    @Test func cleanStreamHasNoLossNoJitter() throws {
        let (sends, arrivals) = Self.stream(Array(repeating: 10, count: 100))
        let leg = MediaLegFigures(sendTimesMs: sends, arrivals: arrivals)
        #expect(leg.sent == 100 && leg.received == 100 && leg.lost == 0 && leg.lossPercent == 0)
        #expect(leg.duplicates == 0 && leg.unexpected == 0)
        #expect(leg.jitterMs == 0 && leg.reorderedPercent == 0)
        #expect(leg.delayVariationMs == MediaLegFigures.Percentiles(p95: 0, p99: 0))
        #expect(leg.latePercent == MediaLegFigures.Late(buffer60Ms: 0, buffer100Ms: 0))
        #expect(leg.transitMs?.median == 10)
        #expect(leg.bursts?.burstRatio == nil)
    }

    /// Table: pattern of transits -> loss %, runs, longest run.
    @Test(arguments: [
        ("....x....x", 20.0, 2, 1),
        ("..xxx.....", 30.0, 1, 3),
        ("xx..xx..xx", 60.0, 3, 2),
        ("..........", 0.0, 0, 0),
    ])
    func lossRuns(pattern: String, loss: Double, runs: Int, longest: Int) throws {
        let transits: [Double?] = pattern.map { $0 == "x" ? nil : 5 }
        let (sends, arrivals) = Self.stream(transits)
        let leg = MediaLegFigures(sendTimesMs: sends, arrivals: arrivals, spacingMs: 20)
        #expect(leg.lossPercent == loss)
        #expect(leg.bursts?.bursts == runs)
        #expect(leg.bursts?.maxLength == longest)
    }

    @Test func rfc3550JitterFollowsTheFilter() {
        // Alternating transits 10, 20, 10, ...: |D| = 10 each time, J_n = 10 (1 - (15/16)^n).
        let transits = (0..<33).map { $0 % 2 == 0 ? 10.0 : 20.0 }
        let ratio: Double = 15.0 / 16.0
        let expected: Double = 10.0 * (1.0 - pow(ratio, 32.0))
        #expect(abs(MediaLegFigures.rfc3550Jitter(transits) - expected) < 1e-9)
        #expect(MediaLegFigures.rfc3550Jitter([5]) == 0)
        let (sends, arrivals) = Self.stream(transits)
        let leg = MediaLegFigures(sendTimesMs: sends, arrivals: arrivals)
        #expect(leg.jitterMs == ReportNumber.milliseconds(expected))
    }

    @Test func lateShareCountsPacketsBeyondTheBuffer() {
        // 100 packets: 90 at 10 ms, 6 at 80 ms (70 after the fastest: late for 60, in time for
        // 100), 2 at 130 ms (late for both), 2 lost.
        var transits: [Double?] = Array(repeating: 10, count: 90)
        transits += Array(repeating: 80, count: 6) + [130, 130, nil, nil]
        let (sends, arrivals) = Self.stream(transits)
        let leg = MediaLegFigures(sendTimesMs: sends, arrivals: arrivals)
        #expect(leg.latePercent == MediaLegFigures.Late(buffer60Ms: 8, buffer100Ms: 2))
        #expect(leg.usable.filter { !$0 }.count == 10)       // 8 late for 60 ms + 2 lost
        #expect(leg.delayVariationMs?.p99 == 120)
        #expect(leg.delayVariationMs?.p95 == 70)
    }

    @Test func duplicatesReorderingAndStrangersAreCounted() {
        let sends: [Double?] = [0, 20, 40, 60, nil]
        let arrivals = [
            MediaArrival(sequence: 0, receivedAtMs: 5),
            MediaArrival(sequence: 2, receivedAtMs: 45),
            MediaArrival(sequence: 1, receivedAtMs: 46),       // overtaken by 2: reordered
            MediaArrival(sequence: 1, receivedAtMs: 47),       // a second copy
            MediaArrival(sequence: 3, receivedAtMs: 65),
            MediaArrival(sequence: 4, receivedAtMs: 85),       // never sent
            MediaArrival(sequence: 99, receivedAtMs: 90),      // not in the stream
            MediaArrival(sequence: -1, receivedAtMs: 90),
            MediaArrival(sequence: 0, receivedAtMs: .nan),
        ]
        let leg = MediaLegFigures(sendTimesMs: sends, arrivals: arrivals)
        #expect(leg.sent == 4 && leg.received == 4 && leg.lost == 0)
        #expect(leg.duplicates == 1)
        #expect(leg.unexpected == 4)
        #expect(leg.reorderedPercent == 25)
    }

    @Test func nothingArrivedGivesNilFigures() {
        let leg = MediaLegFigures(sendTimesMs: [0, 20, 40], arrivals: [])
        #expect(leg.lossPercent == 100 && leg.received == 0)
        #expect(leg.jitterMs == nil && leg.transitMs == nil && leg.latePercent == nil && leg.reorderedPercent == nil)
        let empty = MediaLegFigures(sendTimesMs: [], arrivals: [])
        #expect(empty.lossPercent == nil && empty.bursts == nil)
    }

    /// G.107 with Bpl and BurstR: table of (Ta, Ppl, BurstR) -> R, computed by hand from
    /// R = 93.2 - Id - Ie,eff with Ie 0 and Bpl 25.1.
    static let eModelCases: [(ta: Double, ppl: Double, burstRatio: Double, r: Double)] = {
        let id100: Double = 2.4                                  // 0.024 x 100
        let id200: Double = 4.8 + 0.11 * 22.7                    // 0.024 x 200 + 0.11 x (200 - 177.3)
        let loss2: Double = 95.0 * 2.0 / (2.0 + 25.1)
        let loss2Bursty: Double = 95.0 * 2.0 / (2.0 / 3.0 + 25.1)
        let loss10: Double = 95.0 * 10.0 / (10.0 + 25.1)
        return [
            (0, 0, 1, 93.2),
            (100, 0, 1, 93.2 - id100),
            (200, 0, 1, 93.2 - id200),
            (100, 2, 1, 93.2 - id100 - loss2),
            (100, 2, 3, 93.2 - id100 - loss2Bursty),
            (100, 10, 1, 93.2 - id100 - loss10),
        ]
    }()

    @Test(arguments: MediaFiguresTests.eModelCases.indices)
    func eModelTable(index: Int) throws {
        let (ta, ppl, burstRatio, r) = Self.eModelCases[index]
        let model = try #require(MediaEModel(oneWayDelayMs: ta, effectiveLossPercent: ppl, burstRatio: burstRatio,
                                             equipmentImpairment: 0, packetLossRobustness: 25.1))
        #expect(abs(model.rFactor - r) < 0.001)
        #expect(abs(model.mos - (MosScale.mos(rFactor: r) ?? 0)) < 0.001)
    }

    @Test func burstsCostMoreThanRandomLossAtTheSameRate() throws {
        let random = try #require(MediaEModel(oneWayDelayMs: 80, effectiveLossPercent: 5, burstRatio: 1,
                                              equipmentImpairment: 0, packetLossRobustness: 25.1))
        let bursty = try #require(MediaEModel(oneWayDelayMs: 80, effectiveLossPercent: 5, burstRatio: 3,
                                              equipmentImpairment: 0, packetLossRobustness: 25.1))
        #expect(bursty.mos < random.mos)
    }

    @Test func eModelRejectsNonsense() {
        for (ta, ppl, burst, bpl) in [(-1.0, 0.0, 1.0, 25.1), (10, -1, 1, 25.1), (10, 101, 1, 25.1), (10, 1, 0, 25.1),
                                      (.nan, 1, 1, 25.1), (10, 1, 1, 0), (.infinity, 1, 1, 25.1)] {
            #expect(MediaEModel(oneWayDelayMs: ta, effectiveLossPercent: ppl, burstRatio: burst,
                                equipmentImpairment: 0, packetLossRobustness: bpl) == nil)
        }
    }

    /// Table: which sizes arrived -> largest, black hole at 1200.
    @Test(arguments: [
        ([true, true, true, true, true], 1472, false),
        ([true, true, false, false, false], 1200, false),
        ([true, false, false, false, false], 576, true),
        ([false, false, false, false, false], nil, nil),
        ([true, false, true, false, false], 1280, false),
    ] as [([Bool], Int?, Bool?)])
    func datagramVerdicts(arrived: [Bool], largest: Int?, blackHole: Bool?) {
        let results = zip(MediaDatagramResult.defaultSizes, arrived).map {
            MediaDatagramResult(bytes: $0, copiesSent: 1, arrived: $1)
        }
        #expect(MediaDatagramResult.largest(results) == largest)
        #expect(MediaDatagramResult.blackHole(results) == blackHole)
    }

    @Test func untriedSizesDecideNothing() {
        let results = [MediaDatagramResult(bytes: 576, copiesSent: 1, arrived: true),
                       MediaDatagramResult(bytes: 1200, copiesSent: 0, arrived: nil)]
        #expect(MediaDatagramResult.blackHole(results) == nil)
    }

    static func report(transits: [Double?], datagrams: [Bool] = [true, true, true, true, true],
                       codec: MediaCodec = .opus) -> MediaReport {
        let (sends, arrivals) = stream(transits)
        let forward = MediaLegFigures(sendTimesMs: sends, arrivals: arrivals)
        let streamReport = MediaStreamReport(forward: forward, back: forward, codec: codec)
        let results = zip(MediaDatagramResult.defaultSizes, datagrams).map {
            MediaDatagramResult(bytes: $0, copiesSent: 1, arrived: $1)
        }
        return MediaReport(server: "turn:relay.example.test:3478", resolvedAddress: "192.0.2.1:3478", transport: "udp",
                           codec: codec, seconds: 10, relayedAddresses: ["192.0.2.1:50000", "192.0.2.1:50002"],
                           datagrams: results, stream: streamReport, error: nil, deallocated: true, durationMs: 11_000)
    }

    /// Table: stream shape -> the findings the published targets give.
    @Test func findingsFollowThePublishedTargets() {
        let clean = Self.report(transits: Array(repeating: 20, count: 500))
        #expect(clean.ok && clean.verdict == .ready && clean.findings.isEmpty)

        // 2 % random loss: media-loss only (no 200 ms window loses more than 10 %).
        let lossy = Self.report(transits: (0..<500).map { $0 % 50 == 7 ? nil : 20 })
        #expect(lossy.findingIds == [.mediaLoss])
        #expect(!lossy.ok && lossy.verdict == .readyWithWarnings)

        // One run of 5 lost packets in 500 (1 %): not above 1 %, but 50 % of a 200 ms window.
        let burst = Self.report(transits: (0..<500).map { (100..<105).contains($0) ? nil : 20 })
        #expect(burst.findingIds == [.mediaBurstLoss])

        // Alternating transits 0 / 70 ms: jitter about 70 ms, half late for 60 ms.
        let jittery = Self.report(transits: (0..<500).map { $0 % 2 == 0 ? 0 : 70 })
        #expect(jittery.findingIds.contains(.mediaJitter) && jittery.findingIds.contains(.mediaLate))
        #expect(jittery.findingIds.contains(.mediaLowMos))

        // RTT 900 ms: media-high-rtt and low MOS.
        let far = Self.report(transits: Array(repeating: 900, count: 100))
        #expect(far.findingIds.contains(.mediaHighRtt) && far.findingIds.contains(.mediaLowMos))

        // 1200 bytes lost, 576 arrived: mtu-black-hole, a failure.
        let hole = Self.report(transits: Array(repeating: 20, count: 100), datagrams: [true, false, false, false, false])
        #expect(hole.findingIds == [.mtuBlackHole] && hole.verdict == .notReady && hole.maxDatagramBytes == 576)

        // Nothing came through.
        let dead = Self.report(transits: Array(repeating: nil, count: 100))
        #expect(dead.findingIds.contains(.mediaFailed) && dead.verdict == .notReady)
    }

    @Test func reorderingAboveTeamsTarget() {
        let sends: [Double?] = (0..<1000).map { Double($0) * 20 }
        var arrivals = (0..<1000).map { MediaArrival(sequence: $0, receivedAtMs: Double($0) * 20 + 5) }
        arrivals.swapAt(500, 501)                      // one of 1000 reordered: 0.1 % > 0.05 %
        let leg = MediaLegFigures(sendTimesMs: sends, arrivals: arrivals)
        #expect(leg.reorderedPercent == 0.1)
        let findings = MediaAssessment.findings(stream: MediaStreamReport(forward: leg, back: leg, codec: .pcmu),
                                                datagrams: [], failure: nil, subject: nil)
        #expect(findings.map(\.id) == [.mediaReordering])
    }

    @Test func jsonWritesNullForNotMeasured() throws {
        let failed = MediaReport(server: "turn:relay.example.test:3478", resolvedAddress: nil, transport: "tls", codec: .pcmu,
                                 seconds: 10, relayedAddresses: [], datagrams: [], stream: nil,
                                 error: .init(id: "wrong-credentials", stage: "allocate", message: "401"),
                                 deallocated: nil, durationMs: 12)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(failed), as: UTF8.self)
        for key in ["\"stream\":null", "\"maxDatagramBytes\":null", "\"resolvedAddress\":null", "\"deallocated\":null",
                    "\"kind\":\"media\"", "\"ok\":false", "\"findingIds\":[\"media-failed\"]"] {
            #expect(text.contains(key), "\(key) in \(text)")
        }
        let decoded = try JSONDecoder().decode(MediaReport.self, from: Data(text.utf8))
        #expect(decoded == failed)
        let full = Self.report(transits: (0..<100).map { $0 == 3 ? nil : 20 })
        let fullText = String(decoding: try encoder.encode(full), as: UTF8.self)
        for key in ["\"lossPercent\":1", "\"jitterMs\":0", "\"rttMs\":{\"median\":20", "\"latePercent\":{",
                    "\"burstRatio\":0.99", "\"mos\":", "\"returnLeg\":{"] {
            #expect(fullText.contains(key), "\(key) in \(fullText)")
        }
        #expect(try JSONDecoder().decode(MediaReport.self, from: Data(fullText.utf8)) == full)
        #expect(full.text().contains("burst ratio (G.113) 0.99"))
    }

    @Test func checkMediaFeedsTheVerdictAndTheChecks() throws {
        let lossy = Self.report(transits: (0..<500).map { $0 % 50 == 7 ? nil : 20 })
        let facts = ReadinessFacts(udpReachable: true, media: lossy)
        let assessment = ReadinessEvaluator.evaluate(facts)
        #expect(assessment.verdict == .readyWithWarnings)
        #expect(assessment.checks.last?.check == .media)
        #expect(assessment.checks.last?.findings == [.mediaLoss])
        #expect(assessment.findings.contains { $0.id == .mediaLoss && $0.check == .media })
        let hole = Self.report(transits: Array(repeating: 20, count: 100), datagrams: [true, false, false, false, false])
        #expect(ReadinessEvaluator.evaluate(ReadinessFacts(udpReachable: true, media: hole)).verdict == .notReady)
        #expect(!ReadinessEvaluator.evaluate(ReadinessFacts(udpReachable: true)).checks.contains { $0.check == .media })
    }

    @Test func siteRollsUpMediaScores() throws {
        func check(_ agent: String, media: MediaReport?) -> CheckReport {
            let facts = ReadinessFacts(udpReachable: true, media: media)
            return CheckReport(facts: facts, assessment: ReadinessEvaluator.evaluate(facts), site: "tokyo", agent: agent,
                               startedAt: Date(timeIntervalSince1970: 1_800_000_000), durationMs: 5_000, candidates: nil)
        }
        let clean = Self.report(transits: Array(repeating: 20, count: 500))
        let lossy = Self.report(transits: (0..<500).map { $0 % 10 == 3 ? nil : 20 })
        let failed = MediaReport(server: "turn:relay.example.test:3478", resolvedAddress: nil, transport: "udp", codec: .opus,
                                 seconds: 10, relayedAddresses: [], datagrams: [], stream: nil,
                                 error: .init(id: "timeout", stage: "allocate", message: "no answer"),
                                 deallocated: nil, durationMs: 5_000)
        let reports = [check("a", media: clean), check("b", media: lossy), check("c", media: failed), check("d", media: nil)]
        let site = try #require(SiteRollup.rollup(reports).first)
        let media = try #require(site.media)
        #expect(media.agents == 3 && media.failed == 1)
        #expect(media.mosMin == lossy.stream?.mos)
        #expect(media.belowMosTarget == ((lossy.stream?.mos ?? 5) < 3.5 ? 1 : 0))
        #expect(media.lossMedianPercent == 5)
        #expect(site.findings.contains { $0.id == .mediaLoss && $0.agents == 1 })
        #expect(SiteRollup.rollup([check("d", media: nil)]).first?.media == nil)
    }
}
