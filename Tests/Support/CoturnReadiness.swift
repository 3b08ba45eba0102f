#if canImport(Glibc)
import Glibc
#endif
import StunWire

extension Coturn {
    /// Polls a starting coturn without ever blocking: each ``poll()`` reads the Binding answers
    /// already queued, sends a fresh Binding to every listening IP not yet answered, and checks
    /// that the TLS port (if any) accepts TCP. The caller sleeps between polls and bounds the loop.
    final class Readiness {
        private let ips: [String]
        private let port: UInt16
        private let tlsPort: UInt16?
        private var sockets: [String: Int32] = [:]
        private var sent: [String: [TransactionID]] = [:]
        private var answered: Set<String> = []

        init(ips: [String], port: UInt16, tlsPort: UInt16?) {
            self.ips = ips
            self.port = port
            self.tlsPort = tlsPort
            for ip in ips { sockets[ip] = RawSocket.openNonBlockingUDP() }
        }

        deinit { for fd in sockets.values { close(fd) } }

        /// True once every listening IP answered a Binding and the TLS port accepts TCP.
        func poll() -> Bool {
            for ip in ips where !answered.contains(ip) {
                guard let fd = sockets[ip] else { continue }
                for datagram in RawSocket.drain(fd) {
                    if let response = try? StunMessage.decode(datagram), response.messageClass == .successResponse,
                       sent[ip, default: []].contains(response.transactionID) {
                        answered.insert(ip)
                    }
                }
                if !answered.contains(ip) {
                    let request = StunMessage(method: .binding, messageClass: .request, transactionID: .random())
                    sent[ip, default: []].append(request.transactionID)
                    _ = RawSocket.send(request.encode(), over: fd, to: ip, port: port)
                }
            }
            guard answered.count == ips.count else { return false }
            return tlsPort.map { tls in ips.allSatisfy { RawSocket.acceptsTCP(ip: $0, port: tls) } } ?? true
        }
    }
}
