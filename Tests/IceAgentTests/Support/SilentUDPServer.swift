import IceprobeTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// A UDP socket bound on 127.0.0.1 that never reads or answers: a STUN server that does not answer.
final class SilentUDPServer {
    let port: UInt16
    private let fd: Int32

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { throw Coturn.HarnessError("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard bound == 0, named == 0 else {
            close(fd)
            throw Coturn.HarnessError("could not bind a UDP socket on 127.0.0.1")
        }
        self.fd = fd
        port = UInt16(bigEndian: address.sin_port)
    }

    func stop() { close(fd) }
}
