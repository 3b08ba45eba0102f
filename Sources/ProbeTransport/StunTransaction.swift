import StunWire

/// One STUN client transaction (RFC 8489 section 6.2): a request, the retransmission schedule
/// over UDP, and the rules for which incoming packet counts as its response.
///
/// A response is accepted only when its transaction ID and method match, its class is a success
/// or error response, and it came from ``destination`` or one of ``acceptedSources`` (for RFC 5780
/// answers from OTHER-ADDRESS). Everything else is recorded as a ``StrayPacket``.
public struct StunTransaction: Sendable {
    public var request: StunMessage
    public var destination: TransportAddress
    /// Other addresses whose responses are accepted (UDP only; a stream has one peer).
    public var acceptedSources: Set<TransportAddress>
    /// When to (re)send and when to give up, relative to the first send.
    public var schedule: RetransmissionSchedule
    /// Absolute overall deadline on the channel's clock: nothing waits past it, whatever the
    /// schedule says.
    public var deadline: UInt64
    /// IDs of the caller's earlier transactions to the same server: their responses are reported
    /// as ``StrayPacket/Reason/lateAnswer`` instead of as foreign.
    public var earlierTransactionIDs: Set<TransactionID> = []

    public init(request: StunMessage, destination: TransportAddress,
                acceptedSources: Set<TransportAddress> = [],
                schedule: RetransmissionSchedule = .standard, deadline: UInt64) {
        self.request = request
        self.destination = destination
        self.acceptedSources = acceptedSources
        self.schedule = schedule
        self.deadline = deadline
    }

    /// What one incoming packet is to this transaction.
    public enum Classification: Sendable {
        case response(StunMessage)
        case stray(StrayPacket.Reason, String)
    }

    /// Classifies `bytes` from `source` (pure). Decoding is total: garbage yields a stray.
    public func classify(_ bytes: [UInt8], from source: TransportAddress?) -> Classification {
        let message: StunMessage
        do {
            message = try StunMessage.decode(bytes)
        } catch {
            switch error.kind {
            case .notStun, .truncatedHeader:
                return .stray(.notStun, error.description)
            default:
                return .stray(.malformed, error.description)
            }
        }
        if earlierTransactionIDs.contains(message.transactionID),
           message.messageClass == .successResponse || message.messageClass == .errorResponse {
            return .stray(.lateAnswer, "a late response to the earlier transaction \(message.transactionID)")
        }
        guard message.transactionID == request.transactionID,
              message.hasMagicCookie == request.hasMagicCookie else {
            return .stray(.wrongTransactionID, "transaction \(message.transactionID)")
        }
        guard let source, source == destination || acceptedSources.contains(source) else {
            return .stray(.wrongSource, "response from \(source.map { "\($0)" } ?? "an unknown address"), request went to \(destination)")
        }
        guard message.messageClass == .successResponse || message.messageClass == .errorResponse else {
            return .stray(.notAResponse, "a \(message.messageClass) with this transaction's ID")
        }
        guard message.method == request.method else {
            return .stray(.wrongMethod, "\(message.method) response to a \(request.method) request")
        }
        return .response(message)
    }

    /// Runs the transaction over UDP: sends at each offset of ``schedule`` until a response
    /// arrives. Bounded by the smaller of the schedule's final deadline and ``deadline``.
    /// Never throws: failures (`timeout`, `refused` after ICMP, `unreachable`, `closed`) are in the
    /// outcome together with the sends and strays seen so far.
    public func run(over channel: some DatagramChannel) async -> StunTransactionOutcome {
        let clock = channel.clock
        let bytes = request.encode()
        let start = clock.now
        let giveUp = min(start.addingSaturating(schedule.finalDeadline), deadline)
        var sendTimes: [UInt64] = []
        var strays: [StrayPacket] = []
        var nextSend = 0
        let offsets = schedule.sendOffsets

        func finish(_ result: Result<StunTransactionOutcome.Response, TransportError>) -> StunTransactionOutcome {
            StunTransactionOutcome(result: result, sendTimes: sendTimes, strays: strays,
                                   startedAt: start, finishedAt: clock.now)
        }

        while true {
            let now = clock.now
            if nextSend < offsets.count, now >= start.addingSaturating(offsets[nextSend]),
               nextSend == 0 || now < giveUp {
                do {
                    sendTimes.append(try await channel.send(bytes, to: destination, deadline: giveUp))
                } catch {
                    return finish(.failure(error))
                }
                nextSend += 1
                continue
            }
            if now >= giveUp {
                let waited = Nanoseconds.toMilliseconds(now.subtractingSaturating(start))
                return finish(.failure(TransportError(
                    .timeout,
                    "no response from \(destination) to \(sendTimes.count) request(s) within \(Int(waited.rounded())) ms"
                        + (strays.isEmpty ? "" : " (\(strays.count) stray packet(s) ignored)"))))
            }
            let wakeUp = nextSend < offsets.count ? min(start.addingSaturating(offsets[nextSend]), giveUp) : giveUp
            let datagram: Datagram?
            do {
                datagram = try await channel.receive(deadline: wakeUp)
            } catch {
                if error.kind == .refused {
                    return finish(.failure(TransportError(
                        .refused, "ICMP port unreachable from \(destination): nothing listens on UDP port \(destination.port)",
                        code: error.code)))
                }
                return finish(.failure(error))
            }
            guard let datagram else { continue }
            switch classify(datagram.bytes, from: datagram.source) {
            case .response(let message):
                // A response is only possible from an accepted source, so `source` is non-nil here.
                let source = datagram.source ?? destination
                return finish(.success(.init(message: message, source: source, receivedAt: datagram.receivedAt)))
            case .stray(let reason, let detail):
                strays.append(StrayPacket(reason: reason, detail: detail, source: datagram.source,
                                          size: datagram.bytes.count, receivedAt: datagram.receivedAt))
            }
        }
    }
}
