import StunWire
import ProbeTransport

/// An RFC 3489 STUN server on loopback for NAT probe tests, written here (not stund): four UDP
/// sockets, 127.0.0.1 and 127.0.0.2 each on a primary and an alternate port. It answers like a
/// classic server: MAPPED-ADDRESS only (no XOR-MAPPED-ADDRESS), SOURCE-ADDRESS and
/// CHANGED-ADDRESS, and honours CHANGE-REQUEST from the matching socket, unless a hostile
/// behaviour says otherwise. Stopped by `stop()` (tests call it in `defer`).
final class ClassicStunServer: Sendable {
    enum Behaviour: Sendable {
        /// A correct RFC 3489 server.
        case honest
        /// CHANGED-ADDRESS names a socket that never answers, and CHANGE-REQUEST is silently dropped:
        /// the "filtered" silence is the server's, not a NAT's.
        case changedAddressSilent
        /// CHANGED-ADDRESS is the primary address itself; CHANGE-REQUEST is answered from the primary.
        case changedAddressIsPrimary
        /// CHANGED-ADDRESS has the primary IP (only the port differs); CHANGE-REQUEST honoured for the port.
        case changedAddressSameIP
        /// An honest CHANGED-ADDRESS, but CHANGE-REQUEST is ignored: every answer comes from the
        /// socket the request reached.
        case changeRequestIgnored
    }

    static let alternateIP = IPAddress("127.0.0.2")!

    let behaviour: Behaviour
    /// [primary IP:primary port, primary IP:alternate port, alternate IP:primary port, alternate IP:alternate port]
    let sockets: [UDPSocket]
    let addresses: [TransportAddress]
    /// Bound but never read: the target of `changedAddressSilent`.
    let blackHole: UDPSocket
    private let tasks = LockedTasks()

    var primary: TransportAddress { addresses[0] }

    init(_ behaviour: Behaviour) throws {
        self.behaviour = behaviour
        sockets = try Self.openQuad()
        addresses = try sockets.map { try $0.localAddress() }
        blackHole = try UDPSocket(bindingTo: TransportAddress(ip: IPAddress("127.0.0.3")!, port: 0))
        for index in 0..<4 { tasks.add(Task { [self] in await self.serve(index) }) }
    }

    /// The kernel picks two ports on 127.0.0.1; the same ports must be free on 127.0.0.2.
    private static func openQuad() throws -> [UDPSocket] {
        var lastError: Error?
        for _ in 0..<20 {
            var opened: [UDPSocket] = []
            do {
                let a = try UDPSocket(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
                opened.append(a)
                let b = try UDPSocket(bindingTo: TransportAddress(ip: .loopbackV4, port: 0))
                opened.append(b)
                let p = try a.localAddress().port, q = try b.localAddress().port
                opened.append(try UDPSocket(bindingTo: TransportAddress(ip: alternateIP, port: p)))
                opened.append(try UDPSocket(bindingTo: TransportAddress(ip: alternateIP, port: q)))
                return opened
            } catch {
                lastError = error
                opened.forEach { $0.close() }
            }
        }
        throw lastError ?? TransportError(.system, "no free port pair on 127.0.0.1 and 127.0.0.2")
    }

    func stop() {
        tasks.cancelAll()
        sockets.forEach { $0.close() }
        blackHole.close()
    }

    /// What CHANGED-ADDRESS says.
    var changedAddress: TransportAddress {
        switch behaviour {
        case .honest, .changeRequestIgnored: addresses[3]
        case .changedAddressSilent: (try? blackHole.localAddress()) ?? addresses[3]
        case .changedAddressIsPrimary: addresses[0]
        case .changedAddressSameIP: addresses[1]
        }
    }

    private func serve(_ index: Int) async {
        let socket = sockets[index]
        while !Task.isCancelled {
            guard let datagram = try? await socket.receive(deadline: SystemClock().now + Nanoseconds.seconds(30)) else {
                if socket.isClosedForTests { return }
                continue
            }
            guard let source = datagram.source, let request = try? StunMessage.decode(datagram.bytes),
                  request.messageClass == .request, request.method == .binding else { continue }
            let change = (try? request.attribute(ChangeRequest.self)) ?? nil
            let wantsIP = change?.changeIP ?? false, wantsPort = change?.changePort ?? false
            // Which socket answers: flip the IP half (index ^ 2) and/or the port half (index ^ 1).
            var from = index
            switch behaviour {
            case .honest:
                if wantsIP { from ^= 2 }
                if wantsPort { from ^= 1 }
            case .changedAddressSilent:
                if wantsIP || wantsPort { continue }
            case .changedAddressIsPrimary, .changeRequestIgnored:
                break
            case .changedAddressSameIP:
                if wantsIP { continue }
                if wantsPort { from ^= 1 }
            }
            var response = StunMessage(method: .binding, messageClass: .successResponse, transactionID: request.transactionID)
            response.append(MappedAddress(source))
            response.append(SourceAddress(addresses[from]))
            response.append(ChangedAddress(changedAddress))
            _ = try? await sockets[from].send(response.encode(), to: source, deadline: SystemClock().now + Nanoseconds.seconds(1))
        }
    }
}
