/// Why an ICE server list (`--ice-servers FILE`) was refused: what is wrong and where, as a
/// JSON path such as `[1].urls[0]`. Never quotes a credential.
public struct IceServerListError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        case unreadable
        case notJSON = "not-json"
        case wrongType = "wrong-type"
        case missingField = "missing-field"
        case empty
    }

    public var kind: Kind
    /// JSON path of the offending value (`$` for the whole document).
    public var path: String
    public var detail: String

    public init(_ kind: Kind, path: String, detail: String) {
        self.kind = kind
        self.path = path
        self.detail = detail
    }

    public var description: String { "\(path): \(detail)" }
}
