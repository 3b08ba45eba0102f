import StunWire

/// STUN transactions over one TCP or TLS connection (RFC 8489 framing via `StunStreamDecoder`).
///
/// Requests are sent once (reliable transport) and wait at most until the smaller of the
/// schedule's final deadline (39.5 s by default) and the caller's deadline. Bytes left over after a
/// response stay buffered for the next transaction. Run one transaction at a time. When the stream
/// turns out malformed the client fails with `malformed` and must be closed.
public final class StunStreamClient: Sendable {
    public let stream: any ByteStream
    private let decoder = Locked(StunStreamDecoder())

    public init(stream: any ByteStream) {
        self.stream = stream
    }

    /// Sends `request` and waits for the frame that answers it.
    public func transact(_ request: StunMessage, schedule: RetransmissionSchedule = .reliable,
                         deadline: UInt64) async -> StunTransactionOutcome {
        let clock = stream.clock
        let peer = stream.remoteAddress
        let transaction = StunTransaction(request: request, destination: peer, schedule: schedule, deadline: deadline)
        let start = clock.now
        let giveUp = min(start.addingSaturating(schedule.finalDeadline), deadline)
        var sendTimes: [UInt64] = []
        var strays: [StrayPacket] = []

        func finish(_ result: Result<StunTransactionOutcome.Response, TransportError>) -> StunTransactionOutcome {
            StunTransactionOutcome(result: result, sendTimes: sendTimes, strays: strays,
                                   startedAt: start, finishedAt: clock.now)
        }

        do {
            sendTimes.append(try await stream.write(request.encode(), deadline: giveUp))
        } catch {
            return finish(.failure(error))
        }
        var receivedAt = sendTimes[0]
        while true {
            // Drain every complete frame already buffered.
            let next: Result<StunFrame?, StunDecodeError> = decoder.withLock { decoder in
                do throws(StunDecodeError) { return .success(try decoder.nextFrame()) } catch { return .failure(error) }
            }
            switch next {
            case .failure(let error):
                return finish(.failure(TransportError(.malformed, "the byte stream from \(peer) is not STUN framing: \(error)")))
            case .success(.some(.channelData(let frame))):
                strays.append(StrayPacket(reason: .channelData, detail: "channel 0x\(String(frame.channel, radix: 16))",
                                          source: peer, size: frame.payload.count + 4, receivedAt: receivedAt))
                continue
            case .success(.some(.message(let message))):
                let bytes = message.receivedBytes ?? message.encode()
                switch transaction.classify(bytes, from: peer) {
                case .response(let response):
                    return finish(.success(.init(message: response, source: peer, receivedAt: receivedAt)))
                case .stray(let reason, let detail):
                    strays.append(StrayPacket(reason: reason, detail: detail, source: peer,
                                              size: bytes.count, receivedAt: receivedAt))
                }
                continue
            case .success(.none):
                break
            }
            do {
                let chunk = try await stream.read(maximumLength: 65_536, deadline: giveUp)
                receivedAt = chunk.receivedAt
                decoder.withLock { $0.feed(chunk.bytes) }
            } catch {
                if error.kind == .timeout {
                    let waited = Nanoseconds.toMilliseconds(clock.now.subtractingSaturating(start))
                    let partial = decoder.withLock { $0.bufferedByteCount }
                    return finish(.failure(TransportError(
                        .timeout,
                        "no complete response from \(peer) within \(Int(waited.rounded())) ms"
                            + (partial > 0 ? " (\(partial) byte(s) of an unfinished frame received)" : ""))))
                }
                if error.kind == .closed {
                    return finish(.failure(TransportError(.closed, "\(peer) closed the connection before answering")))
                }
                return finish(.failure(error))
            }
        }
    }

    public func close() {
        stream.close()
    }
}
