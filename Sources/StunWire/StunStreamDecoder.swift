/// Incremental decoder for STUN/ChannelData over a byte stream (TCP/TLS, RFC 6062/8656 framing).
///
/// A frame whose first two bits are 00 is a STUN message of 20 + length bytes; 01 is ChannelData
/// of 4 + length bytes padded to a multiple of 4. Anything else, a malformed frame, or a frame
/// longer than `maximumFrameLength` makes the stream malformed: `nextFrame()` throws, and keeps
/// throwing the same error afterwards (the caller must close the connection). Work is linear in
/// the bytes fed: consumed bytes are dropped in amortised O(1).
public struct StunStreamDecoder: Sendable {
    public let maximumFrameLength: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var failure: StunDecodeError?
    /// Bytes consumed by returned frames since creation (stream offset of the next frame).
    public private(set) var consumed = 0

    /// `maximumFrameLength` is clamped to 24...65,556 (the largest STUN frame is 20 + 65,532 bytes).
    public init(maximumFrameLength: Int = 65_536) {
        self.maximumFrameLength = max(24, min(maximumFrameLength, 65_556))
    }

    /// Bytes received but not yet returned as frames.
    public var bufferedByteCount: Int { buffer.count - start }

    public mutating func feed(_ bytes: some Sequence<UInt8>) {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeFirst(start)
            start = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// nil = need more bytes; throws = the stream is malformed (caller must close the connection).
    /// Error offsets are relative to the start of the failing frame.
    public mutating func nextFrame() throws(StunDecodeError) -> StunFrame? {
        if let failure { throw failure }
        do {
            return try decodeNext()
        } catch {
            failure = error
            throw error
        }
    }

    private mutating func decodeNext() throws(StunDecodeError) -> StunFrame? {
        let available = buffer.count - start
        guard available >= 1 else { return nil }
        let first = buffer[start]
        switch first & 0xC0 {
        case 0x00:
            guard available >= 4 else { return nil }
            let length = Int(buffer[start + 2]) << 8 | Int(buffer[start + 3])
            guard length & 3 == 0 else {
                throw StunDecodeError(.lengthNotMultipleOf4, offset: 2, detail: "length \(length)")
            }
            let total = StunMessage.headerLength + length
            guard total <= maximumFrameLength else {
                throw StunDecodeError(.frameTooLong, offset: 2,
                                      detail: "\(total) bytes, limit \(maximumFrameLength)")
            }
            guard available >= total else { return nil }
            let message = try StunMessage.decode(buffer[start..<(start + total)])
            advance(by: total)
            return .message(message)
        case 0x40:
            guard available >= 4 else { return nil }
            let channel = UInt16(buffer[start]) << 8 | UInt16(buffer[start + 1])
            guard ChannelData.channelRange.contains(channel) else {
                throw StunDecodeError(.invalidChannelNumber, offset: 0, detail: "channel 0x" + String(channel, radix: 16))
            }
            let length = Int(buffer[start + 2]) << 8 | Int(buffer[start + 3])
            let total = 4 + length + WireBytes.paddingCount(length)
            guard total <= maximumFrameLength else {
                throw StunDecodeError(.frameTooLong, offset: 2,
                                      detail: "\(total) bytes, limit \(maximumFrameLength)")
            }
            guard available >= total else { return nil }
            let frame = ChannelData(channel: channel, payload: Array(buffer[(start + 4)..<(start + 4 + length)]))
            advance(by: total)
            return .channelData(frame)
        default:
            throw StunDecodeError(.notStun, offset: 0, detail: "first byte 0x" + String(first, radix: 16))
        }
    }

    private mutating func advance(by count: Int) {
        start += count
        consumed += count
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        }
    }
}
