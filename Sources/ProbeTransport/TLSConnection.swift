import COpenSSL
import Glibc
import StunWire

/// TLS (1.2 or later) over a ``TCPConnection``, via OpenSSL. This is the one file that calls
/// OpenSSL's TLS API.
///
/// By default the certificate chain is verified against the system store (or ``TLSOptions/caFile``)
/// and the certificate must match ``TLSOptions/serverName`` (`SSL_set1_host`, or the IP address
/// for literals). Failures are named: `tls-untrusted-certificate`, `tls-name-mismatch`,
/// `tls-expired`, `tls-protocol`, with OpenSSL's reason in the message.
public final class TLSConnection: ByteStream, @unchecked Sendable {
    private let tcp: TCPConnection
    private let context: OpaquePointer
    private let ssl: OpaquePointer
    /// Serialises every call into the SSL object (it is not thread-safe).
    private let sslLock = Locked(())

    public var clock: any MonotonicClock { tcp.clock }
    public var localAddress: TransportAddress { tcp.localAddress }
    public var remoteAddress: TransportAddress { tcp.remoteAddress }
    /// Negotiated protocol, e.g. "TLSv1.3".
    public let protocolVersion: String
    /// Negotiated cipher suite, e.g. "TLS_AES_256_GCM_SHA384".
    public let cipher: String
    /// The server certificate's subject, one line (e.g. "/CN=localhost"), when there is one.
    public let peerSubject: String?
    /// The server certificate's issuer, one line (e.g. "/CN=Example CA"), when there is one.
    public let peerIssuer: String?
    /// Nanoseconds the handshake took (TCP connect excluded).
    public let handshakeDuration: UInt64

    private init(tcp: TCPConnection, context: OpaquePointer, ssl: OpaquePointer, handshakeDuration: UInt64) {
        self.tcp = tcp
        self.context = context
        self.ssl = ssl
        self.handshakeDuration = handshakeDuration
        protocolVersion = SSL_get_version(ssl).map { String(cString: $0) } ?? "unknown"
        cipher = SSL_get_current_cipher(ssl).flatMap { SSL_CIPHER_get_name($0) }.map { String(cString: $0) } ?? "unknown"
        peerIssuer = TLSConnection.leafIssuer(ssl)
        if let certificate = SSL_get1_peer_certificate(ssl) {
            var buffer = [CChar](repeating: 0, count: 512)
            if let subject = X509_get_subject_name(certificate),
               X509_NAME_oneline(subject, &buffer, Int32(buffer.count)) != nil {
                peerSubject = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            } else {
                peerSubject = nil
            }
            X509_free(certificate)
        } else {
            peerSubject = nil
        }
    }

    deinit {
        SSL_free(ssl)
        SSL_CTX_free(context)
    }

    /// Connects TCP to `remote` and runs the TLS handshake, all before `deadline` (SystemClock
    /// nanoseconds): `timeout` when either step runs out of time.
    public static func connect(to remote: TransportAddress, from local: TransportAddress? = nil,
                               options: TLSOptions, deadline: UInt64) async throws(TransportError) -> TLSConnection {
        let tcp = try await TCPConnection.connect(to: remote, from: local, deadline: deadline)
        return try await handshake(over: tcp, options: options, deadline: deadline)
    }

    /// Runs the TLS client handshake over an established TCP connection, bounded by `deadline`.
    /// On failure the TCP connection is closed.
    public static func handshake(over tcp: TCPConnection, options: TLSOptions,
                                 deadline: UInt64) async throws(TransportError) -> TLSConnection {
        PosixSocket.ignoreBrokenPipe
        let (context, ssl) = try makeSSL(options: options)
        let socket = tcp.socket
        let clock = tcp.clock
        let start = clock.now
        do {
            try socket.withDescriptor { fd throws(TransportError) in
                guard SSL_set_fd(ssl, fd) == 1 else {
                    throw TransportError(.configuration, "cannot attach TLS to the socket: \(openSSLErrors())")
                }
            }
        } catch {
            SSL_free(ssl); SSL_CTX_free(context); tcp.close()
            throw error
        }
        let box = UncheckedPointer(ssl)
        // The handshake's end is read inside the blocking loop: the async hand-back's delay is
        // not part of the handshake.
        let result = await BlockingIO.run { cancelled -> Result<UInt64, TransportError> in
            let ssl = box.pointer
            while true {
                let status: Int32
                let systemError: Int32
                do throws(TransportError) {
                    (status, systemError) = try socket.withDescriptor { _ throws(TransportError) in
                        ERR_clear_error()
                        errno = 0
                        let result = SSL_connect(ssl)
                        let code = errno
                        return (result == 1 ? -1 : SSL_get_error(ssl, result), code)
                    }
                } catch {
                    return .failure(error)
                }
                if status == -1 { return .success(clock.now) }
                let failure: TransportError?
                switch status {
                case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
                    do throws(TransportError) {
                        if try !socket.wait(forWriting: status == SSL_ERROR_WANT_WRITE, deadline: deadline, cancelled: cancelled) {
                            failure = TransportError(.timeout, "the TLS handshake with \(tcp.remoteAddress) did not finish before the deadline")
                        } else {
                            failure = nil
                        }
                    } catch {
                        failure = error
                    }
                default:
                    failure = handshakeFailure(ssl: ssl, status: status, systemError: systemError,
                                               options: options, peer: tcp.remoteAddress)
                }
                if let failure { return .failure(failure) }
            }
        }
        let finishedAt: UInt64
        switch result {
        case .failure(let error):
            SSL_free(ssl); SSL_CTX_free(context); tcp.close()
            throw error
        case .success(let at):
            finishedAt = at
        }
        return TLSConnection(tcp: tcp, context: context, ssl: ssl, handshakeDuration: finishedAt.subtractingSaturating(start))
    }

    @discardableResult
    public func write(_ bytes: [UInt8], deadline: UInt64) async throws(TransportError) -> UInt64 {
        let socket = tcp.socket
        let box = UncheckedPointer(ssl)
        let lock = sslLock
        let peer = remoteAddress
        return try await BlockingIO.run { cancelled -> Result<UInt64, TransportError> in
            let before = socket.clock.now
            var written = 0
            while written < bytes.count {
                do throws(TransportError) {
                    let (count, status, systemError) = try socket.withDescriptor { _ throws(TransportError) in
                        lock.withLock { _ -> (Int32, Int32, Int32) in
                            ERR_clear_error()
                            errno = 0
                            let count = bytes[written...].withUnsafeBytes { SSL_write(box.pointer, $0.baseAddress, Int32(clamping: $0.count)) }
                            let code = errno
                            return (count, count > 0 ? 0 : SSL_get_error(box.pointer, count), code)
                        }
                    }
                    if count > 0 { written += Int(count); continue }
                    switch status {
                    case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
                        if try !socket.wait(forWriting: status == SSL_ERROR_WANT_WRITE, deadline: deadline, cancelled: cancelled) {
                            return .failure(TransportError(.timeout, "could not send over TLS to \(peer) before the deadline"))
                        }
                    default:
                        return .failure(TLSConnection.ioFailure(status: status, systemError: systemError, peer: peer, doing: "sending"))
                    }
                } catch {
                    return .failure(error)
                }
            }
            return .success(before)
        }.get()
    }

    /// As ``ByteStream/read(maximumLength:deadline:)``. `receivedAt` is the kernel arrival time of
    /// the first bytes of the record (peeked before OpenSSL reads them), so the reader thread's
    /// wake-up time is not counted; when OpenSSL already held the bytes it is the time of reading.
    public func read(maximumLength: Int, deadline: UInt64) async throws(TransportError) -> (bytes: [UInt8], receivedAt: UInt64) {
        let socket = tcp.socket
        let box = UncheckedPointer(ssl)
        let lock = sslLock
        let peer = remoteAddress
        let capacity = max(1, min(maximumLength, 1 << 20))
        return try await BlockingIO.run { cancelled -> Result<(bytes: [UInt8], receivedAt: UInt64), TransportError> in
            var buffer = [UInt8](repeating: 0, count: capacity)
            var arrival: UInt64? = nil
            while true {
                do throws(TransportError) {
                    let (count, status, systemError) = try socket.withDescriptor { _ throws(TransportError) in
                        lock.withLock { _ -> (Int32, Int32, Int32) in
                            if arrival == nil && SSL_pending(box.pointer) == 0 {
                                arrival = socket.peekArrivalTime()
                            }
                            ERR_clear_error()
                            errno = 0
                            let count = buffer.withUnsafeMutableBytes { SSL_read(box.pointer, $0.baseAddress, Int32(clamping: $0.count)) }
                            let code = errno
                            return (count, count > 0 ? 0 : SSL_get_error(box.pointer, count), code)
                        }
                    }
                    if count > 0 {
                        let now = socket.clock.now
                        return .success((Array(buffer.prefix(Int(count))), min(arrival ?? now, now)))
                    }
                    switch status {
                    case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
                        if try !socket.wait(forWriting: status == SSL_ERROR_WANT_WRITE, deadline: deadline, cancelled: cancelled) {
                            return .failure(TransportError(.timeout, "nothing received over TLS from \(peer) before the deadline"))
                        }
                    case SSL_ERROR_ZERO_RETURN:
                        return .failure(TransportError(.closed, "\(peer) closed the TLS connection"))
                    default:
                        return .failure(TLSConnection.ioFailure(status: status, systemError: systemError, peer: peer, doing: "receiving"))
                    }
                } catch {
                    return .failure(error)
                }
            }
        }.get()
    }

    /// Sends close_notify without waiting for the peer's, then closes the TCP connection.
    public func close() {
        let box = UncheckedPointer(ssl)
        if !tcp.socket.isClosed {
            _ = try? tcp.socket.withDescriptor { _ throws(TransportError) in
                sslLock.withLock { _ in _ = SSL_shutdown(box.pointer) }
            }
        }
        tcp.close()
    }

    // MARK: Setup and error mapping

    private static func makeSSL(options: TLSOptions) throws(TransportError) -> (OpaquePointer, OpaquePointer) {
        guard let method = TLS_client_method(), let context = SSL_CTX_new(method) else {
            throw TransportError(.configuration, "OpenSSL could not create a TLS context: \(openSSLErrors())")
        }
        _ = cossl_ctx_set_min_tls12(context)
        if options.insecure {
            SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        } else {
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
            if let caFile = options.caFile {
                guard SSL_CTX_load_verify_locations(context, caFile, nil) == 1 else {
                    let reason = openSSLErrors()
                    SSL_CTX_free(context)
                    throw TransportError(.configuration, "cannot load CA certificates from '\(caFile)': \(reason)")
                }
            } else if SSL_CTX_set_default_verify_paths(context) != 1 {
                let reason = openSSLErrors()
                SSL_CTX_free(context)
                throw TransportError(.configuration, "cannot load the system CA certificates: \(reason)")
            }
        }
        guard let ssl = SSL_new(context) else {
            SSL_CTX_free(context)
            throw TransportError(.configuration, "OpenSSL could not create a TLS session: \(openSSLErrors())")
        }
        let name = options.serverName
        let isIPLiteral = IPAddress(name) != nil
        if !isIPLiteral && !name.isEmpty {
            _ = cossl_set_sni(ssl, name)
        }
        if !options.insecure {
            let configured: Bool
            if isIPLiteral {
                configured = X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name) == 1
            } else {
                configured = SSL_set1_host(ssl, name) == 1
            }
            guard configured else {
                SSL_free(ssl); SSL_CTX_free(context)
                throw TransportError(.configuration, "cannot verify certificates for the name '\(name)'")
            }
        }
        return (context, ssl)
    }

    private static func handshakeFailure(ssl: OpaquePointer, status: Int32, systemError: Int32,
                                         options: TLSOptions, peer: TransportAddress) -> TransportError {
        let verifyResult = Int32(truncatingIfNeeded: SSL_get_verify_result(ssl))
        if !options.insecure, verifyResult != X509_V_OK {
            let reason = X509_verify_cert_error_string(Int(verifyResult)).map { String(cString: $0) } ?? "code \(verifyResult)"
            let failure = failure(forVerifyResult: verifyResult)
            let what: String
            switch failure {
            case .nameMismatch: what = "the certificate of \(peer) is not valid for '\(options.serverName)'"
            case .expired: what = "the certificate of \(peer) is outside its validity period"
            default: what = "the certificate of \(peer) is not trusted" + (options.caFile.map { " by '\($0)'" } ?? " by the system CA store")
            }
            return TransportError(.tls(failure), "\(what) (\(reason))", code: verifyResult, certificateIssuer: leafIssuer(ssl))
        }
        if status == SSL_ERROR_SYSCALL {
            let code = systemError
            let detail = openSSLErrors()
            if code == 0 || code == EPIPE || code == ECONNRESET {
                return TransportError(.tls(.protocolError),
                                      "\(peer) closed the connection during the TLS handshake (is it a TLS port?)" + (detail.isEmpty ? "" : ": \(detail)"))
            }
            return PosixSocket.errorFromErrno(code, doing: "TLS handshake with \(peer)")
        }
        let detail = openSSLErrors()
        return TransportError(.tls(.protocolError),
                              "the TLS handshake with \(peer) failed: \(detail.isEmpty ? "SSL error \(status)" : detail)")
    }

    /// The issuer of the leaf certificate the server sent (verified or not), one line.
    static func leafIssuer(_ ssl: OpaquePointer) -> String? {
        guard let leaf = cossl_peer_leaf(ssl), let issuer = X509_get_issuer_name(leaf) else { return nil }
        var buffer = [CChar](repeating: 0, count: 512)
        guard X509_NAME_oneline(issuer, &buffer, Int32(buffer.count)) != nil else { return nil }
        let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return text.isEmpty ? nil : text
    }

    /// The named failure for an `SSL_get_verify_result` code.
    static func failure(forVerifyResult code: Int32) -> TLSFailure {
        switch code {
        case X509_V_ERR_HOSTNAME_MISMATCH, X509_V_ERR_IP_ADDRESS_MISMATCH, X509_V_ERR_EMAIL_MISMATCH:
            return .nameMismatch
        case X509_V_ERR_CERT_HAS_EXPIRED, X509_V_ERR_CERT_NOT_YET_VALID,
             X509_V_ERR_ERROR_IN_CERT_NOT_BEFORE_FIELD, X509_V_ERR_ERROR_IN_CERT_NOT_AFTER_FIELD:
            return .expired
        default:
            return .untrustedCertificate
        }
    }

    private static func ioFailure(status: Int32, systemError: Int32, peer: TransportAddress,
                                  doing action: String) -> TransportError {
        if status == SSL_ERROR_SYSCALL {
            let code = systemError
            if code == 0 { return TransportError(.closed, "\(peer) closed the connection without TLS close_notify") }
            return PosixSocket.errorFromErrno(code, doing: "\(action) over TLS")
        }
        let detail = openSSLErrors()
        return TransportError(.tls(.protocolError), "TLS error while \(action): \(detail.isEmpty ? "SSL error \(status)" : detail)")
    }

    /// Drains this thread's OpenSSL error queue into one line.
    private static func openSSLErrors() -> String {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return messages.joined(separator: "; ")
    }
}

/// An OpaquePointer carried into the I/O thread; access is serialised by the owner.
private struct UncheckedPointer: @unchecked Sendable {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
}
