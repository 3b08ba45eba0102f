import ProbeTransport
import StunWire

/// One request sent from `sender` on a schedule until the expected datagram arrives on
/// `receiver` (usually the same socket; for hairpinning and binding lifetime another one).
///
/// Time bound: ends at the earlier of `deadline` and `schedule.finalDeadline` after the first
/// send (both on the sender's clock), or as soon as the answer arrives. A copy sent late (the
/// process was not scheduled in time) is still sent, and moves the end so that the last copy keeps
/// the schedule's full final wait: on a loaded machine an overslept timer must not turn into
/// "fewer copies, undecided" (seen on the lab). `deadline` stays the hard bound. Every wait is a
/// sleep on that clock, so tests with ``ProbeTransport/ManualClock`` run the schedule instantly
/// and can read the exact send and give-up times.
struct NatExchange: Sendable {
    var request: StunMessage
    var destination: TransportAddress
    var sender: NatSocket
    var receiver: NatSocket
    var expectation: NatSocket.Expectation
    /// Sources whose answers count; nil accepts any source.
    var acceptedSources: Set<TransportAddress>?
    var schedule: RetransmissionSchedule
    /// Absolute bound on the sender's clock.
    var deadline: UInt64

    init(request: StunMessage, destination: TransportAddress, sender: NatSocket, receiver: NatSocket? = nil,
         expectation: NatSocket.Expectation? = nil, acceptedSources: Set<TransportAddress>?,
         schedule: RetransmissionSchedule, deadline: UInt64) {
        self.request = request
        self.destination = destination
        self.sender = sender
        self.receiver = receiver ?? sender
        self.expectation = expectation ?? .response(request.method)
        self.acceptedSources = acceptedSources
        self.schedule = schedule
        self.deadline = deadline
    }

    /// A Binding request with a fresh random transaction ID and the given attributes.
    static func bindingRequest(changeIP: Bool = false, changePort: Bool = false, responsePort: UInt16? = nil) -> StunMessage {
        var message = StunMessage(method: .binding, messageClass: .request, transactionID: .random())
        if changeIP || changePort { message.append(ChangeRequest(changeIP: changeIP, changePort: changePort)) }
        if let responsePort { message.append(ResponsePort(port: responsePort)) }
        return message
    }

    func run() async -> NatExchangeResult {
        let clock = sender.clock
        let bytes = request.encode()
        let (events, continuation) = AsyncStream.makeStream(of: NatSocket.Event.self)
        receiver.register(request.transactionID, expecting: expectation, acceptedSources: acceptedSources,
                          continuation: continuation)
        let start = clock.now
        let offsets = schedule.sendOffsets
        // The wait after the last copy, kept even when that copy went out late.
        let finalWait = schedule.finalDeadline.subtractingSaturating(offsets.last ?? 0)
        var giveUp = min(start.addingSaturating(schedule.finalDeadline), deadline)
        var result = NatExchangeResult(destination: destination, startedAt: start, finishedAt: start)
        var timer: Task<Void, Never>?
        var tag = 0
        var nextSend = 0

        defer {
            timer?.cancel()
            receiver.unregister(request.transactionID)
        }

        /// Sends the next copy; false when sending failed (recorded in `result`).
        func sendNext() async -> Bool {
            do {
                // Bounded by the hard deadline: a late copy's nominal end may already be past.
                let sentAt = try await sender.send(bytes, to: destination, deadline: deadline)
                result.sendTimes.append(sentAt)
                nextSend += 1
                if nextSend == offsets.count {
                    giveUp = min(max(giveUp, sentAt.addingSaturating(finalWait)), deadline)
                }
                return true
            } catch {
                result.error = error
                return false
            }
        }

        /// Arms the timer for the next send or for giving up.
        func arm() {
            timer?.cancel()
            tag += 1
            let wake = nextSend < offsets.count ? min(start.addingSaturating(offsets[nextSend]), giveUp) : giveUp
            let current = tag
            timer = Task {
                do {
                    try await clock.sleep(until: wake)
                    continuation.yield(.tick(current))
                } catch {}
            }
        }

        func finish() -> NatExchangeResult {
            result.finishedAt = clock.now
            return result
        }

        guard start < giveUp else {
            result.error = TransportError(.timeout, "no time left in the budget to ask \(destination)")
            return finish()
        }
        guard await sendNext() else { return finish() }
        arm()
        for await event in events {
            switch event {
            case .arrival(let arrival):
                result.arrival = arrival
                return finish()
            case .rejected(let source):
                result.rejectedSources.append(source.map { "\($0)" } ?? "unknown")
            case .failed(let error):
                result.error = error
                return finish()
            case .tick(let fired):
                guard fired == tag else { continue }
                // A copy still due is sent even when its timer fired late (past the nominal end);
                // only the hard deadline stops it.
                if nextSend < offsets.count, start.addingSaturating(offsets[nextSend]) < giveUp, clock.now < deadline {
                    guard await sendNext() else { return finish() }
                    arm()
                } else {
                    let waited = Nanoseconds.toMilliseconds(clock.now.subtractingSaturating(start))
                    result.error = TransportError(.timeout, "no answer from \(destination) to \(result.sendTimes.count) request(s) within \(Int(waited.rounded())) ms")
                    result.timedOut = true
                    return finish()
                }
            }
        }
        result.error = TransportError(.closed, "the socket was closed locally")
        return finish()
    }
}
