import Collector
import Diagnosis
import Foundation
import IceprobeTestSupport
import ReportUpload
import Testing

/// `serve --tls-cert/--tls-key`: HTTPS on loopback with a self-signed certificate (openssl).
@Suite struct CollectorTLSTests {
    @Test("HTTPS: an agent trusting the collector's CA uploads; one that does not is refused by its own TLS check",
          .enabled(if: Coturn.opensslPath != nil || Coturn.integrationRequired))
    func httpsUpload() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("iceprobe-tls-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: try #require(Coturn.opensslPath))
        openssl.arguments = ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                             "-keyout", directory + "/collector.key", "-out", directory + "/collector.pem", "-days", "2",
                             "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"]
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        #expect(openssl.terminationStatus == 0)

        let collector = try await CollectorHarness.start(.sqlite, tls: (directory + "/collector.pem", directory + "/collector.key"))
        do {
            let endpoint = try UploadEndpoint.parse("https://127.0.0.1:\(collector.port)", allowInsecureHTTP: false)
            let report = Array(try ReportJSON.render(CollectorHarness.sampleReports(1)[0]).utf8)
            let trusted = HTTPUploadClient(endpoint: endpoint, token: CollectorHarness.token, caFile: directory + "/collector.pem",
                                           timeoutSeconds: 10)
            #expect(try await trusted.post(report).status == 201)
            let untrusted = HTTPUploadClient(endpoint: endpoint, token: CollectorHarness.token, timeoutSeconds: 10)
            await #expect(throws: UploadError.self) { try await untrusted.post(report) }
            // Plain HTTP to the HTTPS port gets no answer that looks like a stored report.
            let plain = HTTPUploadClient(endpoint: try UploadEndpoint.parse("http://127.0.0.1:\(collector.port)", allowInsecureHTTP: false),
                                         token: CollectorHarness.token, timeoutSeconds: 5)
            #expect((try? await plain.post(report))?.status != 201)
            #expect(try await collector.store.count() == 1)
        } catch {
            await collector.stop(removeFiles: true)
            throw error
        }
        await collector.stop(removeFiles: true)
    }
}
