import ProbeTransport
import Diagnosis
import StunWire

/// What one ``NatExchange`` saw: every send time, the answer (if any), answers refused because
/// of their source, and why it ended without an answer.
struct NatExchangeResult: Sendable {
    var destination: TransportAddress
    var sendTimes: [UInt64] = []
    var startedAt: UInt64
    var finishedAt: UInt64
    var arrival: NatArrival?
    /// Sources of answers with the right transaction ID that were not accepted.
    var rejectedSources: [String] = []
    var error: TransportError?
    /// True when the schedule ran out without an answer (as opposed to a socket failure).
    var timedOut = false

    init(destination: TransportAddress, startedAt: UInt64, finishedAt: UInt64) {
        self.destination = destination
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }

    var answered: Bool { arrival != nil }

    /// The round-trip time by Karn's rule: only when the request was sent once.
    var rtt: UInt64? {
        guard let arrival, sendTimes.count == 1, let first = sendTimes.first else { return nil }
        return arrival.receivedAt.subtractingSaturating(first)
    }

    /// From the first send to the answer: the round-trip time when sent once, otherwise an upper
    /// bound of it (used to size waits conservatively).
    var elapsedToAnswer: UInt64? {
        guard let arrival, let first = sendTimes.first else { return nil }
        return arrival.receivedAt.subtractingSaturating(first)
    }

    /// The success response, when the answer was one.
    var success: StunMessage? {
        guard let message = arrival?.message, message.messageClass == .successResponse else { return nil }
        return message
    }

    /// The error response's code when the answer was an error response (0 when it carried no
    /// valid ERROR-CODE).
    var errorResponseCode: Int? {
        guard let message = arrival?.message, message.messageClass == .errorResponse else { return nil }
        let attribute: ErrorCode?? = try? message.attribute(ErrorCode.self)
        return (attribute ?? nil)?.code ?? 0
    }
}

extension NatExchangeResult {
    /// The facts Diagnosis' ``NatTestRules`` judge.
    var summary: NatExchangeSummary {
        NatExchangeSummary(answered: answered, succeeded: success != nil, errorResponseCode: errorResponseCode,
                           timedOut: timedOut, unreachable: error?.kind == .unreachable,
                           refusedSourceCount: rejectedSources.count, requestsSent: sendTimes.count,
                           ranForNanoseconds: finishedAt.subtractingSaturating(startedAt))
    }
}
