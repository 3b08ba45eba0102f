import COpenSSL

/// The collector's only OpenSSL call: SHA-256 for token hashes and unnamed agents' keys. No C
/// type leaves this file.
enum Sha256 {
    static func hex(_ bytes: [UInt8]) -> String {
        var output = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let input = bytes.isEmpty ? [UInt8](repeating: 0, count: 1) : bytes
        let ok = input.withUnsafeBytes { raw in
            output.withUnsafeMutableBytes { out in
                EVP_Digest(raw.baseAddress, bytes.count, out.baseAddress?.assumingMemoryBound(to: UInt8.self),
                           &length, EVP_sha256(), nil)
            }
        }
        // OpenSSL does not fail for SHA-256; an empty string then matches no token.
        guard ok == 1, length == 32 else { return "" }
        return output.map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0f)]])
        }.joined()
    }

    static func hex(_ text: String) -> String { hex(Array(text.utf8)) }
}
