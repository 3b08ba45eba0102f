/// Why a credential or shared-secret file could not be used. Names the file, never its content.
public struct CredentialFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        case unreadable
        case empty
        case notUTF8 = "not-utf8"
        case containsNUL = "contains-nul"
    }

    public var kind: Kind
    public var path: String
    public var detail: String

    public init(_ kind: Kind, path: String, detail: String) {
        self.kind = kind
        self.path = path
        self.detail = detail
    }

    public var description: String { "\(path): \(detail)" }
}
