/// Big-endian helpers shared by the codec. Every reader is bounds-checked by its caller or
/// returns nil; none of them can trap on short input.
enum WireBytes {
    /// Reads a big-endian UInt16 at `index`, or nil when fewer than 2 bytes remain.
    @inline(__always)
    static func uint16<C: RandomAccessCollection>(_ bytes: C, at index: C.Index) -> UInt16?
    where C.Element == UInt8 {
        guard bytes.distance(from: index, to: bytes.endIndex) >= 2,
              bytes.distance(from: bytes.startIndex, to: index) >= 0 else { return nil }
        let second = bytes.index(after: index)
        return UInt16(bytes[index]) << 8 | UInt16(bytes[second])
    }

    /// Reads a big-endian UInt32 at `index`, or nil when fewer than 4 bytes remain.
    @inline(__always)
    static func uint32<C: RandomAccessCollection>(_ bytes: C, at index: C.Index) -> UInt32?
    where C.Element == UInt8 {
        guard bytes.distance(from: index, to: bytes.endIndex) >= 4,
              bytes.distance(from: bytes.startIndex, to: index) >= 0 else { return nil }
        var value: UInt32 = 0
        var cursor = index
        for _ in 0..<4 {
            value = value << 8 | UInt32(bytes[cursor])
            cursor = bytes.index(after: cursor)
        }
        return value
    }

    /// Reads a big-endian UInt64 at `index`, or nil when fewer than 8 bytes remain.
    static func uint64<C: RandomAccessCollection>(_ bytes: C, at index: C.Index) -> UInt64?
    where C.Element == UInt8 {
        guard let high = uint32(bytes, at: index),
              bytes.distance(from: index, to: bytes.endIndex) >= 8,
              let low = uint32(bytes, at: bytes.index(index, offsetBy: 4)) else { return nil }
        return UInt64(high) << 32 | UInt64(low)
    }

    @inline(__always)
    static func append(_ value: UInt16, to bytes: inout [UInt8]) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    @inline(__always)
    static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes.append(UInt8(truncatingIfNeeded: value >> 24))
        bytes.append(UInt8(truncatingIfNeeded: value >> 16))
        bytes.append(UInt8(truncatingIfNeeded: value >> 8))
        bytes.append(UInt8(truncatingIfNeeded: value))
    }

    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        append(UInt32(truncatingIfNeeded: value >> 32), to: &bytes)
        append(UInt32(truncatingIfNeeded: value), to: &bytes)
    }

    /// The 4 big-endian bytes of `value`.
    static func bytes(_ value: UInt32) -> [UInt8] {
        var bytes: [UInt8] = []
        append(value, to: &bytes)
        return bytes
    }

    /// The 8 big-endian bytes of `value`.
    static func bytes(_ value: UInt64) -> [UInt8] {
        var bytes: [UInt8] = []
        append(value, to: &bytes)
        return bytes
    }

    /// Writes a big-endian UInt16 into an existing array at `index` (caller guarantees room).
    static func store(_ value: UInt16, into bytes: inout [UInt8], at index: Int) {
        guard index >= 0, index + 1 < bytes.count else { return }
        bytes[index] = UInt8(truncatingIfNeeded: value >> 8)
        bytes[index + 1] = UInt8(truncatingIfNeeded: value)
    }

    /// The number of padding bytes that follow a value of `length` bytes (0...3).
    @inline(__always)
    static func paddingCount(_ length: Int) -> Int { (4 - length & 3) & 3 }

    /// Lower-case hex of the bytes, for descriptions.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits: [Character] = Array("0123456789abcdef")
        var text = ""
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }

    /// Constant-time comparison of two byte arrays (the length is not secret).
    static func constantTimeEqual(_ lhs: [UInt8], _ rhs: some Collection<UInt8>) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(lhs, rhs) { difference |= left ^ right }
        return difference == 0
    }
}
