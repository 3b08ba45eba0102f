import ProbeTransport
import StunWire

/// A scripted datagram channel for NAT probe unit tests: records every send (with the clock time)
/// and delivers whatever `respond` returns for it. Receiving never moves the (manual) clock: it
/// polls its queue in real 1 ms steps until the pump is cancelled.
final class NatFakeChannel: DatagramChannel {
    struct Sent: Sendable {
        var bytes: [UInt8]
        var destination: TransportAddress
        var at: UInt64
    }

    let clock: any MonotonicClock
    private let respond: @Sendable (StunMessage, TransportAddress) -> [Datagram]
    private let sentLog = Locked<[Sent]>([])
    private let queue = Locked<[Datagram]>([])

    init(clock: any MonotonicClock, respond: @escaping @Sendable (StunMessage, TransportAddress) -> [Datagram] = { _, _ in [] }) {
        self.clock = clock
        self.respond = respond
    }

    var sent: [Sent] { sentLog.current }

    func deliver(_ datagram: Datagram) {
        queue.withLock { $0.append(datagram) }
    }

    func send(_ bytes: [UInt8], to destination: TransportAddress, deadline: UInt64) async throws(TransportError) -> UInt64 {
        let now = clock.now
        sentLog.withLock { $0.append(Sent(bytes: bytes, destination: destination, at: now)) }
        if let message = try? StunMessage.decode(bytes) {
            for datagram in respond(message, destination) { deliver(datagram) }
        }
        return now
    }

    func receive(deadline: UInt64) async throws(TransportError) -> Datagram? {
        while true {
            if let next = queue.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) { return next }
            do {
                try await Task.sleep(nanoseconds: 1_000_000)
            } catch {
                throw TransportError(.cancelled, "cancelled")
            }
        }
    }

    /// A Binding success response to `request` from `source`, mapping to `mapped`.
    static func answer(_ request: StunMessage, from source: TransportAddress, mapped: TransportAddress,
                       receivedAt: UInt64 = 0) -> Datagram {
        var response = StunMessage(method: .binding, messageClass: .successResponse, transactionID: request.transactionID)
        response.append(XorMappedAddress(mapped))
        return Datagram(bytes: response.encode(), source: source, receivedAt: receivedAt)
    }
}
