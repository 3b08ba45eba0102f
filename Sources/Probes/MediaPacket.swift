/// An RTP-shaped packet of the media stream (RFC 3550 section 5.1 fixed header, no CSRC, no
/// extension), followed by iceprobe's own fields and padding to the codec's payload size:
///
///     0       1       2       3
///     V=2 P X CC | M PT | sequence number (16)
///     timestamp (32)
///     SSRC (32)
///     --- payload ---
///     stream index (32): the packet's index in the stream (0 first; the RTP sequence is its low 16 bits)
///     send time (64): nanoseconds on the sender's monotonic clock
///     echo time (64): when the echoing side sent it back, 0 on the way out
///     filler up to the payload size
///
/// Decoding is total: anything shorter than the fixed part, not version 2, or carrying another
/// SSRC gives `nil`, never a trap.
struct MediaPacket: Equatable, Sendable {
    /// RTP fixed header plus iceprobe's fields.
    static let headerBytes = 12
    static let fieldBytes = 4 + 8 + 8

    var payloadType: UInt8
    var index: UInt32
    var timestamp: UInt32
    var ssrc: UInt32
    var sentAt: UInt64
    var echoedAt: UInt64 = 0
    /// RTP payload bytes (at least ``fieldBytes``).
    var payloadBytes: Int

    var sequenceNumber: UInt16 { UInt16(truncatingIfNeeded: index) }

    func encode() -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Self.headerBytes + max(payloadBytes, Self.fieldBytes))
        bytes.append(0x80)                          // V=2, no padding, no extension, no CSRC
        bytes.append(payloadType & 0x7F)            // marker 0
        Self.append(UInt64(sequenceNumber), bytes: 2, to: &bytes)
        Self.append(UInt64(timestamp), bytes: 4, to: &bytes)
        Self.append(UInt64(ssrc), bytes: 4, to: &bytes)
        Self.append(UInt64(index), bytes: 4, to: &bytes)
        Self.append(sentAt, bytes: 8, to: &bytes)
        Self.append(echoedAt, bytes: 8, to: &bytes)
        let filler = max(0, payloadBytes - Self.fieldBytes)
        bytes.append(contentsOf: repeatElement(0xA5, count: filler))
        return bytes
    }

    /// The packet in `bytes` when it is one of this stream's (`ssrc`); nil otherwise.
    static func decode(_ bytes: [UInt8], ssrc expected: UInt32) -> MediaPacket? {
        guard bytes.count >= headerBytes + fieldBytes, bytes[0] & 0xC0 == 0x80 else { return nil }
        let ssrc = UInt32(read(bytes, at: 8, count: 4))
        guard ssrc == expected else { return nil }
        let index = UInt32(read(bytes, at: 12, count: 4))
        guard UInt16(truncatingIfNeeded: index) == UInt16(read(bytes, at: 2, count: 2)) else { return nil }
        return MediaPacket(payloadType: bytes[1] & 0x7F, index: index, timestamp: UInt32(read(bytes, at: 4, count: 4)),
                           ssrc: ssrc, sentAt: read(bytes, at: 16, count: 8), echoedAt: read(bytes, at: 24, count: 8),
                           payloadBytes: bytes.count - headerBytes)
    }

    private static func append(_ value: UInt64, bytes count: Int, to bytes: inout [UInt8]) {
        for shift in stride(from: (count - 1) * 8, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }

    /// Big-endian; the caller checked the length.
    private static func read(_ bytes: [UInt8], at offset: Int, count: Int) -> UInt64 {
        var value: UInt64 = 0
        for byte in bytes[offset..<(offset + count)] { value = value << 8 | UInt64(byte) }
        return value
    }
}
