import Foundation
import ProbeTransport
import StunWire

/// A minimal HTTP/1.1 client for one request per connection (`Connection: close`), over the
/// project's own TCP and TLS (OpenSSL, `--ca-file` honoured). Bounded: DNS, connect, TLS
/// handshake, sending and reading the answer all end by one deadline (`timeoutSeconds`, default
/// 15 s); the answer is read up to `maximumAnswerBytes` (64 KiB for an upload's answer; reads of
/// a collector's reports pass a larger bound).
public struct HTTPUploadClient: Sendable {
    public var endpoint: UploadEndpoint
    public var token: String
    public var caFile: String?
    public var timeoutSeconds: Double
    public var maximumAnswerBytes: Int

    /// An upload's answer is a short JSON object.
    public static let uploadAnswerBytes = 64 << 10

    public init(endpoint: UploadEndpoint, token: String, caFile: String? = nil, timeoutSeconds: Double = 15,
                maximumAnswerBytes: Int = HTTPUploadClient.uploadAnswerBytes) {
        self.endpoint = endpoint
        self.token = token
        self.caFile = caFile
        self.timeoutSeconds = timeoutSeconds
        self.maximumAnswerBytes = maximumAnswerBytes
    }

    /// POSTs `body` (a JSON report) to the endpoint's path with the bearer token.
    public func post(_ body: [UInt8]) async throws(UploadError) -> UploadResponse {
        try await send(method: "POST", path: endpoint.path, body: body, authorized: true)
    }

    /// One request on the endpoint's host (`path` with its query); the token only when `authorized`.
    public func send(method: String, path: String, body: [UInt8] = [], authorized: Bool) async throws(UploadError) -> UploadResponse {
        let clock = SystemClock()
        let deadline = clock.now.addingSaturating(Nanoseconds.seconds(timeoutSeconds))
        let addresses: [TransportAddress]
        do {
            addresses = try await DNSResolver.resolve(host: endpoint.host, port: endpoint.port, deadline: deadline, clock: clock)
        } catch {
            throw .transport("\(endpoint.host): \(error)")
        }
        guard let address = addresses.first else { throw .transport("\(endpoint.host): no address") }
        let stream: any ByteStream
        do {
            if endpoint.secure {
                stream = try await TLSConnection.connect(to: address, options: TLSOptions(serverName: endpoint.host, caFile: caFile),
                                                         deadline: deadline)
            } else {
                stream = try await TCPConnection.connect(to: address, deadline: deadline)
            }
        } catch {
            throw .transport("\(endpoint): \(error)")
        }
        defer { stream.close() }
        var head = "\(method) \(path) HTTP/1.1\r\nHost: \(endpoint.hostHeader)\r\nUser-Agent: iceprobe\r\n"
            + "Content-Length: \(body.count)\r\nConnection: close\r\n"
        if !body.isEmpty { head += "Content-Type: application/json\r\n" }
        if authorized { head += "Authorization: Bearer \(token)\r\n" }
        head += "\r\n"
        do {
            _ = try await stream.write(Array(head.utf8) + body, deadline: deadline)
        } catch {
            throw .transport("sending to \(endpoint): \(error)")
        }
        var answer: [UInt8] = []
        // Where the headers end and how long the whole answer is, once known: later reads then
        // only count bytes instead of scanning the answer again (a collector's reports can be MiBs).
        var headerEnd: Int?
        var expectedCount: Int?
        while answer.count <= maximumAnswerBytes {
            if headerEnd == nil, let range = answer.firstRange(of: [13, 10, 13, 10] as [UInt8]) {
                headerEnd = range.upperBound
                if let parsed = try Self.parse(answer, complete: false) { return parsed }
                expectedCount = Self.contentLength(answer[..<range.lowerBound]).map { range.upperBound + $0 }
            } else if headerEnd == nil, answer.count > Self.uploadAnswerBytes {
                throw .badResponse("no end of headers in the first \(Self.uploadAnswerBytes) bytes")
            } else if let expectedCount, answer.count >= expectedCount, let parsed = try Self.parse(answer, complete: false) {
                return parsed
            }
            let chunk: [UInt8]
            do {
                chunk = try await stream.read(maximumLength: 64 << 10, deadline: deadline).bytes
            } catch {
                if error.kind == .closed, let parsed = try Self.parse(answer, complete: true) { return parsed }
                throw .transport("reading the answer of \(endpoint): \(error)")
            }
            if chunk.isEmpty {
                if let parsed = try Self.parse(answer, complete: true) { return parsed }
                throw .badResponse("the connection closed before a complete answer")
            }
            answer += chunk
        }
        throw .badResponse("the answer is larger than \(maximumAnswerBytes) bytes")
    }

    /// The Content-Length of a header block, nil when absent or unreadable (`parse` says why).
    static func contentLength(_ head: ArraySlice<UInt8>) -> Int? {
        for line in String(decoding: head, as: UTF8.self).components(separatedBy: "\r\n").dropFirst() {
            let pair = line.split(separator: ":", maxSplits: 1)
            if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-length" {
                return Int(pair[1].trimmingCharacters(in: .whitespaces))
            }
        }
        return nil
    }

    /// The response once the headers and the body (by Content-Length, else up to the close) are
    /// in; nil while more bytes are needed. Total: malformed answers throw `badResponse`.
    public static func parse(_ bytes: [UInt8], complete: Bool) throws(UploadError) -> UploadResponse? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = bytes.firstRange(of: separator) else {
            if complete { throw .badResponse("no end of headers") }
            return nil
        }
        let head = String(decoding: bytes[..<end.lowerBound], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), let status = Int(statusParts[1]),
              (100...599).contains(status) else {
            throw .badResponse("status line \(lines[0].prefix(80))")
        }
        var length: Int?
        for line in lines.dropFirst() {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2 else { continue }
            if pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "content-length" {
                guard let value = Int(pair[1].trimmingCharacters(in: .whitespaces)), value >= 0 else {
                    throw .badResponse("Content-Length \(pair[1].prefix(20))")
                }
                length = value
            }
        }
        let body = bytes[end.upperBound...]
        if let length {
            guard body.count >= length else {
                if complete { throw .badResponse("the answer body is shorter than its Content-Length") }
                return nil
            }
            return UploadResponse(status: status, body: String(decoding: body.prefix(length), as: UTF8.self))
        }
        guard complete else { return nil }
        return UploadResponse(status: status, body: String(decoding: body, as: UTF8.self))
    }
}
