import COpenSSL

/// The only file that calls OpenSSL: MD5, SHA-1, SHA-256 and HMAC through the
/// EVP one-shot APIs. No C type escapes this file.
enum Digest {
    enum Algorithm {
        case md5, sha1, sha256

        var outputLength: Int {
            switch self {
            case .md5: return 16
            case .sha1: return 20
            case .sha256: return 32
            }
        }

        fileprivate var evp: OpaquePointer? {
            switch self {
            case .md5: return EVP_md5()
            case .sha1: return EVP_sha1()
            case .sha256: return EVP_sha256()
            }
        }
    }

    /// A plain digest. Returns an empty array only if OpenSSL fails (which it does not for these
    /// built-in algorithms); callers then see a mismatch rather than a crash.
    static func hash(_ algorithm: Algorithm, _ data: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 64)
        var outputLength: UInt32 = 0
        // A non-NULL input pointer even for empty input (count 0 keeps it unread).
        let inputStorage = data.isEmpty ? [UInt8](repeating: 0, count: 1) : data
        let ok = inputStorage.withUnsafeBytes { input in
            output.withUnsafeMutableBytes { out in
                EVP_Digest(input.baseAddress, data.count,
                           out.baseAddress?.assumingMemoryBound(to: UInt8.self), &outputLength,
                           algorithm.evp, nil)
            }
        }
        guard ok == 1, Int(outputLength) == algorithm.outputLength else { return [] }
        return Array(output.prefix(Int(outputLength)))
    }

    /// HMAC with the given hash (SHA-1 for MESSAGE-INTEGRITY, SHA-256 for -SHA256).
    static func hmac(_ algorithm: Algorithm, key: [UInt8], data: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 64)
        var outputLength: UInt32 = 0
        // OpenSSL takes the key length as a C int; a longer key cannot be passed.
        guard let keyLength = Int32(exactly: key.count) else { return [] }
        // OpenSSL wants a non-NULL key pointer even for an empty key.
        let keyStorage = key.isEmpty ? [UInt8](repeating: 0, count: 1) : key
        let result: UnsafeMutablePointer<UInt8>? = keyStorage.withUnsafeBytes { keyBytes in
            data.withUnsafeBytes { input in
                output.withUnsafeMutableBytes { out in
                    HMAC(algorithm.evp, keyBytes.baseAddress, keyLength,
                         input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count,
                         out.baseAddress?.assumingMemoryBound(to: UInt8.self), &outputLength)
                }
            }
        }
        guard result != nil, Int(outputLength) == algorithm.outputLength else { return [] }
        return Array(output.prefix(Int(outputLength)))
    }
}
