import ArgumentParser
import Collector
import Diagnosis
import Foundation

/// `iceprobe site`: rolls agents' `iceprobe check` JSON reports up into one readiness report per
/// site, or compares two runs with `--baseline`. Reads files, or a collector's reports (`--db`
/// or `--collector`); its running time is bounded by the input size (10,000 reports take well
/// under 2 s in a release build) and each collector request by 15 s.
struct SiteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "site",
        abstract: "Roll agents' check reports up into one readiness report per site (or compare two runs).",
        discussion: """
        Inputs: report files, directories (every *.json below them) and - (standard input, one JSON \
        report per line). Reports are grouped by their site, or by the public address seen by STUN \
        when they have none; an agent checked twice counts once, with its latest report. A file that \
        is corrupt or has an unsupported schemaVersion is named on standard error and skipped.

        Site verdict: not-ready when fewer than 90 % of the agents are ready or ready-with-warnings, \
        or a failure is shared by at least 2 agents and 10 % of the site; ready-with-warnings when \
        some agent is not ready or a warning is shared; ready otherwise.

        --db PATH|postgres://USER@HOST/DB reads every report a collector (iceprobe serve) stored, \
        --collector URL asks a running collector for each site's latest report per agent; \
        --since and --until (ISO 8601 time or date) select the reports' start times.

        --baseline OLD compares OLD (files or directories of the earlier run) with the inputs: \
        findings that disappeared or appeared, agents whose verdict changed, RTT shifts.

        Exit codes: 0 every site ready or ready-with-warnings, 1 a site is not ready or no report \
        could be read, 2 usage error.
        """
    )

    @Argument(help: ArgumentHelp("Report files, directories, or - for JSON lines on standard input.", valueName: "path"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("Read the reports a collector stored: its SQLite file or postgres:// URL.", valueName: "path|url"))
    var db: String?

    @Option(help: ArgumentHelp("Read each site's latest reports from a running collector (https://HOST[:PORT]).", valueName: "url"))
    var collector: String?

    @Option(name: .customLong("collector-ca-file"), help: ArgumentHelp("PEM CA file to trust for --collector HTTPS.", valueName: "path"))
    var collectorCaFile: String?

    @Flag(name: .customLong("insecure-http"), help: "Allow --collector over plain http:// to a non-loopback host.")
    var insecureHTTP = false

    @Option(help: ArgumentHelp("With --db or --collector: reports started at or after this time (ISO 8601).", valueName: "time"))
    var since: String?

    @Option(help: ArgumentHelp("With --db or --collector: reports started at or before this time (ISO 8601).", valueName: "time"))
    var until: String?

    @Option(help: "Output format: text, json, markdown or html.")
    var format: SiteOutputFormat = .text

    @Option(help: ArgumentHelp("Write the output to this file instead of standard output.", valueName: "file"))
    var out: String?

    @Option(help: ArgumentHelp("Compare with an earlier run: its reports (file or directory); repeatable.", valueName: "path"))
    var baseline: [String] = []

    @Option(help: ArgumentHelp("Agents listed per site in text, Markdown and HTML (JSON lists all).", valueName: "n"))
    var agentLimit: Int?

    @Option(help: ArgumentHelp(visibility: .hidden))
    var generateSamples: Int?

    @Option(help: ArgumentHelp(visibility: .hidden))
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp(visibility: .hidden))
    var sites: Int = 20

    /// Benchmark aid: phase durations (read and decode, rollup, render) on standard error.
    @Flag(help: ArgumentHelp(visibility: .hidden))
    var timings = false

    func validate() throws {
        if let generateSamples {
            guard (1...1_000_000).contains(generateSamples) else { throw ValidationError("--generate-samples must be 1...1000000") }
            guard paths.count == 1, paths[0] != "-" else { throw ValidationError("--generate-samples needs one output directory") }
            return
        }
        if db != nil && collector != nil { throw ValidationError("give --db or --collector, not both") }
        if (since != nil || until != nil) && db == nil && collector == nil { throw ValidationError("--since and --until need --db or --collector") }
        _ = try window()
        if paths.isEmpty && db == nil && collector == nil {
            throw ValidationError("give at least one report file, directory, - for standard input, --db or --collector")
        }
        if paths.filter({ $0 == "-" }).count > 1 || baseline.contains("-") {
            throw ValidationError("standard input (-) can be read once, and not as the baseline")
        }
        if let agentLimit, agentLimit < 0 { throw ValidationError("--agent-limit must be 0 or more") }
    }

    func run() async throws {
        if let generateSamples {
            try generate(count: generateSamples, into: paths[0])
            return
        }
        let clock = ContinuousClock()
        let started = clock.now
        var current = SiteRollup()
        var tally = SiteReportLoader.load(paths, into: &current, warn: FileHandleOutput.standardError)
        if db != nil || collector != nil { try await loadCollector(into: &current, tally: &tally) }
        let loaded = clock.now
        guard tally.read > 0 else {
            FileHandleOutput.standardError("error: no readable check report in the inputs (\(tally.skipped) skipped)")
            throw ExitCode(ExitStatus.failure)
        }
        let reports = current.reports()
        let rolled = clock.now
        let output: String
        if baseline.isEmpty {
            output = try render(reports)
        } else {
            var old = SiteRollup()
            let oldTally = SiteReportLoader.load(baseline, into: &old, warn: FileHandleOutput.standardError)
            guard oldTally.read > 0 else {
                FileHandleOutput.standardError("error: no readable check report in the baseline (\(oldTally.skipped) skipped)")
                throw ExitCode(ExitStatus.failure)
            }
            let comparisons = SiteComparison.compare(baseline: old.reports(), current: reports)
            switch format {
            case .json: output = try SiteJSON.render(comparisons)
            case .markdown: output = SiteComparisonRenderer.markdown(comparisons)
            case .text: output = SiteComparisonRenderer.text(comparisons)
            case .html: throw ValidationError("--baseline supports --format text, markdown or json")
            }
        }
        try emit(output)
        if timings {
            func ms(_ duration: Duration) -> String {
                let parts = duration.components
                return String(parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000) + " ms"
            }
            FileHandleOutput.standardError("timings: read+decode+fold \(ms(loaded - started)) (\(tally.read) reports), "
                + "rollup \(ms(rolled - loaded)), render+write \(ms(clock.now - rolled))")
        }
        if reports.contains(where: { $0.verdict == .notReady }) { throw ExitCode(ExitStatus.failure) }
    }

    /// The --since/--until window (SiteQuery's forms: ISO 8601 time, or a date).
    private func window() throws -> TimeWindow {
        var parameters: [String: String] = [:]
        parameters["since"] = since
        parameters["until"] = until
        do {
            return try SiteQuery.parse(parameters).window
        } catch {
            throw ValidationError("--\(error.message)")
        }
    }

    /// Adds the collector's reports (--db or --collector) with the same decoder as files.
    private func loadCollector(into rollup: inout SiteRollup, tally: inout SiteReportLoader.Tally) async throws {
        let bodies: [Data]
        do {
            if let db {
                bodies = try await SiteCollectorSource.database(db, window: try window())
            } else if let collector {
                bodies = try await SiteCollectorSource.collector(collector, caFile: collectorCaFile, insecureHTTP: insecureHTTP,
                                                                 window: try window())
            } else {
                return
            }
        } catch {
            FileHandleOutput.standardError("error: \(error)")
            throw ExitCode(ExitStatus.failure)
        }
        for (index, body) in bodies.enumerated() {
            switch SiteReportLoader.decode(body, source: "collector report \(index + 1)") {
            case .success(let view):
                rollup.add(view)
                tally.read += 1
            case .failure(let error):
                FileHandleOutput.standardError("warning: \(error.description); skipped")
                tally.skipped += 1
            }
        }
    }

    private func render(_ reports: [SiteReport]) throws -> String {
        switch format {
        case .text: SiteTextRenderer.render(reports, agentLimit: agentLimit ?? 50)
        case .markdown: SiteMarkdownRenderer.render(reports, agentLimit: agentLimit ?? 50)
        case .html: SiteHTMLRenderer.render(reports, agentLimit: agentLimit ?? 200)
        case .json: try SiteJSON.render(reports)
        }
    }

    private func emit(_ text: String) throws {
        guard let out else {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } catch {
            throw ValidationError("--out \(out): cannot write (\(error.localizedDescription))")
        }
    }

    /// Hidden benchmark helper: writes `count` seeded synthetic reports as JSON files.
    private func generate(count: Int, into directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var generator = SiteSampleGenerator(seed: seed, sites: sites)
        for index in 0..<count {
            let report = generator.agent(index: index).report()
            let path = (directory as NSString).appendingPathComponent(String(format: "report-%06d.json", index))
            try Data(try ReportJSON.render(report).utf8).write(to: URL(fileURLWithPath: path))
        }
    }
}
