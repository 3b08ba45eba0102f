/// Why a `candidate:` attribute could not be parsed: the field, the character offset in the
/// input, and what was wrong.
public struct CandidateAttributeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The grammar element at fault (`foundation`, `component`, `transport`, `priority`,
    /// `address`, `port`, `typ`, `type`, `raddr`, `rport`, `tcptype`).
    public var field: String
    /// Byte offset (0-based) into the input line.
    public var offset: Int
    public var detail: String

    public init(field: String, offset: Int, detail: String) {
        self.field = field
        self.offset = offset
        self.detail = detail
    }

    public var description: String {
        "invalid-candidate-attribute: \(field) at character \(offset + 1): \(detail)"
    }
}
