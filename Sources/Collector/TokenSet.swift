import Foundation

/// The upload tokens the collector accepts, kept only as SHA-256 hashes (the file is read once at
/// start; the tokens themselves are not kept in memory afterwards, logged or stored).
public struct TokenSet: Sendable {
    private let hashes: Set<String>

    public var count: Int { hashes.count }

    /// Tokens, one per line; blank lines and lines starting with `#` are ignored; surrounding
    /// whitespace is trimmed. A token shorter than 16 characters is refused (it could be guessed).
    public init(fileContents text: String) throws(TokenFileError) {
        var hashes = Set<String>()
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard line.count >= Self.minimumLength else { throw .tooShort(line: index + 1) }
            guard line.allSatisfy({ $0.isASCII && !$0.isWhitespace && $0 != "," }) else { throw .badCharacter(line: index + 1) }
            hashes.insert(Sha256.hex(line))
        }
        guard !hashes.isEmpty else { throw .empty }
        self.hashes = hashes
    }

    public static let minimumLength = 16

    /// Reads `path`, refusing a file larger than 1 MiB.
    public static func read(path: String) throws(TokenFileError) -> TokenSet {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw .unreadable(path) }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: 1 << 20 + 1), data.count <= 1 << 20 else { throw .unreadable(path) }
        return try TokenSet(fileContents: String(decoding: data, as: UTF8.self))
    }

    /// Whether the `Authorization` header value is `Bearer <a known token>`.
    public func accepts(authorization: String?) -> Bool {
        guard let authorization else { return false }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty else { return false }
        return hashes.contains(Sha256.hex(token))
    }
}
