/// What one NAT behaviour test exchange (a STUN Binding request and its retransmissions) saw,
/// reduced to the facts the test rules judge (``NatTestRules``). Filled by the NAT probe from
/// its socket exchange; no verdict here.
public struct NatExchangeSummary: Sendable, Hashable {
    /// Any answer with the right transaction ID arrived from an accepted source.
    public var answered: Bool
    /// That answer was a success response.
    public var succeeded: Bool
    /// The ERROR-CODE number when the answer was an error response (0 without a valid ERROR-CODE).
    public var errorResponseCode: Int?
    /// The retransmission schedule ran out without an answer (not a socket failure, not cut short).
    public var timedOut: Bool
    /// The exchange ended on a network-unreachable error (ICMP, no route).
    public var unreachable: Bool
    /// How many answers with the right transaction ID came from a source that was not accepted.
    public var refusedSourceCount: Int
    /// How many copies of the request were sent.
    public var requestsSent: Int
    /// Nanoseconds from the start of the exchange to its end.
    public var ranForNanoseconds: UInt64

    public init(answered: Bool, succeeded: Bool, errorResponseCode: Int? = nil, timedOut: Bool, unreachable: Bool,
                refusedSourceCount: Int, requestsSent: Int, ranForNanoseconds: UInt64) {
        self.answered = answered
        self.succeeded = succeeded
        self.errorResponseCode = errorResponseCode
        self.timedOut = timedOut
        self.unreachable = unreachable
        self.refusedSourceCount = refusedSourceCount
        self.requestsSent = requestsSent
        self.ranForNanoseconds = ranForNanoseconds
    }
}

/// The retransmission schedule a NAT test ran with, as far as the rules need it: how many
/// requests it plans, when it gives up, and how many unanswered sends make silence meaningful.
public struct NatSilenceRule: Sendable, Hashable {
    /// Requests the schedule plans.
    public var requestCount: Int
    /// Nanoseconds after the first send at which the schedule gives up.
    public var finalDeadlineNanoseconds: UInt64
    /// Unanswered sends after which silence is improbable as loss (``NatTiming``'s sendsForSilence).
    public var sendsForSilence: Int

    public init(requestCount: Int, finalDeadlineNanoseconds: UInt64, sendsForSilence: Int) {
        self.requestCount = requestCount
        self.finalDeadlineNanoseconds = finalDeadlineNanoseconds
        self.sendsForSilence = sendsForSilence
    }

    /// The exchange sent enough copies (every planned one, at most `sendsForSilence`) and ran the
    /// whole schedule without an answer.
    func heardSilence(_ exchange: NatExchangeSummary) -> Bool {
        exchange.timedOut && exchange.requestsSent >= min(sendsForSilence, requestCount)
            && exchange.ranForNanoseconds >= finalDeadlineNanoseconds
    }
}

/// The judgement of single NAT behaviour tests (RFC 5780 section 4), pure: each rule reads
/// ``NatExchangeSummary`` values and says answered (`true`), not answered (`false`), or not
/// decided (`nil`). ``NatClassifier`` turns the resulting ``NatObservations`` into the verdict.
public enum NatTestRules {
    /// A filtering test (CHANGE-REQUEST): answered from the changed address -> `true`; `false` only
    /// after the full schedule went unanswered with no answer refused for its source; an error
    /// response, an answer from the wrong address (the server ignored CHANGE-REQUEST), a socket
    /// failure or a schedule cut short by the deadline leave it undecided.
    public static func filtering(_ exchange: NatExchangeSummary?, rule: NatSilenceRule) -> Bool? {
        guard let exchange else { return nil }
        if exchange.answered { return exchange.succeeded ? true : nil }
        guard exchange.refusedSourceCount == 0, rule.heardSilence(exchange) else { return nil }
        return false
    }

    /// Combines one filtering test's verdicts from several fresh sockets: any "filtered" (false)
    /// wins, because leftover NAT permissions can only let extra answers in; otherwise "answered"
    /// when any socket was answered; nil when none decided.
    public static func mostRestrictive(_ verdicts: [Bool?]) -> Bool? {
        if verdicts.contains(false) { return false }
        return verdicts.contains(true) ? true : nil
    }

    /// Whether anything answers at the server's alternate address (mapping test III): any answer
    /// -> `true`; unreachable, or the full schedule unanswered -> `false`; otherwise undecided.
    public static func alternateAnswered(_ exchange: NatExchangeSummary, rule: NatSilenceRule) -> Bool? {
        if exchange.answered { return true }
        if exchange.unreachable { return false }
        return rule.heardSilence(exchange) ? false : nil
    }

    /// Hairpinning: our request sent to our own public address came back -> `true`; no answer
    /// after `sendsForSilence` sends -> `false`; otherwise undecided.
    public static func hairpinning(_ exchange: NatExchangeSummary, sendsForSilence: Int) -> Bool? {
        if exchange.answered { return true }
        return exchange.timedOut && exchange.requestsSent >= sendsForSilence ? false : nil
    }

    /// UDP reachability from every first contact (test I on every socket and server): any answer
    /// -> `true`; every one unreachable or silent for the whole first-contact schedule -> `false`;
    /// otherwise (a run cut short by the time budget) undecided.
    public static func udpReachable(_ firstContacts: [NatExchangeSummary], firstContactDeadlineNanoseconds: UInt64) -> Bool? {
        if firstContacts.contains(where: \.answered) { return true }
        let blocked = firstContacts.allSatisfy {
            $0.unreachable || ($0.timedOut && $0.ranForNanoseconds >= firstContactDeadlineNanoseconds)
        }
        return blocked ? false : nil
    }

    /// The report's note for a filtering test, from its verdict and what the exchange saw.
    public static func filteringNote(_ exchange: NatExchangeSummary, verdict: Bool?, undecidedBecause problem: String) -> String {
        switch verdict {
        case true?: return "answered from the changed address: the NAT let it in"
        case false?: return "no answer to \(exchange.requestsSent) requests: filtered (loss this long is improbable)"
        case nil:
            if let code = exchange.errorResponseCode { return "the server refused CHANGE-REQUEST (error \(code)); not decided" }
            if exchange.refusedSourceCount > 0 {
                return "answered from the wrong address (the server ignored CHANGE-REQUEST); not decided"
            }
            return "not decided: \(problem)"
        }
    }
}
