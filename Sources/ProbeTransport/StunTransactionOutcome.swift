import StunWire

/// Everything a STUN client transaction observed, whether it succeeded or not.
public struct StunTransactionOutcome: Sendable {
    /// A response that matched: the right transaction ID, method and class, from an accepted source.
    public struct Response: Sendable {
        public var message: StunMessage
        public var source: TransportAddress
        /// Clock time the response was read, nanoseconds.
        public var receivedAt: UInt64

        public init(message: StunMessage, source: TransportAddress, receivedAt: UInt64) {
            self.message = message
            self.source = source
            self.receivedAt = receivedAt
        }
    }

    /// The matching response (success or error response), or why there is none.
    public var result: Result<Response, TransportError>
    /// Clock times of every transmission of the request, first one first.
    public var sendTimes: [UInt64]
    /// Everything else that arrived meanwhile.
    public var strays: [StrayPacket]
    /// Clock time the transaction started (before the first send) and ended.
    public var startedAt: UInt64
    public var finishedAt: UInt64

    public init(result: Result<Response, TransportError>, sendTimes: [UInt64], strays: [StrayPacket],
                startedAt: UInt64, finishedAt: UInt64) {
        self.result = result
        self.sendTimes = sendTimes
        self.strays = strays
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }

    /// Number of times the request was sent.
    public var requestsSent: Int { sendTimes.count }
    /// Retransmissions (requests sent after the first).
    public var retransmissions: Int { max(0, sendTimes.count - 1) }

    /// The round-trip time, following Karn's algorithm: known only when the request was sent once,
    /// because after a retransmission the response cannot be attributed to one transmission.
    public var rtt: UInt64? {
        guard case .success(let response) = result, sendTimes.count == 1, let first = sendTimes.first else { return nil }
        return response.receivedAt.subtractingSaturating(first)
    }

    /// True when a response came but its RTT is ambiguous (retransmissions happened).
    public var rttAmbiguous: Bool {
        if case .success = result { return sendTimes.count > 1 }
        return false
    }

    /// Time from the first transmission to the response (an upper bound of the RTT when ambiguous).
    public var elapsedSinceFirstSend: UInt64? {
        guard case .success(let response) = result, let first = sendTimes.first else { return nil }
        return response.receivedAt.subtractingSaturating(first)
    }

    /// The matching response, when there is one.
    public var response: Response? {
        if case .success(let response) = result { return response }
        return nil
    }

    /// The failure, when there is one.
    public var error: TransportError? {
        if case .failure(let error) = result { return error }
        return nil
    }
}
