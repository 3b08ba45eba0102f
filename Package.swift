// swift-tools-version:6.0
// iceprobe: WebRTC connectivity diagnostics and NAT traversal tester.
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "iceprobe",
    products: [
        .executable(name: "iceprobe", targets: ["iceprobe"]),
        .library(name: "StunWire", targets: ["StunWire"]),
        .library(name: "ProbeTransport", targets: ["ProbeTransport"]),
        .library(name: "Probes", targets: ["Probes"]),
        .library(name: "Diagnosis", targets: ["Diagnosis"]),
        .library(name: "Lab", targets: ["Lab"]),
        .library(name: "Credentials", targets: ["Credentials"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The collector (`iceprobe serve`) only: HTTP server, storage, metrics, logs.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Already in Hummingbird's graph; named for the collector's request-deadline handler,
        // TLS files and graceful shutdown.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // C libraries. COpenSSL: one file in StunWire (digests) and one in ProbeTransport (TLS);
        // CNice: IceAgent only (three files: agent handle, main loop, logging); CNetfilterQueue:
        // one file in Lab.
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl",
                       providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CNice", pkgConfig: "nice",
                       providers: [.apt(["libnice-dev", "libglib2.0-dev"])]),
        .systemLibrary(name: "CNetfilterQueue", pkgConfig: "libnetfilter_queue",
                       providers: [.apt(["libnetfilter-queue-dev"])]),

        // Pure STUN/TURN wire codec: no I/O, no clocks. Uses OpenSSL only for digests.
        .target(name: "StunWire", dependencies: ["COpenSSL"], swiftSettings: strict),
        // Secrets that never print, credential files and ICE server lists (no I/O beyond reading them).
        .target(name: "Credentials", dependencies: [], swiftSettings: strict),
        // Sockets, DNS, TLS, transactions, retransmission schedules, injectable clock.
        .target(name: "ProbeTransport", dependencies: ["StunWire", "COpenSSL"], swiftSettings: strict),
        // Probes: the network I/O of every check, producing observations with timings; single
        // NAT tests are judged by Diagnosis (NatTestRules, NatClassifier). Also holds the check
        // orchestration (planner, runner, facts) and TurnClassifier, which reads ProbeTransport's
        // failure kinds.
        .target(name: "Probes", dependencies: ["StunWire", "ProbeTransport", "Diagnosis", "Credentials"], swiftSettings: strict),
        // Classifiers, thresholds, E-model, findings, report model and renderers, profiles and
        // site rollup. Pure except the site report loader and the baseline reader (files, stdin).
        .target(name: "Diagnosis", dependencies: [], swiftSettings: strict),
        // The only module that imports libnice.
        .target(name: "IceAgent", dependencies: ["CNice", "Credentials", "ProbeTransport"], swiftSettings: strict),
        // Network lab: scenarios, namespaces, NAT, impairments, coturn.
        .target(name: "Lab", dependencies: ["Yams", "CNetfilterQueue", "Diagnosis"],
                swiftSettings: strict),
        // Sending check reports to a collector: HTTP(S) upload and the spool of unsent reports.
        // Light on purpose (the project's own sockets and TLS) so `check` does not need the server stack.
        .target(name: "ReportUpload", dependencies: ["Diagnosis", "ProbeTransport", "StunWire"], swiftSettings: strict),
        // The collector behind `iceprobe serve`: HTTP routes, auth, the store (SQLite or
        // PostgreSQL) behind one protocol. Evaluates and rolls up with Diagnosis, never its own way.
        .target(
            name: "Collector",
            dependencies: [
                "Diagnosis", "COpenSSL", "Credentials",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            // The browser check page (HTML, CSS, JavaScript modules), compiled into the binary.
            resources: [.embedInCode("CheckPage")],
            swiftSettings: strict),
        .executableTarget(
            name: "iceprobe",
            dependencies: [
                "StunWire", "ProbeTransport", "Probes", "Diagnosis", "Lab", "IceAgent", "Credentials",
                "ReportUpload", "Collector",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict,
            // Full RELRO (-z now): the GOT is read-only after start-up; iceprobe runs as root in the lab.
            linkerSettings: [.unsafeFlags(["-Xlinker", "-z", "-Xlinker", "now"])],
            plugins: ["VersionStamp"]),
        // Build-tool plugin: BuildVersion.swift (git describe, commit) for `iceprobe --version`.
        .plugin(name: "VersionStamp", capability: .buildTool()),

        // Test helpers shared by test targets (the coturn launcher).
        .target(name: "IceprobeTestSupport", dependencies: ["StunWire", "ProbeTransport"], path: "Tests/Support",
                swiftSettings: strict),
        .testTarget(name: "StunWireTests", dependencies: ["StunWire", "IceprobeTestSupport"], swiftSettings: strict),
        .testTarget(name: "ProbeTransportTests", dependencies: ["ProbeTransport", "StunWire"], swiftSettings: strict),
        .testTarget(name: "ProbesTests", dependencies: ["Probes", "ProbeTransport", "StunWire", "Diagnosis", "Credentials", "IceprobeTestSupport"], swiftSettings: strict),
        .testTarget(name: "DiagnosisTests", dependencies: ["Diagnosis", "IceprobeTestSupport"], exclude: ["Fixtures"], swiftSettings: strict),
        .testTarget(name: "LabTests", dependencies: ["Lab", "Diagnosis", "IceprobeTestSupport"], swiftSettings: strict),
        .testTarget(name: "IceAgentTests", dependencies: ["IceAgent", "Credentials", "IceprobeTestSupport"], swiftSettings: strict),
        .testTarget(name: "CollectorTests", dependencies: ["Collector", "ReportUpload", "Diagnosis", "ProbeTransport", "StunWire", "IceprobeTestSupport",
                                                        .product(name: "Logging", package: "swift-log")],
                     swiftSettings: strict),
        .testTarget(name: "ReportUploadTests", dependencies: ["ReportUpload", "IceprobeTestSupport"], swiftSettings: strict),
        .testTarget(name: "CredentialsTests", dependencies: ["Credentials", "IceprobeTestSupport"], swiftSettings: strict),
        // The executable's JSON contracts (gather, lab up --format json).
        .testTarget(name: "IceprobeCLITests", dependencies: ["iceprobe", "IceAgent", "Lab"], swiftSettings: strict),
    ]
)
