import CNetfilterQueue
#if canImport(Glibc)
import Glibc
#endif

/// The only file that calls libnetfilter_queue: binds one NFQUEUE number in the current network
/// namespace, hands each packet's id to a handler, and issues verdicts later.
public final class NetfilterQueue {
    public enum Verdict { case accept, drop }

    private var handle: OpaquePointer?
    private var queueHandle: OpaquePointer?
    private let onPacket: (UInt32) -> Void
    private var buffer = [UInt8](repeating: 0, count: 65_536)

    /// Binds queue `number`. `onPacket` is called (on the caller's thread, inside `readPending`)
    /// with each packet id, which must later get exactly one `verdict`.
    public init(number: UInt16, maxLength: UInt32 = 8192, onPacket: @escaping (UInt32) -> Void) throws(LabError) {
        self.onPacket = onPacket
        guard let handle = nfq_open() else { throw LabError(.daemonFailed, "nfq_open failed (errno \(errno))") }
        self.handle = handle
        _ = nfq_unbind_pf(handle, UInt16(AF_INET))
        guard nfq_bind_pf(handle, UInt16(AF_INET)) >= 0 else {
            close()
            throw LabError(.daemonFailed, "nfq_bind_pf failed (errno \(errno))")
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        let callback: @convention(c) (OpaquePointer?, UnsafeMutablePointer<nfgenmsg>?, OpaquePointer?,
                                      UnsafeMutableRawPointer?) -> Int32 = { _, _, data, context in
            guard let data, let context,
                  let header = nfq_get_msg_packet_hdr(data) else { return 0 }
            let queue = Unmanaged<NetfilterQueue>.fromOpaque(context).takeUnretainedValue()
            queue.onPacket(UInt32(bigEndian: header.pointee.packet_id))
            return 0
        }
        guard let queueHandle = nfq_create_queue(handle, number, callback, context) else {
            close()
            throw LabError(.daemonFailed, "cannot bind NFQUEUE \(number) (in use, or no CAP_NET_ADMIN)")
        }
        self.queueHandle = queueHandle
        guard nfq_set_mode(queueHandle, UInt8(NFQNL_COPY_META.rawValue), 0) >= 0 else {
            close()
            throw LabError(.daemonFailed, "nfq_set_mode failed")
        }
        _ = nfq_set_queue_maxlen(queueHandle, maxLength)
    }

    deinit { close() }

    /// The netlink socket to poll for readability.
    public var fileDescriptor: Int32 { handle.map { nfq_fd($0) } ?? -1 }

    /// Reads every message waiting on the socket (non-blocking) and dispatches the packets.
    public func readPending() {
        guard let handle else { return }
        let fd = nfq_fd(handle)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count < 0 {
                if errno == EINTR || errno == ENOBUFS { continue }
                return   // EAGAIN: nothing more
            }
            if count == 0 { return }
            _ = buffer.withUnsafeMutableBytes { raw in
                nfq_handle_packet(handle, raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(count))
            }
        }
    }

    public func verdict(_ id: UInt32, _ verdict: Verdict) {
        guard let queueHandle else { return }
        _ = nfq_set_verdict(queueHandle, id, verdict == .accept ? UInt32(NF_ACCEPT) : UInt32(NF_DROP), 0, nil)
    }

    public func close() {
        if let queueHandle { _ = nfq_destroy_queue(queueHandle) }
        queueHandle = nil
        if let handle { _ = nfq_close(handle) }
        handle = nil
    }
}
