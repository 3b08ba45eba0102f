/// PASSWORD-ALGORITHMS (RFC 8489 14.11): a list of PASSWORD-ALGORITHM entries offered by a server.
/// Errors as for `PasswordAlgorithm`, with offsets of the failing entry.
public struct PasswordAlgorithms: StunAttribute, Hashable, Sendable {
    public static let attributeType = StunAttributeType.passwordAlgorithms
    public var algorithms: [PasswordAlgorithm]

    public init(algorithms: [PasswordAlgorithm]) { self.algorithms = algorithms }

    public init(stunValue: ArraySlice<UInt8>, transactionID: TransactionID) throws {
        var index = stunValue.startIndex
        var list: [PasswordAlgorithm] = []
        while index < stunValue.endIndex {
            list.append(try PasswordAlgorithm.read(stunValue, at: &index, type: Self.attributeType))
        }
        algorithms = list
    }

    public func stunValue(transactionID: TransactionID) -> [UInt8] {
        algorithms.flatMap { $0.encoded() }
    }
}
