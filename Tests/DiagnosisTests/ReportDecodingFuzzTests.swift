import Foundation
import Testing
@testable import Diagnosis
import IceprobeTestSupport

/// Check reports read back by `iceprobe site` (and `ReportJSON`) come from many machines and may
/// be damaged: every mutation of a real lab report decodes or gives a `SiteInputError` naming the
/// source; none traps. Also the new `lossBursts` object, damaged on its own.
@Suite struct ReportDecodingFuzzTests {
    static let labReports = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/site/lab")

    @Test func mutatedLabReportsNeverTrap() async throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.labReports.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        #expect(!files.isEmpty)
        var random = SplitMix64(seed: 0xDEC0_DE5)
        var decoded = 0, rejected = 0
        for file in files {
            await Task.yield()
            let original = Array(try Data(contentsOf: Self.labReports.appendingPathComponent(file)))
            for _ in 0..<400 {
                let bytes = random.damage(original, alphabet: Array("{}[]\",:0123456789-.eEnulltruefalse ".utf8))
                switch SiteReportLoader.decode(Data(bytes), source: file) {
                case .success: decoded += 1
                case .failure(let error):
                    rejected += 1
                    #expect(error.source == file)
                }
                // ReportJSON itself: a report that decodes renders and reads back to the same text;
                // one that does not is a typed error saying what (and for a field, where).
                switch Result(catching: { () throws(ReportDecodingError) -> CheckReport in try ReportJSON.decode(Data(bytes)) }) {
                case .success(let report):
                    // Rendering rounds (milliseconds to 0.1 ms and so on), so compare rendered text: the
                    // rendering of a decoded report is a fixed point.
                    let text = try ReportJSON.render(report)
                    #expect(try ReportJSON.render(ReportJSON.decode(Data(text.utf8))) == text, "\(file): re-encoding differs")
                case .failure(let error):
                    if case .invalidField(let path, let reason) = error { #expect(!reason.isEmpty, "\(file) at \(path)") }
                    #expect(!error.description.isEmpty)
                }
            }
        }
        print("ReportDecodingFuzzTests: \(decoded) damaged reports still rolled up, \(rejected) rejected with their source")
        #expect(rejected > 0 && decoded > 0)
    }

    @Test func damagedLossBurstsAreRejectedOrRead() {
        let base = #"{"id": "jp1", "rttMs": null, "jitterMs": null, "lossPercent": 5, "reachable": true, "samplesSent": 20, "lossBursts": "#
        // Each damaged object either reads (null: not measured) or is rejected with the key it broke.
        let cases: [(String, Bool, String?)] = [
            (#"null"#, true, nil), (#"{}"#, false, "sent"), (#"{"sent": "x"}"#, false, "sent"),
            (#"[1, 2]"#, false, "lossBursts"),
            (#"{"sent": -1, "lost": 1e308, "bursts": 1, "meanLength": null, "maxLength": 9999999999999999999, "burstRatio": null, "worstWindowLossPercent": null}"#, false, nil),
        ]
        for (bursts, reads, key) in cases {
            do {
                let region = try JSONDecoder().decode(RegionResult.self, from: Data((base + bursts + "}").utf8))
                #expect(reads, "\(bursts) should be rejected")
                #expect(region.lossBursts == nil && region.lossPercent == 5)
            } catch let error as DecodingError {
                #expect(!reads, "\(bursts) should read: \(error)")
                if let key { #expect("\(error)".contains(key), "\(bursts): \(error)") }
            } catch {
                Issue.record("\(bursts): not a DecodingError: \(error)")
            }
        }
        let good = #"{"sent": 20, "lost": 1, "bursts": 1, "meanLength": 1, "maxLength": 1, "burstRatio": 0.95, "worstWindowLossPercent": null}"#
        let region = try? JSONDecoder().decode(RegionResult.self, from: Data((base + good + "}").utf8))
        #expect(region?.lossBursts?.lost == 1)
    }
}
