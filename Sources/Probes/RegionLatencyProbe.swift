import ProbeTransport
import StunWire

/// Region latency over STUN/UDP, paced like ping: `samples` Binding requests, one every `spacing`,
/// each sent once (no retransmission, so every RTT is unambiguous and every unanswered request is
/// a loss), answers matched by transaction ID on one connected socket. After the last request it
/// waits for late answers for `max(1 s, 4 x the largest RTT seen)`.
///
/// Time bound: returns by `deadline` (monotonic, `SystemClock`); requests not sent by then are not
/// counted as sent. Never throws: problems are the observation's `error`.
public enum RegionLatencyProbe {
    /// `onFirstAnswer` is called once, when the first answer arrives (the check starts its TCP
    /// fallbacks only for regions whose UDP stays silent).
    public static func run(region: String, server: ServerURI, destination: TransportAddress, samples: Int,
                           spacing: UInt64, deadline: UInt64,
                           onFirstAnswer: (@Sendable () -> Void)? = nil) async -> RegionLatencyObservation {
        let clock = SystemClock()
        let start = clock.now
        var observation = RegionLatencyObservation(region: region, server: server.description,
                                                   resolvedAddress: destination.description,
                                                   spacingMs: Nanoseconds.toMilliseconds(spacing))
        func finish() -> RegionLatencyObservation {
            observation.durationMs = Nanoseconds.toMilliseconds(clock.elapsed(since: start))
            return observation
        }
        let socket: UDPSocket
        do {
            socket = try UDPSocket(forFamilyOf: destination)
            try socket.connect(to: destination)
        } catch {
            // No route to the region (connect fails at once): one attempt, unanswered, so the
            // region is reported unreachable with the reason rather than not measured.
            observation.error = error.name
            observation.sent = 1
            observation.answered = [false]
            return finish()
        }
        defer { socket.close() }

        var pending: [TransactionID: (index: Int, sentAt: UInt64)] = [:]
        var rtts: [(index: Int, ms: Double)] = []
        var largestRtt: UInt64 = 0
        var nextSend = clock.now
        var sentCount = 0
        let count = max(1, samples)

        func receiveUntil(_ until: UInt64, stopWhenAllAnswered: Bool = false) async -> Bool {
            // Returns false when the socket failed (error recorded).
            while true {
                let datagram: Datagram?
                do {
                    datagram = try await socket.receive(deadline: until)
                } catch {
                    // ICMP unreachable on a connected socket: the server's port is closed or filtered.
                    observation.error = error.name
                    return false
                }
                guard let datagram else { return true }
                guard let message = try? StunMessage.decode(datagram.bytes),
                      message.method == .binding, message.messageClass == .successResponse,
                      let entry = pending.removeValue(forKey: message.transactionID) else { continue }
                let rtt = datagram.receivedAt.subtractingSaturating(entry.sentAt)
                largestRtt = max(largestRtt, rtt)
                rtts.append((entry.index, Nanoseconds.toMilliseconds(rtt)))
                if rtts.count == 1 { onFirstAnswer?() }
                if observation.mappedAddress == nil,
                   let mapped = (try? message.attribute(XorMappedAddress.self))??.address {
                    observation.mappedAddress = mapped.description
                }
                if Task.isCancelled || (stopWhenAllAnswered && pending.isEmpty) { return true }
            }
        }

        while sentCount < count && clock.now < deadline && !Task.isCancelled {
            var request = StunMessage(method: .binding, messageClass: .request, transactionID: .random())
            request.appendFingerprint()
            do {
                let sentAt = try await socket.send(request.encode(), to: destination, deadline: deadline)
                pending[request.transactionID] = (sentCount, sentAt)
                sentCount += 1
            } catch {
                // No route, network down...: the request counts as sent and lost, so the region
                // is reported unreachable (with the reason) rather than not measured.
                observation.error = error.name
                sentCount += 1
                break
            }
            nextSend = nextSend.addingSaturating(spacing)
            if !(await receiveUntil(min(nextSend, deadline))) { break }
        }
        if observation.error == nil && !pending.isEmpty && !Task.isCancelled {
            let lateWait = max(Nanoseconds.milliseconds(1000), largestRtt.multipliedSaturating(by: 4))
            let until = min(clock.now.addingSaturating(lateWait), deadline)
            // Stops as soon as every request is answered.
            _ = await receiveUntil(until, stopWhenAllAnswered: true)
        }
        observation.sent = sentCount
        observation.received = rtts.count
        observation.rttSamplesMs = rtts.sorted { $0.index < $1.index }.map(\.ms)
        var answered = [Bool](repeating: false, count: sentCount)
        for rtt in rtts where rtt.index < sentCount { answered[rtt.index] = true }
        observation.answered = answered
        if observation.error == nil && sentCount > 0 && rtts.isEmpty {
            observation.error = "timeout"
        }
        return finish()
    }
}
