/// Why `--token-file` cannot be used; never quotes a token.
public enum TokenFileError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(String)
    case empty
    case tooShort(line: Int)
    case badCharacter(line: Int)

    public var description: String {
        switch self {
        case .unreadable(let path): "cannot read the token file \(path) (missing, unreadable or over 1 MiB)"
        case .empty: "the token file has no token (one per line; # starts a comment)"
        case .tooShort(let line): "token on line \(line) is shorter than \(TokenSet.minimumLength) characters"
        case .badCharacter(let line): "token on line \(line) has a space, comma or non-ASCII character"
        }
    }
}
