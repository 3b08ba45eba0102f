import Diagnosis
import ProbeTransport
import StunWire

/// Region latency over STUN on one TCP or TLS connection (the region's STUN/TURN server; TURN
/// servers answer Binding requests without credentials): connect (and TLS handshake), then
/// `samples` Binding requests, one every `spacing`, without waiting for answers (like ping), each
/// answer matched by transaction ID. A request's RTT is its answer's arrival minus its sending;
/// on TCP a lost segment delays the answers behind it (head-of-line blocking), which shows as
/// RTT spread, not loss. Requests still unanswered `max(1 s, 4 x the largest RTT)` after the last one, or at
/// `deadline`, are lost.
///
/// Time bound: returns by `deadline` (monotonic, `SystemClock`). Never throws: a connection that
/// fails gives one lost attempt with the error's name (`timeout`, `refused`, `tls-...`).
public enum StunStreamLatencyProbe {
    /// How long the connection may take to establish (one SYN retransmission after 1 s).
    public static let connectBound = Nanoseconds.milliseconds(2000)

    public static func run(method: RegionLatencyMethod, server: ServerURI, destination: TransportAddress, samples: Int,
                           spacing: UInt64, deadline: UInt64, caFile: String?, insecure: Bool) async -> LatencyMethodSamples {
        let clock = SystemClock()
        var result = LatencyMethodSamples(method: method, target: server.description,
                                          spacingMs: Nanoseconds.toMilliseconds(spacing))
        let stream: any ByteStream
        do throws(TransportError) {
            // At most one SYN retransmission (2 s): a silent port must not hold the latency step.
            let tcp = try await TCPConnection.connect(to: destination, deadline: min(deadline, clock.now.addingSaturating(connectBound)))
            if method == .stunTls {
                stream = try await TLSConnection.handshake(over: tcp, options: TLSOptions(serverName: server.host, caFile: caFile, insecure: insecure),
                                                           deadline: deadline)
            } else {
                stream = tcp
            }
        } catch {
            result.sent = 1
            result.answered = [false]
            result.error = error.name
            return result
        }
        defer { stream.close() }

        var decoder = StunStreamDecoder()
        var pending: [TransactionID: (index: Int, sentAt: UInt64)] = [:]
        var rtts: [(index: Int, ms: Double)] = []
        var sentCount = 0
        var nextSend = clock.now
        let count = max(1, samples)
        var failed = false
        var largestRtt: UInt64 = 0

        // Reads until `until`; false when the stream failed or broke (error recorded).
        func receive(until: UInt64, stopWhenAllAnswered: Bool) async -> Bool {
            while clock.now < until {
                if stopWhenAllAnswered && pending.isEmpty && sentCount >= count { return true }
                let chunk: (bytes: [UInt8], receivedAt: UInt64)
                do {
                    chunk = try await stream.read(maximumLength: 65_536, deadline: until)
                } catch {
                    if error.kind == .timeout { return true }
                    result.error = error.name
                    return false
                }
                decoder.feed(chunk.bytes)
                while true {
                    let frame: StunFrame?
                    do { frame = try decoder.nextFrame() } catch {
                        result.error = "malformed"
                        return false
                    }
                    guard let frame else { break }
                    guard case .message(let message) = frame, message.method == .binding,
                          message.messageClass == .successResponse,
                          let entry = pending.removeValue(forKey: message.transactionID) else { continue }
                    let rtt = chunk.receivedAt.subtractingSaturating(entry.sentAt)
                    largestRtt = max(largestRtt, rtt)
                    rtts.append((entry.index, Nanoseconds.toMilliseconds(rtt)))
                }
            }
            return true
        }

        while sentCount < count && clock.now < deadline && !Task.isCancelled {
            var request = StunMessage(method: .binding, messageClass: .request, transactionID: .random())
            request.appendFingerprint()
            do {
                let sentAt = try await stream.write(request.encode(), deadline: deadline)
                pending[request.transactionID] = (sentCount, sentAt)
                sentCount += 1
            } catch {
                result.error = error.name
                failed = true
                break
            }
            nextSend = nextSend.addingSaturating(spacing)
            if !(await receive(until: min(nextSend, deadline), stopWhenAllAnswered: false)) { failed = true; break }
        }
        if !failed && !pending.isEmpty && !Task.isCancelled {
            let lateWait = max(Nanoseconds.milliseconds(1000), largestRtt.multipliedSaturating(by: 4))
            _ = await receive(until: min(clock.now.addingSaturating(lateWait), deadline), stopWhenAllAnswered: true)
        }
        result.sent = max(sentCount, 1)
        var answered = [Bool](repeating: false, count: result.sent)
        for rtt in rtts where rtt.index < answered.count { answered[rtt.index] = true }
        result.answered = answered
        result.rttSamplesMs = rtts.sorted { $0.index < $1.index }.map(\.ms)
        if result.received > 0 { result.error = nil } else if result.error == nil { result.error = "timeout" }
        return result
    }
}
