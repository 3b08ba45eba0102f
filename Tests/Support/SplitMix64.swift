/// SplitMix64: a tiny seeded generator for tests, so a failing fuzz case or shuffle repeats from
/// its seed. One copy for every test target (mutation, fuzz and shuffle tests).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public var state: UInt64

    /// Prints the seed and the test that made the generator, so every random test's run can be
    /// repeated from its log.
    public init(seed: UInt64, file: StaticString = #fileID, line: UInt = #line) {
        state = seed
        print("SplitMix64: seed 0x\(String(seed, radix: 16)) at \(file):\(line)")
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (0 when `bound` is not positive).
    public mutating func below(_ bound: Int) -> Int {
        bound <= 0 ? 0 : Int(next() % UInt64(bound))
    }

    /// `items` in a seeded Fisher-Yates order.
    public mutating func shuffle<T>(_ items: [T]) -> [T] {
        var copy = items
        guard copy.count > 1 else { return copy }
        for index in stride(from: copy.count - 1, to: 0, by: -1) {
            copy.swapAt(index, below(index + 1))
        }
        return copy
    }

    /// `bytes` damaged one way: cut short, a span of up to 63 bytes removed, or 1-4 bytes
    /// overwritten (mostly from `alphabet`, the text's own syntax, sometimes any byte). For fuzz
    /// tests of readers of text formats; empty input comes back unchanged.
    public mutating func damage(_ bytes: [UInt8], alphabet: [UInt8]) -> [UInt8] {
        guard !bytes.isEmpty else { return bytes }
        var out = bytes
        switch next() % 4 {
        case 0:
            out = Array(out.prefix(below(out.count)))
        case 1:
            let start = below(out.count)
            out.removeSubrange(start..<(start + min(below(64), out.count - start)))
        default:
            for _ in 0..<(1 + below(4)) {
                out[below(out.count)] = next() % 4 == 0 || alphabet.isEmpty
                    ? UInt8(truncatingIfNeeded: next()) : alphabet[below(alphabet.count)]
            }
        }
        return out
    }
}
