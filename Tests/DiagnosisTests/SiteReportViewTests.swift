import Foundation
import Testing
@testable import Diagnosis

/// The slim decode `iceprobe site` uses must see exactly what the full decode sees of every
/// rolled-up field, and keep the full decoder's error messages for damaged reports.
@Suite struct SiteReportViewTests {
    private static func allFixtureFiles() -> [URL] {
        let root = SiteFixtures.directory
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var files: [URL] = []
        while let item = walker.nextObject() as? String {
            if item.hasSuffix(".json") { files.append(root.appendingPathComponent(item)) }
        }
        return files.sorted { $0.path < $1.path }
    }

    @Test func slimDecodeEqualsTheViewOfTheFullReport() throws {
        let files = Self.allFixtureFiles()
        #expect(files.count >= 24, "fixtures: \(files.count)")
        for file in files {
            let data = try Data(contentsOf: file)
            let full = try ReportJSON.decode(data)
            let slim = try SiteReportLoader.decode(data, source: file.lastPathComponent).get()
            #expect(slim == SiteReportView(full), "\(file.lastPathComponent)")
        }
    }

    @Test func rollupOfSlimViewsEqualsRollupOfFullReports() throws {
        let files = Self.allFixtureFiles()
        var slim = SiteRollup()
        var full = SiteRollup()
        for file in files {
            let data = try Data(contentsOf: file)
            slim.add(try SiteReportLoader.decode(data, source: file.path).get())
            full.add(try ReportJSON.decode(data))
        }
        #expect(try SiteJSON.render(slim.reports()) == (try SiteJSON.render(full.reports())))
    }

    @Test func damagedRolledUpFieldsKeepTheFullErrorMessage() throws {
        let json = try String(contentsOf: SiteLabTests.directory.appendingPathComponent("desk1.json"), encoding: .utf8)
        func reason(_ text: String) -> String? {
            if case .failure(let error) = SiteReportLoader.decode(Data(text.utf8), source: "x.json") { return error.description }
            return nil
        }
        let badVerdict = json.replacingOccurrences(of: "\n  \"verdict\" : \"ready-with-warnings\"", with: "\n  \"verdict\" : \"maybe\"")
        #expect(badVerdict != json)
        #expect(reason(badVerdict)?.contains("verdict") == true)
        let noRegionId = json.replacingOccurrences(of: "\"id\" : \"jp1\",", with: "")
        #expect(reason(noRegionId)?.contains("regions[0].id") == true)
        #expect(reason(#"{"schemaVersion": 9}"#)?.contains("schemaVersion 9 is not supported") == true)
        #expect(reason("[1]") != nil && reason("") != nil)
    }
}
