/// ERROR-CODE (RFC 8489 14.8): class 3...6 and number 0...99 give `code` 300...699, plus a
/// UTF-8 reason phrase (at most 763 bytes). Errors: `.invalidAttributeLength` (offset 0, fewer than
/// 4 bytes), `.invalidErrorCode` (offset 2 for the class, 3 for the number), `.invalidUTF8`,
/// `.valueTooLong` (offsets within the value).
public struct ErrorCode: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.errorCode
    public var code: Int
    public var reason: String

    public init(code: Int, reason: String) {
        self.code = code
        self.reason = reason
    }

    public static let tryAlternate = 300
    public static let badRequest = 400
    public static let unauthorized = 401
    public static let forbidden = 403
    public static let unknownAttribute = 420
    public static let allocationMismatch = 437
    public static let staleNonce = 438
    public static let addressFamilyNotSupported = 440
    public static let wrongCredentials = 441
    public static let unsupportedTransportProtocol = 442
    public static let peerAddressFamilyMismatch = 443
    public static let connectionAlreadyExists = 446
    public static let connectionTimeoutOrFailure = 447
    public static let allocationQuotaReached = 486
    public static let roleConflict = 487
    public static let serverError = 500
    public static let insufficientCapacity = 508

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        let base = stunValue.startIndex
        guard stunValue.count >= 4 else {
            throw StunDecodeError(.invalidAttributeLength, offset: 0, attribute: Self.attributeType,
                                  detail: "\(stunValue.count) bytes, expected at least 4")
        }
        let errorClass = Int(stunValue[base + 2] & 0x07)
        let number = Int(stunValue[base + 3])
        guard (3...6).contains(errorClass) else {
            throw StunDecodeError(.invalidErrorCode, offset: 2, attribute: Self.attributeType,
                                  detail: "class \(errorClass)")
        }
        guard number <= 99 else {
            throw StunDecodeError(.invalidErrorCode, offset: 3, attribute: Self.attributeType,
                                  detail: "number \(number)")
        }
        code = errorClass * 100 + number
        do {
            reason = try TextCodec.decode(stunValue[(base + 4)...], type: Self.attributeType, maximumBytes: 763)
        } catch {
            throw error.shifted(by: 4)
        }
    }

    /// Codes outside 300...699 are clamped into that range when encoding.
    public func stunValue(transactionID: TransactionID) -> [UInt8] {
        let clamped = max(300, min(code, 699))
        return [0, 0, UInt8(clamped / 100), UInt8(clamped % 100)] + Array(reason.utf8)
    }
}
