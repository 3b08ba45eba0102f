/// The 96-bit STUN transaction ID (RFC 8489 section 5).
public struct TransactionID: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    /// Nil unless exactly 12 bytes.
    public init?(bytes: some Collection<UInt8>) {
        let array = Array(bytes)
        guard array.count == 12 else { return nil }
        self.bytes = array
    }

    init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// A fresh ID from the system CSPRNG (`SystemRandomNumberGenerator`, getrandom(2) on Linux).
    public static func random() -> TransactionID {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(12)
        for _ in 0..<3 {
            let word = generator.next() as UInt32
            WireBytes.append(word, to: &bytes)
        }
        return TransactionID(unchecked: bytes)
    }

    /// 24 lower-case hex digits.
    public var description: String { WireBytes.hex(bytes) }
}
