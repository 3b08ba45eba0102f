import Foundation
import IceAgent
import Probes

/// The JSON shapes of `iceprobe gather` (schema version 1). Absent values are written as `null`
/// ("not measured"), never left out.
enum GatherJSON {
    static let schemaVersion = 1

    /// The summary object (`kind: "gather"`).
    struct Summary: Encodable {
        var mode: String
        var report: GatheringReport
        var connectivity: ConnectivityReport?
        /// iceprobe's own TURN attempts after gathering; nil when not run (--no-turn-check, --netns).
        var turnChecks: [TurnAttemptResult]?

        enum Keys: String, CodingKey {
            case schemaVersion, kind, mode, ok, candidates, servers, gatheringCompleteMs, firstCandidateMs,
                 trickleHeadStartMs, slowestServer, deadlineMs, cancelled, warnings, connectivity, counts, turnChecks
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(GatherJSON.schemaVersion, forKey: .schemaVersion)
            try c.encode("gather", forKey: .kind)
            try c.encode(mode, forKey: .mode)
            try c.encode(report.hasServerCandidate, forKey: .ok)
            try c.encode(report.candidates.map(Candidate.init), forKey: .candidates)
            try c.encode(report.servers.map(Server.init), forKey: .servers)
            try c.encode(report.gatheringCompleteMs, forKey: .gatheringCompleteMs)
            try c.encode(Times(report.firstCandidateMs), forKey: .firstCandidateMs)
            try c.encode(report.trickleHeadStartMs, forKey: .trickleHeadStartMs)
            try c.encode(report.slowestServer, forKey: .slowestServer)
            try c.encode(report.deadlineMs, forKey: .deadlineMs)
            try c.encode(report.cancelled, forKey: .cancelled)
            try c.encode(report.warnings, forKey: .warnings)
            try c.encode(Counts(CandidateCounts(candidates: report.candidates, servers: report.servers)), forKey: .counts)
            if let connectivity {
                try c.encode(Connectivity(connectivity), forKey: .connectivity)
            } else {
                try c.encodeNil(forKey: .connectivity)
            }
            try c.encode(turnChecks, forKey: .turnChecks)
        }
    }

    /// One candidate (`kind: "candidate"` when streamed as a JSON line).
    struct Candidate: Encodable {
        var candidate: IceCandidate
        var streamed = false

        init(_ candidate: IceCandidate) { self.candidate = candidate }

        enum Keys: String, CodingKey {
            case kind, foundation, component, transport, type, address, port, priority, relatedAddress,
                 relatedPort, server, elapsedMs, sdp, portPreserved
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            if streamed { try c.encode("candidate", forKey: .kind) }
            try c.encode(candidate.foundation, forKey: .foundation)
            try c.encode(candidate.component, forKey: .component)
            try c.encode(candidate.transport.rawValue, forKey: .transport)
            try c.encode(candidate.type.rawValue, forKey: .type)
            try c.encode(candidate.address, forKey: .address)
            try c.encode(candidate.port, forKey: .port)
            try c.encode(candidate.priority, forKey: .priority)
            try c.encode(candidate.relatedAddress, forKey: .relatedAddress)
            try c.encode(candidate.relatedPort, forKey: .relatedPort)
            try c.encode(candidate.server, forKey: .server)
            try c.encode(candidate.elapsedMs, forKey: .elapsedMs)
            try c.encode(CandidateAttribute.format(candidate), forKey: .sdp)
            // srflx only: did the NAT keep the base's port? (null for other types or an unknown base)
            let preserved = candidate.type == .srflx ? candidate.relatedPort.map { $0 == candidate.port } : nil
            try c.encode(preserved, forKey: .portPreserved)
        }
    }

    /// One server's outcome (`kind: "server"` when streamed).
    struct Server: Encodable {
        var outcome: ServerOutcome
        var streamed = false

        init(_ outcome: ServerOutcome) { self.outcome = outcome }

        enum Keys: String, CodingKey {
            case kind, server, serverKind, transport, resolvedAddress, status, candidateCount, firstCandidateMs,
                 finishedMs, heldGatheringMs, notes
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            if streamed { try c.encode("server", forKey: .kind) }
            try c.encode(outcome.server, forKey: .server)
            try c.encode(outcome.kind, forKey: .serverKind)
            try c.encode(outcome.transport, forKey: .transport)
            try c.encode(outcome.resolvedAddress, forKey: .resolvedAddress)
            try c.encode(outcome.status.rawValue, forKey: .status)
            try c.encode(outcome.candidateCount, forKey: .candidateCount)
            try c.encode(Times(outcome.firstCandidateMs), forKey: .firstCandidateMs)
            try c.encode(outcome.finishedMs, forKey: .finishedMs)
            try c.encode(outcome.heldGatheringMs, forKey: .heldGatheringMs)
            try c.encode(outcome.notes, forKey: .notes)
        }
    }

    /// Candidate counts and port-preservation facts (`counts` in the summary); unmeasured is `null`.
    struct Counts: Encodable {
        var counts: CandidateCounts
        init(_ counts: CandidateCounts) { self.counts = counts }

        enum Keys: String, CodingKey {
            case host, srflx, srflxUDP, prflx, relay, relayViaUDP, relayViaTCP, relayViaTLS, srflxPortPreserved,
                 srflxPortDiffersFromHost, srflxEqualsHost, srflxAddresses
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(counts.host, forKey: .host)
            try c.encode(counts.srflx, forKey: .srflx)
            try c.encode(counts.srflxUDP, forKey: .srflxUDP)
            try c.encode(counts.prflx, forKey: .prflx)
            try c.encode(counts.relay, forKey: .relay)
            try c.encode(counts.relayViaUDP, forKey: .relayViaUDP)
            try c.encode(counts.relayViaTCP, forKey: .relayViaTCP)
            try c.encode(counts.relayViaTLS, forKey: .relayViaTLS)
            try c.encode(counts.srflxPortPreserved, forKey: .srflxPortPreserved)
            try c.encode(counts.srflxPortDiffersFromHost, forKey: .srflxPortDiffersFromHost)
            try c.encode(counts.srflxEqualsHost, forKey: .srflxEqualsHost)
            try c.encode(counts.srflxAddresses, forKey: .srflxAddresses)
        }
    }

    /// First-candidate times by type, each `null` when there was none.
    struct Times: Encodable {
        var times: FirstCandidateTimes
        init(_ times: FirstCandidateTimes) { self.times = times }

        enum Keys: String, CodingKey { case host, srflx, prflx, relay }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(times.host, forKey: .host)
            try c.encode(times.srflx, forKey: .srflx)
            try c.encode(times.prflx, forKey: .prflx)
            try c.encode(times.relay, forKey: .relay)
        }
    }

    /// The connectivity check, when one was run.
    struct Connectivity: Encodable {
        var report: ConnectivityReport
        init(_ report: ConnectivityReport) { self.report = report }

        enum Keys: String, CodingKey {
            case state, checksStartedMs, selectedPairMs, connectedMs, localType, remoteType, localCandidate, remoteCandidate, deadlineMs, detail,
                 relayed, iceRestarts, firstAttemptFailure
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(report.state.rawValue, forKey: .state)
            try c.encode(report.checksStartedMs, forKey: .checksStartedMs)
            try c.encode(report.selectedPairMs, forKey: .selectedPairMs)
            try c.encode(report.connectedMs, forKey: .connectedMs)
            try c.encode(report.localCandidate?.type.rawValue, forKey: .localType)
            try c.encode(report.remoteCandidate?.type.rawValue, forKey: .remoteType)
            try c.encode(report.localCandidate.map(CandidateAttribute.format), forKey: .localCandidate)
            try c.encode(report.remoteCandidate.map(CandidateAttribute.format), forKey: .remoteCandidate)
            try c.encode(report.deadlineMs, forKey: .deadlineMs)
            try c.encode(report.detail, forKey: .detail)
            try c.encode(report.iceRestarts, forKey: .iceRestarts)
            try c.encode(report.firstAttemptFailure, forKey: .firstAttemptFailure)
            // Whether the nominated pair goes through a TURN relay on either side (null: no pair).
            let types = [report.localCandidate?.type, report.remoteCandidate?.type]
            try c.encode(types.contains(nil) ? nil : types.contains(.relay), forKey: .relayed)
        }
    }

    /// One compact JSON line with sorted keys.
    static func line(_ value: some Encodable) throws -> String {
        try OutputFormat.jsonLine(value)
    }
}
