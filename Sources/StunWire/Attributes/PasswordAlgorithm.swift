/// PASSWORD-ALGORITHM (RFC 8489 14.12): algorithm (2 bytes), parameters length (2 bytes),
/// parameters padded to 4. Errors: `.invalidAttributeLength` at offset 0 (short), or at offset 2
/// (parameters overrun the value or the value has trailing bytes).
public struct PasswordAlgorithm: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.passwordAlgorithm
    public var algorithm: UInt16
    public var parameters: [UInt8]

    public init(algorithm: UInt16, parameters: [UInt8] = []) {
        self.algorithm = algorithm
        self.parameters = parameters
    }

    public static let md5: UInt16 = 0x0001
    public static let sha256: UInt16 = 0x0002

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        var index = stunValue.startIndex
        self = try PasswordAlgorithm.read(stunValue, at: &index, type: Self.attributeType)
        guard index == stunValue.endIndex else {
            throw StunDecodeError(.invalidAttributeLength, offset: 2, attribute: Self.attributeType,
                                  detail: "trailing bytes after the parameters")
        }
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] { encoded() }

    /// Reads one algorithm entry at `index`, advancing past its padded parameters.
    static func read(_ value: ArraySlice<UInt8>, at index: inout Int,
                     type: StunAttributeType) throws(StunDecodeError) -> PasswordAlgorithm {
        let relative = index - value.startIndex
        guard let algorithm = WireBytes.uint16(value, at: index),
              let length = WireBytes.uint16(value, at: index + 2) else {
            throw StunDecodeError(.invalidAttributeLength, offset: relative, attribute: type,
                                  detail: "algorithm entry needs 4 bytes")
        }
        let start = index + 4
        let padded = Int(length) + WireBytes.paddingCount(Int(length))
        guard padded <= value.endIndex - start else {
            throw StunDecodeError(.invalidAttributeLength, offset: relative + 2, attribute: type,
                                  detail: "parameters of \(length) bytes overrun the value")
        }
        index = start + padded
        return PasswordAlgorithm(algorithm: algorithm, parameters: Array(value[start..<(start + Int(length))]))
    }

    func encoded() -> [UInt8] {
        var bytes: [UInt8] = []
        WireBytes.append(algorithm, to: &bytes)
        WireBytes.append(UInt16(truncatingIfNeeded: parameters.count), to: &bytes)
        bytes += parameters
        bytes += [UInt8](repeating: 0, count: WireBytes.paddingCount(parameters.count))
        return bytes
    }
}
