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
        .executableTarget(
            name: "iceprobe",
            dependencies: [
                "StunWire", "ProbeTransport", "Probes", "Diagnosis", "Lab", "IceAgent", "Credentials",
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
        .testTarget(name: "CredentialsTests", dependencies: ["Credentials", "IceprobeTestSupport"], swiftSettings: strict),
        // The executable's JSON contracts (gather, lab up --format json).
        .testTarget(name: "IceprobeCLITests", dependencies: ["iceprobe", "IceAgent", "Lab"], swiftSettings: strict),
    ]
)
