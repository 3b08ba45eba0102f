import StunWire
@testable import ProbeTransport

/// A datagram channel on a ManualClock: every send is handed to a responder that schedules
/// replies at later clock times; receive jumps the clock to the next reply or to the deadline.
/// Transactions run through it in microseconds, whatever their schedule.
final class ScriptedChannel: DatagramChannel {
    struct Reply: Sendable {
        var delay: UInt64
        var bytes: [UInt8]
        var source: TransportAddress?
    }
    typealias Responder = @Sendable (_ request: [UInt8], _ destination: TransportAddress, _ index: Int) -> [Reply]

    private struct State {
        var pending: [(at: UInt64, datagram: Datagram)] = []
        var sends: [(at: UInt64, bytes: [UInt8], destination: TransportAddress)] = []
    }
    let manualClock: ManualClock
    private let responder: Responder
    private let state = Locked(State())
    private let failure: TransportError?

    var clock: any MonotonicClock { manualClock }

    init(clock: ManualClock = ManualClock(start: 1_000_000_000), failure: TransportError? = nil,
         responder: @escaping Responder) {
        self.manualClock = clock
        self.responder = responder
        self.failure = failure
    }

    var sendTimes: [UInt64] { state.current.sends.map(\.at) }

    func send(_ bytes: [UInt8], to destination: TransportAddress, deadline: UInt64) async throws(TransportError) -> UInt64 {
        let now = manualClock.now
        let index = state.withLock { state -> Int in
            state.sends.append((now, bytes, destination))
            return state.sends.count - 1
        }
        let replies = responder(bytes, destination, index)
        state.withLock { state in
            for reply in replies {
                state.pending.append((now + reply.delay, Datagram(bytes: reply.bytes, source: reply.source, receivedAt: now + reply.delay)))
            }
            state.pending.sort { $0.at < $1.at }
        }
        return now
    }

    func receive(deadline: UInt64) async throws(TransportError) -> Datagram? {
        if let failure { throw failure }
        let next = state.withLock { state -> Datagram? in
            guard let first = state.pending.first, first.at <= deadline else { return nil }
            state.pending.removeFirst()
            return first.datagram
        }
        if let next {
            manualClock.set(to: next.receivedAt)
            return next
        }
        manualClock.set(to: deadline)
        return nil
    }
}

enum StunSamples {
    static let server = TransportAddress("192.0.2.10:3478")!
    static let mapped = TransportAddress("203.0.113.5:40000")!

    static func bindingRequest() -> StunMessage {
        StunMessage(method: .binding, messageClass: .request, transactionID: .random())
    }

    /// A Binding success response to `request` carrying XOR-MAPPED-ADDRESS `mapped`.
    static func response(to requestBytes: [UInt8], mapped: TransportAddress = mapped,
                         method: StunMethod = .binding, messageClass: StunClass = .successResponse) -> [UInt8] {
        guard let request = try? StunMessage.decode(requestBytes) else { return [] }
        var response = StunMessage(method: method, messageClass: messageClass, transactionID: request.transactionID)
        response.append(XorMappedAddress(mapped))
        return response.encode()
    }
}
