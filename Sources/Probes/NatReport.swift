import Diagnosis

/// The `iceprobe nat` report: verdict of the majority run (``NatAgreement``), agreement as
/// confidence, and what was measured. Built from a ``NatSession`` and the classifier's verdicts
/// (the caller classifies; this only assembles). Every optional is written as JSON `null`
/// ("not measured"), never omitted.
public struct NatReport: Sendable, Encodable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var kind: String
    public var mapping: NatBehavior
    public var filtering: NatBehavior
    public var mappingVariesByDestination: Bool?
    public var natDetected: Bool?
    public var udpBlocked: Bool?
    public var classicType: ClassicNatType
    public var classicName: String
    public var hairpinning: Bool?
    public var bindingLifetimeSeconds: Double?
    /// Share of runs agreeing with the reported verdict (1 with one run).
    public var confidence: Double?
    public var runs: Int
    public var agreeingRuns: Int
    public var durationMs: Double
    public var servers: [NatServerResult]
    /// Whether the first server supports RFC 5780 (returned OTHER-ADDRESS).
    public var rfc5780: Bool?
    /// Which NAT-discovery standard the first server speaks: `rfc5780`, `rfc3489` or `none`
    /// (null when it never answered).
    public var serverStandard: StunServerStandard?
    public var algDetected: Bool?
    /// The plain sentence: what this means for calls.
    public var verdict: String
    public var publicAddress: String?
    public var localAddress: String?
    public var rttMs: Double?
    public var notes: [NatNote]
    /// The per-test details of the reported run.
    public var tests: [NatTestDetail]
    public var lifetime: NatLifetimeResult?
    public var strays: Int
    public var problems: [String]
    /// Every run in short (classic type, terms, duration), for `--repeat`.
    public var runDetails: [RunSummary]

    public struct RunSummary: Sendable, Encodable {
        public var mapping: NatBehavior
        public var filtering: NatBehavior
        public var classicType: ClassicNatType
        public var durationMs: Double
        public var rttMs: Double?
        public var strays: Int

        private enum CodingKeys: String, CodingKey { case mapping, filtering, classicType, durationMs, rttMs, strays }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(mapping, forKey: .mapping)
            try c.encode(filtering, forKey: .filtering)
            try c.encode(classicType, forKey: .classicType)
            try c.encodeMilliseconds(durationMs, forKey: .durationMs)
            try c.encodeMilliseconds(rttMs, forKey: .rttMs)
            try c.encode(strays, forKey: .strays)
        }
    }

    /// Assembles the report. `verdicts[i]` must be the classification of `session.runs[i]`.
    public init(session: NatSession, verdicts: [NatVerdict]) {
        let agreement = NatAgreement(verdicts: verdicts)
        let verdict = agreement?.verdict ?? NatClassifier.classify(NatObservations())
        let index = agreement.flatMap { chosen in verdicts.firstIndex { $0 == chosen.verdict } } ?? 0
        let run = session.runs.indices.contains(index) ? session.runs[index] : NatRun()
        schemaVersion = Self.currentSchemaVersion
        kind = "nat"
        mapping = verdict.mapping
        filtering = verdict.filtering
        mappingVariesByDestination = verdict.mappingVariesByDestination
        natDetected = verdict.natDetected
        udpBlocked = verdict.udpBlocked
        classicType = verdict.classicType
        classicName = verdict.classicType.displayName
        hairpinning = verdict.hairpinning
        bindingLifetimeSeconds = verdict.bindingLifetimeSeconds
        confidence = agreement.map { ($0.confidence * 1_000).rounded() / 1_000 }
        runs = session.runs.count
        agreeingRuns = agreement?.agreeing ?? 0
        durationMs = session.durationMs
        servers = run.servers.isEmpty ? session.servers : run.servers
        rfc5780 = verdict.rfc5780Supported
        serverStandard = verdict.serverStandard
        algDetected = verdict.algDetected
        self.verdict = verdict.callImpact
        publicAddress = verdict.publicAddress?.description
        localAddress = run.observations.localAddress?.description
        rttMs = run.rttMs
        notes = verdict.notes
        tests = run.tests
        lifetime = session.lifetime
        strays = session.runs.reduce(0) { $0 + $1.strays }
        var problems: [String] = []
        for problem in session.runs.flatMap(\.problems) where !problems.contains(problem) { problems.append(problem) }
        if let lifetimeProblem = session.lifetime?.problem { problems.append("binding lifetime: \(lifetimeProblem)") }
        self.problems = problems
        runDetails = zip(session.runs, verdicts).map { run, verdict in
            RunSummary(mapping: verdict.mapping, filtering: verdict.filtering, classicType: verdict.classicType,
                       durationMs: run.durationMs, rttMs: run.rttMs, strays: run.strays)
        }
    }

    /// True when something was classified: UDP works and mapping or filtering is known.
    /// (`iceprobe nat` exits 0 then, else 1.)
    public var classificationMade: Bool {
        udpBlocked == false && (mapping != .unknown || filtering != .unknown)
    }

    private enum CodingKeys: String, CodingKey {
        case schemaVersion, kind, mapping, filtering, mappingVariesByDestination, natDetected, udpBlocked
        case classicType, classicName, hairpinning, bindingLifetimeSeconds, confidence, runs, agreeingRuns
        case durationMs, servers, rfc5780, serverStandard, algDetected, verdict, publicAddress, localAddress, rttMs, notes
        case tests, lifetime, strays, problems, runDetails
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schemaVersion, forKey: .schemaVersion)
        try c.encode(kind, forKey: .kind)
        try c.encode(mapping, forKey: .mapping)
        try c.encode(filtering, forKey: .filtering)
        try c.encode(mappingVariesByDestination, forKey: .mappingVariesByDestination)
        try c.encode(natDetected, forKey: .natDetected)
        try c.encode(udpBlocked, forKey: .udpBlocked)
        try c.encode(classicType, forKey: .classicType)
        try c.encode(classicName, forKey: .classicName)
        try c.encode(hairpinning, forKey: .hairpinning)
        try c.encode(bindingLifetimeSeconds, forKey: .bindingLifetimeSeconds)
        try c.encode(confidence, forKey: .confidence)
        try c.encode(runs, forKey: .runs)
        try c.encode(agreeingRuns, forKey: .agreeingRuns)
        try c.encodeMilliseconds(durationMs, forKey: .durationMs)
        try c.encode(servers, forKey: .servers)
        try c.encode(rfc5780, forKey: .rfc5780)
        try c.encode(serverStandard, forKey: .serverStandard)
        try c.encode(algDetected, forKey: .algDetected)
        try c.encode(verdict, forKey: .verdict)
        try c.encode(publicAddress, forKey: .publicAddress)
        try c.encode(localAddress, forKey: .localAddress)
        try c.encodeMilliseconds(rttMs, forKey: .rttMs)
        try c.encode(notes, forKey: .notes)
        try c.encode(tests, forKey: .tests)
        try c.encode(lifetime, forKey: .lifetime)
        try c.encode(strays, forKey: .strays)
        try c.encode(problems, forKey: .problems)
        try c.encode(runDetails, forKey: .runDetails)
    }
}
