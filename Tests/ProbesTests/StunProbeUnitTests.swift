import Testing
import StunWire
import ProbeTransport
@testable import Probes

struct StunProbeUnitTests {
    static let summaries: [([Double], Double?, Double?, Double?)] = [
        ([], nil, nil, nil),
        ([5], 5, 5, 5),
        ([3, 1, 2], 1, 2, 3),
        ([4, 1, 3, 2], 1, 2.5, 4),
        ([0.1234567, 0.2], 0.123, 0.162, 0.2),
        ([.nan, 1], 1, 1, 1),
    ]

    @Test(arguments: summaries)
    func rttSummary(values: [Double], min: Double?, median: Double?, max: Double?) {
        let summary = StunRTTSummary(milliseconds: values)
        #expect(summary?.min == min)
        #expect(summary?.median == median)
        #expect(summary?.max == max)
        #expect(summary?.samples == (min == nil ? nil : values.filter(\.isFinite).count))
    }

    static let failures: [(TransportError, String)] = [
        (TransportError(.timeout, "t"), "timeout"),
        (TransportError(.dns, "d"), "dns"),
        (TransportError(.unreachable, "u"), "unreachable"),
        (TransportError(.refused, "r"), "refused"),
        (TransportError(.reset, "r"), "reset"),
        (TransportError(.closed, "c"), "reset"),
        (TransportError(.malformed, "m"), "malformed-response"),
        (TransportError(.tls(.untrustedCertificate), "x"), "tls-untrusted-certificate"),
        (TransportError(.tls(.nameMismatch), "x"), "tls-name-mismatch"),
        (TransportError(.tls(.expired), "x"), "tls-expired"),
        (TransportError(.tls(.protocolError), "x"), "tls-protocol"),
        (TransportError(.addressUnavailable, "x"), "configuration"),
    ]

    @Test(arguments: failures)
    func failureKinds(error: TransportError, kind: String) {
        #expect(StunProbeFailure(error).kind == kind)
        #expect(StunProbeFailure(error).message == error.message)
    }

    private func outcome(_ message: StunMessage?, sends: Int = 1, rttMs: UInt64 = 10, strays: Int = 0) -> StunTransactionOutcome {
        let sendTimes = (0..<sends).map { UInt64($0) * Nanoseconds.milliseconds(500) }
        let stray = StrayPacket(reason: .notStun, detail: "", source: nil, size: 1, receivedAt: 0)
        let result: Result<StunTransactionOutcome.Response, TransportError> = message.map {
            .success(.init(message: $0, source: TransportAddress("192.0.2.1:3478")!,
                           receivedAt: (sendTimes.last ?? 0) + Nanoseconds.milliseconds(rttMs)))
        } ?? .failure(TransportError(.timeout, "no response"))
        return StunTransactionOutcome(result: result, sendTimes: sendTimes,
                                      strays: Array(repeating: stray, count: strays), startedAt: 0, finishedAt: 0)
    }

    private func success(mapped: TransportAddress?, xor: Bool = true, other: TransportAddress? = nil) -> StunMessage {
        var message = StunMessage(method: .binding, messageClass: .successResponse, transactionID: .random())
        if let mapped { if xor { message.append(XorMappedAddress(mapped)) } else { message.append(MappedAddress(mapped)) } }
        if let other { message.append(OtherAddress(other)) }
        return message
    }

    @Test func natDetectedComparesMappedWithLocal() {
        var state = SampleState()
        state.record(outcome(success(mapped: TransportAddress("203.0.113.7:61000")!)))
        var observation = StunObservation(server: "stun:x:3478", transport: .udp)
        observation.localAddress = "10.0.0.2:50000"
        state.fill(&observation, failure: nil)
        #expect(observation.natDetected == true)
        #expect(observation.ok)
        observation.localAddress = "203.0.113.7:61000"
        state.fill(&observation, failure: nil)
        #expect(observation.natDetected == false)
    }

    @Test func karnExcludesRetransmittedSamplesFromRTT() {
        var state = SampleState()
        state.record(outcome(success(mapped: TransportAddress("192.0.2.9:1")!), sends: 1, rttMs: 12))
        state.record(outcome(success(mapped: TransportAddress("192.0.2.9:1")!), sends: 3, rttMs: 5))
        state.record(outcome(nil, sends: 2, strays: 2))
        var observation = StunObservation(server: "stun:x:3478", transport: .udp)
        state.fill(&observation, failure: nil)
        #expect(observation.rttMs?.samples == 1)
        #expect(observation.rttMs?.median == 12)
        #expect(observation.sent == 6)
        #expect(observation.received == 2)
        #expect(observation.retransmissions == 3)
        #expect(observation.lossPercent == 66.667)
        #expect(observation.strayPackets == 2)
        #expect(observation.ok)          // some samples succeeded
        #expect(observation.error == nil)
    }

    @Test func lateAnswersAreNeitherStraysNorLosses() {
        var state = SampleState()
        let late = StrayPacket(reason: .lateAnswer, detail: "", source: nil, size: 32, receivedAt: 0)
        let garbage = StrayPacket(reason: .notStun, detail: "", source: nil, size: 1, receivedAt: 0)
        var second = outcome(success(mapped: TransportAddress("192.0.2.9:1")!), sends: 1)
        second.strays = [late, garbage]
        state.record(outcome(success(mapped: TransportAddress("192.0.2.9:1")!), sends: 2))
        state.record(second)
        var observation = StunObservation(server: "stun:x:3478", transport: .udp)
        state.fill(&observation, failure: nil)
        #expect(observation.sent == 3)
        #expect(observation.received == 2)
        #expect(observation.strayPackets == 1)
        #expect(observation.lossPercent == 0)
    }

    @Test func rfc5780IsNullWithoutResponsesAndReflectsOtherAddress() {
        var observation = StunObservation(server: "stun:x:3478", transport: .udp)
        var none = SampleState()
        none.record(outcome(nil))
        none.fill(&observation, failure: nil)
        #expect(observation.rfc5780 == nil)
        #expect(observation.error?.kind == "timeout")

        var with = SampleState()
        with.record(outcome(success(mapped: TransportAddress("192.0.2.9:1")!, other: TransportAddress("192.0.2.10:3479")!)))
        with.fill(&observation, failure: nil)
        #expect(observation.rfc5780 == true)
        #expect(observation.otherAddress == "192.0.2.10:3479")

        var without = SampleState()
        without.record(outcome(success(mapped: TransportAddress("192.0.2.9:1")!, xor: false)))
        without.fill(&observation, failure: nil)
        #expect(observation.rfc5780 == false)
        #expect(observation.mappedAddress == "192.0.2.9:1")
    }
}
