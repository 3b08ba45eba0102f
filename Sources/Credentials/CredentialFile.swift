import Foundation

/// Reads a secret (TURN password or REST shared secret) from a file: the first line, without its
/// line ending. The file's content never appears in errors; only its path and what is wrong.
public enum CredentialFile {
    /// Files larger than this are refused (a secret is one short line).
    public static let maximumBytes = 64 * 1024

    public static func read(path: String) throws(CredentialFileError) -> RedactedSecret {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CredentialFileError(.unreadable, path: path, detail: "cannot read the file (missing or not permitted)")
        }
        guard data.count <= maximumBytes else {
            throw CredentialFileError(.unreadable, path: path, detail: "the file is larger than \(maximumBytes) bytes; expected one line")
        }
        return try parse(Array(data), path: path)
    }

    /// The secret in `bytes` (the file's content): the first line, CR/LF removed.
    public static func parse(_ bytes: [UInt8], path: String) throws(CredentialFileError) -> RedactedSecret {
        let firstLine = bytes.prefix { $0 != UInt8(ascii: "\n") }
        let trimmed = firstLine.last == UInt8(ascii: "\r") ? firstLine.dropLast() : firstLine
        guard let text = String(validating: trimmed, as: UTF8.self) else {
            throw CredentialFileError(.notUTF8, path: path, detail: "the first line is not valid UTF-8")
        }
        guard !text.isEmpty else {
            throw CredentialFileError(.empty, path: path, detail: "the first line is empty; expected the secret")
        }
        guard !text.utf8.contains(0) else {
            throw CredentialFileError(.containsNUL, path: path, detail: "the first line contains a NUL byte")
        }
        return RedactedSecret(text)
    }
}
