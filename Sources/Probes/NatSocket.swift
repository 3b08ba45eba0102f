import ProbeTransport
import StunWire

/// One UDP socket shared by several STUN exchanges running at the same time (RFC 5780 mapping
/// tests II and III go out together from the socket of test I; hairpinning listens on it too).
///
/// A single reader task ("pump") reads every datagram and hands it to the exchange registered for
/// its transaction ID; anything else is recorded as a ``StrayPacket`` and never trusted. The
/// ``ProbeTransport/StunTransaction`` of the transport module reads its socket alone, which is
/// why the NAT probe has this demultiplexer of its own.
///
/// Time bound: each read waits at most ``pumpSlice`` before looping; ``close()`` cancels the pump
/// and closes the channel, which wakes a pending read at once (and at the latest after the
/// transport's 100 ms poll slice).
final class NatSocket: Sendable {
    /// What an exchange waits for on this socket.
    enum Expectation: Sendable, Equatable {
        /// A success or error response with this method (the ordinary case).
        case response(StunMethod)
        /// A request with the registered transaction ID (hairpinning: our own request looping back).
        case request
    }

    /// What the pump delivers to a registered exchange.
    enum Event: Sendable {
        case arrival(NatArrival)
        /// The right transaction, but from a source that is not accepted (counted as a stray too).
        case rejected(TransportAddress?)
        /// The socket failed or was closed; no more events follow.
        case failed(TransportError)
        /// A timer of the exchange fired (the tag tells which).
        case tick(Int)
    }

    private struct Registration {
        var expectation: Expectation
        /// nil: any source.
        var accepted: Set<TransportAddress>?
        var continuation: AsyncStream<Event>.Continuation
    }

    private struct State {
        var registrations: [TransactionID: Registration] = [:]
        /// Transactions that ended here: a later answer to one of them (to a retransmitted copy),
        /// or our own request hairpinned back late, is a late answer, not a foreign packet. A NAT
        /// run has a few dozen at most.
        var finished: Set<TransactionID> = []
        var strays: [StrayPacket] = []
        var failure: TransportError?
        var pump: Task<Void, Never>?
        var closed = false
    }

    /// Longest single read before the pump loops (it also notices cancellation then).
    static let pumpSlice = Nanoseconds.milliseconds(500)

    let channel: any DatagramChannel
    /// The socket's local address (getsockname), when known.
    let localAddress: TransportAddress?
    private let closeChannel: @Sendable () -> Void
    private let state = Locked(State())

    var clock: any MonotonicClock { channel.clock }

    init(channel: any DatagramChannel, localAddress: TransportAddress?, close: @escaping @Sendable () -> Void) {
        self.channel = channel
        self.localAddress = localAddress
        self.closeChannel = close
    }

    /// Opens a real UDP socket bound to `local` (port 0: kernel-chosen) and starts its pump.
    static func open(boundTo local: TransportAddress) throws(TransportError) -> NatSocket {
        let udp = try UDPSocket(bindingTo: local)
        let address: TransportAddress
        do {
            address = try udp.localAddress()
        } catch {
            udp.close()
            throw error
        }
        let socket = NatSocket(channel: udp, localAddress: address, close: { udp.close() })
        socket.start()
        return socket
    }

    /// Starts the reader task (once).
    func start() {
        state.withLock { state in
            guard state.pump == nil, !state.closed else { return }
            state.pump = Task { [self] in await self.pump() }
        }
    }

    /// Stops the pump, closes the channel and ends every registered exchange with `closed`.
    func close() {
        let (pump, registrations) = state.withLock { state -> (Task<Void, Never>?, [Registration]) in
            state.closed = true
            let pump = state.pump
            state.pump = nil
            let registrations = Array(state.registrations.values)
            state.registrations = [:]
            return (pump, registrations)
        }
        pump?.cancel()
        closeChannel()
        for registration in registrations {
            registration.continuation.yield(.failed(TransportError(.closed, "the socket was closed locally")))
            registration.continuation.finish()
        }
    }

    /// Everything that arrived and matched no registered exchange (or came from a wrong source).
    var strays: [StrayPacket] { state.withLock { $0.strays } }

    /// Routes datagrams with `id` to `continuation` until ``unregister(_:)``.
    func register(_ id: TransactionID, expecting expectation: Expectation, acceptedSources: Set<TransportAddress>?,
                  continuation: AsyncStream<Event>.Continuation) {
        let failure = state.withLock { state -> TransportError? in
            if state.closed { return TransportError(.closed, "the socket was closed locally") }
            if let failure = state.failure { return failure }
            state.registrations[id] = Registration(expectation: expectation, accepted: acceptedSources,
                                                   continuation: continuation)
            return nil
        }
        if let failure { continuation.yield(.failed(failure)) }
    }

    func unregister(_ id: TransactionID) {
        let registration = state.withLock { state -> Registration? in
            if state.finished.count < 10_000 { state.finished.insert(id) }
            return state.registrations.removeValue(forKey: id)
        }
        registration?.continuation.finish()
    }

    /// Sends one datagram (bounded by `deadline`, see ``ProbeTransport/DatagramChannel``).
    func send(_ bytes: [UInt8], to destination: TransportAddress, deadline: UInt64) async throws(TransportError) -> UInt64 {
        try await channel.send(bytes, to: destination, deadline: deadline)
    }

    private func pump() async {
        while !Task.isCancelled {
            let datagram: Datagram?
            do {
                datagram = try await channel.receive(deadline: channel.clock.now.addingSaturating(Self.pumpSlice))
            } catch {
                fail(error)
                return
            }
            if let datagram { dispatch(datagram) }
        }
    }

    private func fail(_ error: TransportError) {
        let registrations = state.withLock { state -> [Registration] in
            if state.closed { return [] }
            state.failure = error
            return Array(state.registrations.values)
        }
        for registration in registrations { registration.continuation.yield(.failed(error)) }
    }

    /// Classifies one datagram: delivers it to its exchange or records it as a stray. Total:
    /// any bytes at all end in one of the two.
    func dispatch(_ datagram: Datagram) {
        func stray(_ reason: StrayPacket.Reason, _ detail: String) {
            let packet = StrayPacket(reason: reason, detail: detail, source: datagram.source,
                                     size: datagram.bytes.count, receivedAt: datagram.receivedAt)
            state.withLock { $0.strays.append(packet) }
        }
        let message: StunMessage
        do {
            message = try StunMessage.decode(datagram.bytes)
        } catch {
            switch error.kind {
            case .notStun, .truncatedHeader: stray(.notStun, error.description)
            default: stray(.malformed, error.description)
            }
            return
        }
        let (registration, ended) = state.withLock { state in
            (state.registrations[message.transactionID], state.finished.contains(message.transactionID))
        }
        guard message.hasMagicCookie, let registration else {
            if message.hasMagicCookie, ended {
                // Also our own request looping back (hairpinning) after its test ended.
                stray(.lateAnswer, "a late \(message.messageClass) of the earlier transaction \(message.transactionID)")
            } else {
                stray(.wrongTransactionID, "transaction \(message.transactionID)")
            }
            return
        }
        switch registration.expectation {
        case .request:
            guard message.messageClass == .request, message.method == .binding else {
                stray(.notAResponse, "a \(message.messageClass) where our own Binding request was expected")
                return
            }
        case .response(let method):
            guard message.messageClass == .successResponse || message.messageClass == .errorResponse else {
                stray(.notAResponse, "a \(message.messageClass) with this transaction's ID")
                return
            }
            guard message.method == method else {
                stray(.wrongMethod, "\(message.method) response to a \(method) request")
                return
            }
        }
        if let accepted = registration.accepted {
            guard let source = datagram.source, accepted.contains(source) else {
                let expected = accepted.map(\.description).sorted().joined(separator: " or ")
                stray(.wrongSource, "answer from \(datagram.source.map { "\($0)" } ?? "an unknown address"), expected \(expected)")
                registration.continuation.yield(.rejected(datagram.source))
                return
            }
        }
        guard let source = datagram.source else {
            stray(.wrongSource, "answer from an unknown address family")
            return
        }
        registration.continuation.yield(.arrival(NatArrival(message: message, source: source,
                                                            receivedAt: datagram.receivedAt)))
    }
}
