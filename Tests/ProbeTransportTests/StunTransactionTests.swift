import Testing
import StunWire
@testable import ProbeTransport

private func ms(_ value: UInt64) -> UInt64 { Nanoseconds.milliseconds(value) }

struct StunTransactionTests {
    @Test func unansweredRequestFollowsTheRFCScheduleAndTimesOutAt39Point5Seconds() async {
        let channel = ScriptedChannel { _, _, _ in [] }
        let start = channel.manualClock.now
        let transaction = StunTransaction(request: StunSamples.bindingRequest(), destination: StunSamples.server,
                                          deadline: .max)
        let outcome = await transaction.run(over: channel)
        #expect(channel.sendTimes.map { $0 - start } == [0, 500, 1_500, 3_500, 7_500, 15_500, 31_500].map(ms))
        #expect(outcome.requestsSent == 7)
        #expect(outcome.retransmissions == 6)
        #expect(outcome.error?.kind == .timeout)
        #expect(outcome.finishedAt - start == ms(39_500))
        #expect(outcome.rtt == nil)
        #expect(outcome.error?.message.contains("7 request(s)") == true)
    }

    @Test func overallDeadlineCapsTheSchedule() async {
        let channel = ScriptedChannel { _, _, _ in [] }
        let start = channel.manualClock.now
        let transaction = StunTransaction(request: StunSamples.bindingRequest(), destination: StunSamples.server,
                                          deadline: start + ms(5_000))
        let outcome = await transaction.run(over: channel)
        #expect(channel.sendTimes.map { $0 - start } == [0, 500, 1_500, 3_500].map(ms))
        #expect(outcome.error?.kind == .timeout)
        #expect(outcome.finishedAt - start == ms(5_000))
    }

    @Test func answerToTheFirstSendGivesAnRTT() async throws {
        let channel = ScriptedChannel { request, destination, _ in
            [.init(delay: ms(30), bytes: StunSamples.response(to: request), source: destination)]
        }
        let request = StunSamples.bindingRequest()
        let outcome = await StunTransaction(request: request, destination: StunSamples.server, deadline: .max).run(over: channel)
        let response = try #require(outcome.response)
        #expect(response.message.transactionID == request.transactionID)
        #expect(try response.message.attribute(XorMappedAddress.self)?.address == StunSamples.mapped)
        #expect(response.source == StunSamples.server)
        #expect(outcome.rtt == ms(30))
        #expect(outcome.rttAmbiguous == false)
        #expect(outcome.retransmissions == 0)
        #expect(outcome.strays.isEmpty)
    }

    @Test func answerAfterRetransmissionsHasNoRTTByKarn() async throws {
        // Only the third transmission is answered, 10 ms later.
        let channel = ScriptedChannel { request, destination, index in
            index == 2 ? [.init(delay: ms(10), bytes: StunSamples.response(to: request), source: destination)] : []
        }
        let outcome = await StunTransaction(request: StunSamples.bindingRequest(), destination: StunSamples.server,
                                            deadline: .max).run(over: channel)
        #expect(outcome.response != nil)
        #expect(outcome.retransmissions == 2)
        #expect(outcome.rtt == nil)
        #expect(outcome.rttAmbiguous)
        #expect(outcome.elapsedSinceFirstSend == ms(1_510))
    }

    @Test func lateAnswerToTheFirstSendIsStillAmbiguous() async throws {
        // The first transmission is answered after 700 ms, after the retransmission at 500 ms.
        let channel = ScriptedChannel { request, destination, index in
            index == 0 ? [.init(delay: ms(700), bytes: StunSamples.response(to: request), source: destination)] : []
        }
        let outcome = await StunTransaction(request: StunSamples.bindingRequest(), destination: StunSamples.server,
                                            deadline: .max).run(over: channel)
        #expect(outcome.response != nil)
        #expect(outcome.requestsSent == 2)
        #expect(outcome.rtt == nil)
        #expect(outcome.elapsedSinceFirstSend == ms(700))
    }

    @Test func hostilePacketsAreCountedAsStraysAndTheRealAnswerIsAccepted() async throws {
        let other = TransportAddress("198.51.100.9:3478")!
        let channel = ScriptedChannel { request, destination, _ in
            var wrongID = StunMessage(method: .binding, messageClass: .successResponse, transactionID: .random())
            wrongID.append(XorMappedAddress(TransportAddress("192.0.2.99:1")!))
            let good = StunSamples.response(to: request)
            var truncated = good
            truncated.removeLast(4)
            var hugeLength = good
            hugeLength[2] = 0xFF; hugeLength[3] = 0xFC
            return [
                .init(delay: ms(1), bytes: [0xDE, 0xAD, 0xBE, 0xEF], source: destination),
                .init(delay: ms(2), bytes: wrongID.encode(), source: destination),
                .init(delay: ms(3), bytes: good, source: other),
                .init(delay: ms(4), bytes: truncated, source: destination),
                .init(delay: ms(5), bytes: hugeLength, source: destination),
                .init(delay: ms(6), bytes: request, source: destination),   // our request reflected
                .init(delay: ms(7), bytes: StunSamples.response(to: request, method: .allocate), source: destination),
                .init(delay: ms(8), bytes: [], source: destination),
                .init(delay: ms(9), bytes: good, source: nil),
                .init(delay: ms(20), bytes: good, source: destination),
            ]
        }
        let outcome = await StunTransaction(request: StunSamples.bindingRequest(), destination: StunSamples.server,
                                            deadline: .max).run(over: channel)
        let response = try #require(outcome.response)
        #expect(response.receivedAt - outcome.sendTimes[0] == ms(20))
        #expect(outcome.rtt == ms(20))
        #expect(outcome.strays.map(\.reason) == [
            .notStun, .wrongTransactionID, .wrongSource, .malformed, .malformed, .notAResponse, .wrongMethod,
            .notStun, .wrongSource,
        ])
        #expect(outcome.strays[2].source == other.description)
    }

    @Test func lateAnswersToEarlierTransactionsAreNamedAsSuch() async throws {
        let earlier = StunSamples.bindingRequest()
        let channel = ScriptedChannel { request, destination, _ in
            [.init(delay: ms(1), bytes: StunSamples.response(to: earlier.encode()), source: destination),
             .init(delay: ms(2), bytes: StunSamples.response(to: request), source: destination)]
        }
        var transaction = StunTransaction(request: StunSamples.bindingRequest(), destination: StunSamples.server, deadline: .max)
        transaction.earlierTransactionIDs = [earlier.transactionID]
        let outcome = await transaction.run(over: channel)
        #expect(outcome.response != nil)
        #expect(outcome.strays.map(\.reason) == [.lateAnswer])
    }

    @Test func responsesFromAnAcceptedOtherAddressAreTaken() async throws {
        let other = TransportAddress("198.51.100.9:3479")!
        let channel = ScriptedChannel { request, _, _ in
            [.init(delay: ms(15), bytes: StunSamples.response(to: request), source: other)]
        }
        let outcome = await StunTransaction(request: StunSamples.bindingRequest(), destination: StunSamples.server,
                                            acceptedSources: [other], deadline: .max).run(over: channel)
        #expect(outcome.response?.source == other)
        #expect(outcome.strays.isEmpty)
    }

    @Test func errorResponsesCompleteTheTransaction() async throws {
        let channel = ScriptedChannel { request, destination, _ in
            [.init(delay: ms(5), bytes: StunSamples.response(to: request, messageClass: .errorResponse), source: destination)]
        }
        let outcome = await StunTransaction(request: StunSamples.bindingRequest(), destination: StunSamples.server,
                                            deadline: .max).run(over: channel)
        #expect(outcome.response?.message.messageClass == .errorResponse)
    }

    @Test func channelErrorsEndTheTransactionAtOnce() async {
        let channel = ScriptedChannel(failure: TransportError(.refused, "ICMP port unreachable")) { _, _, _ in [] }
        let outcome = await StunTransaction(request: StunSamples.bindingRequest(), destination: StunSamples.server,
                                            deadline: .max).run(over: channel)
        #expect(outcome.error?.kind == .refused)
        #expect(outcome.requestsSent == 1)
    }

    @Test func adaptiveScheduleRetransmitsFaster() async {
        let channel = ScriptedChannel { _, _, _ in [] }
        let start = channel.manualClock.now
        let schedule = RetransmissionSchedule.adaptive(measuredRTT: ms(20), requestCount: 4, lastWaitMultiplier: 4)
        let outcome = await StunTransaction(request: StunSamples.bindingRequest(), destination: StunSamples.server,
                                            schedule: schedule, deadline: .max).run(over: channel)
        #expect(channel.sendTimes.map { $0 - start } == [0, 100, 300, 700].map(ms))
        #expect(outcome.finishedAt - start == ms(1_100))
    }
}
