import Foundation
import IceprobeTestSupport
import ReportUpload
import Testing

@Suite struct UploadEndpointTests {
    @Test func collectorURLGetsTheReportsPath() throws {
        let endpoint = try UploadEndpoint.parse("https://collector.example:8443", allowInsecureHTTP: false)
        #expect(endpoint == UploadEndpoint(secure: true, host: "collector.example", port: 8443, path: "/api/v1/reports"))
        #expect(try UploadEndpoint.parse("https://c.example/iceprobe/", allowInsecureHTTP: false).path == "/iceprobe/api/v1/reports")
        #expect(try UploadEndpoint.parse("https://c.example/api/v1/reports", allowInsecureHTTP: false).port == 443)
        #expect(try UploadEndpoint.parse("http://[::1]:9000", allowInsecureHTTP: false).host == "::1")
    }

    @Test func plainHTTPOnlyToLoopbackUnlessAllowed() throws {
        #expect(throws: UploadError.self) { try UploadEndpoint.parse("http://192.0.2.10:8080", allowInsecureHTTP: false) }
        #expect(try UploadEndpoint.parse("http://192.0.2.10:8080", allowInsecureHTTP: true).secure == false)
        #expect(try UploadEndpoint.parse("http://127.0.0.1:8080", allowInsecureHTTP: false).port == 8080)
        #expect(try UploadEndpoint.parse("http://localhost", allowInsecureHTTP: false).port == 80)
    }

    @Test func badURLsAreUsageErrors() {
        for text in ["", "ftp://x", "https://", "https://u:p@host", "https://host:99999", "https://host/?a=1", "collector:8080"] {
            #expect(throws: UploadError.self, "\(text)") { try UploadEndpoint.parse(text, allowInsecureHTTP: true) }
        }
    }
}

@Suite struct HTTPAnswerParsingTests {
    @Test func completeAnswers() throws {
        let bytes = Array("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 9\r\n\r\n{\"id\":12}".utf8)
        #expect(try HTTPUploadClient.parse(bytes, complete: false) == UploadResponse(status: 201, body: "{\"id\":12}"))
        #expect(try HTTPUploadClient.parse(Array(bytes.dropLast(3)), complete: false) == nil)
        let closeDelimited = Array("HTTP/1.0 200 OK\r\n\r\nhello".utf8)
        #expect(try HTTPUploadClient.parse(closeDelimited, complete: false) == nil)
        #expect(try HTTPUploadClient.parse(closeDelimited, complete: true)?.body == "hello")
    }

    /// Total: every prefix and seeded damage of a valid answer parses or throws, never traps.
    @Test func damagedAnswersNeverTrap() {
        let valid = Array("HTTP/1.1 400 Bad Request\r\nContent-Length: 20\r\n\r\n{\"error\":\"bad json\"}".utf8)
        for cut in 0...valid.count {
            _ = try? HTTPUploadClient.parse(Array(valid.prefix(cut)), complete: true)
            _ = try? HTTPUploadClient.parse(Array(valid.prefix(cut)), complete: false)
        }
        var random = SplitMix64(seed: 17)
        for _ in 0..<2_000 {
            var damaged = valid
            for _ in 0..<3 { damaged[Int(random.next() % UInt64(damaged.count))] = UInt8(truncatingIfNeeded: random.next()) }
            _ = try? HTTPUploadClient.parse(damaged, complete: true)
        }
        #expect(throws: UploadError.self) { try HTTPUploadClient.parse(Array("SSH-2.0-x\r\n\r\n".utf8), complete: true) }
        #expect(throws: UploadError.self) { try HTTPUploadClient.parse(Array("HTTP/1.1 200 OK\r\nContent-Length: -4\r\n\r\n".utf8), complete: true) }
    }
}

@Suite struct ReportSpoolTests {
    func scratch() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("iceprobe-spool-\(UUID().uuidString)").path
    }

    @Test func spooledReportsAreWholeAndOrdered() throws {
        let directory = scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spool = ReportSpool(directory: directory)
        let first = try spool.add(Array("{\"n\":1}".utf8))
        let second = try spool.add(Array("{\"n\":2}".utf8))
        #expect(spool.pending() == [first, second].sorted())
        #expect(spool.pending().first == first)
        #expect(FileManager.default.contents(atPath: directory + "/" + first) == Data("{\"n\":1}".utf8))
        // No temporary file is left and none is listed.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).allSatisfy { !$0.hasSuffix(".tmp") })
    }

    @Test func unreachableCollectorKeepsEverything() async throws {
        let directory = scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let spool = ReportSpool(directory: directory)
        _ = try spool.add(Array("{}".utf8))
        _ = try spool.add(Array("{}".utf8))
        // A loopback port nobody listens on: connection refused at once.
        let port = try Coturn.freePort()
        let client = HTTPUploadClient(endpoint: try UploadEndpoint.parse("http://127.0.0.1:\(port)", allowInsecureHTTP: false),
                                      token: "token-0123456789abcdef", timeoutSeconds: 3)
        let result = await spool.flush(with: client)
        #expect(result.sent == 0)
        #expect(result.kept == 2)
        #expect(result.lastError != nil)
        #expect(!(result.lastError?.description.contains("token-0123456789abcdef") ?? true))
        #expect(spool.pending().count == 2)
    }

    @Test func defaultDirectory() {
        #expect(ReportSpool.defaultDirectory(environment: ["HOME": "/home/a"]) == "/home/a/.local/state/iceprobe/spool")
        #expect(ReportSpool.defaultDirectory(environment: ["HOME": "/home/a", "XDG_STATE_HOME": "/s"]) == "/s/iceprobe/spool")
        #expect(ReportSpool.defaultDirectory(environment: [:]) == nil)
    }
}
