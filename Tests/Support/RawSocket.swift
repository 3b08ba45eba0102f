import Foundation
#if canImport(Glibc)
import Glibc
#endif
import StunWire

/// IPv4 socket helpers for the test harness: bind and TCP-accept checks (immediate on loopback,
/// descriptor closed on every path) and non-blocking UDP send/drain for readiness polling.
enum RawSocket {
    /// Whether a socket of `type` can be bound to `ip`:`port` (0 = any port).
    static func bind(ip: String, port: UInt16, type: Int32) -> Bool {
        guard var address = ipv4Address(ip, port) else { return false }
        let fd = socket(AF_INET, type, 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// Whether a TCP connection to `ip`:`port` is accepted (loopback: refused or accepted at once).
    static func acceptsTCP(ip: String, port: UInt16) -> Bool {
        guard var address = ipv4Address(ip, port) else { return false }
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// A non-blocking UDP socket for `ip` (any port); nil when it cannot be opened.
    static func openNonBlockingUDP() -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        guard fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == 0 else {
            close(fd)
            return nil
        }
        return fd
    }

    /// Sends `bytes` to `ip`:`port` without waiting; false if the datagram was not sent.
    static func send(_ bytes: [UInt8], over fd: Int32, to ip: String, port: UInt16) -> Bool {
        guard var address = ipv4Address(ip, port) else { return false }
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { target in
                bytes.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, 0, target, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
        }
        return sent == bytes.count
    }

    /// Every datagram already queued on `fd` (never waits).
    static func drain(_ fd: Int32) -> [[UInt8]] {
        var datagrams: [[UInt8]] = []
        var buffer = [UInt8](repeating: 0, count: 2_048)
        while datagrams.count < 64 {
            let received = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            guard received > 0 else { break }
            datagrams.append(Array(buffer.prefix(received)))
        }
        return datagrams
    }

    private static func ipv4Address(_ ip: String, _ port: UInt16) -> sockaddr_in? {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, ip, &address.sin_addr) == 1 else { return nil }
        return address
    }
}
