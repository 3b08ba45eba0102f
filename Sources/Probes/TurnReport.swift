import Foundation

/// The `iceprobe turn` report: `schemaVersion`, `kind: "turn"`, `ok` (at least one attempt
/// allocated and relayed) and the `results` array. Renders as JSON or plain text.
public struct TurnReport: Encodable, Hashable, Sendable {
    public static let schemaVersion = 1

    public var results: [TurnAttemptResult]

    public init(results: [TurnAttemptResult]) {
        self.results = results
    }

    public init(observations: [TurnObservation]) {
        self.results = observations.map(TurnAttemptResult.init)
    }

    /// At least one attempt allocated and relayed.
    public var ok: Bool { results.contains { $0.ok } }

    private enum CodingKeys: String, CodingKey {
        case schemaVersion, kind, ok, results
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.schemaVersion, forKey: .schemaVersion)
        try container.encode("turn", forKey: .kind)
        try container.encode(ok, forKey: .ok)
        try container.encode(results, forKey: .results)
    }

    /// Pretty-printed JSON with sorted keys.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Plain text: one block per attempt.
    public func text() -> String {
        var lines: [String] = []
        for result in results {
            let mark = result.ok ? "OK  " : "FAIL"
            lines.append("\(mark) \(result.transport.rawValue.uppercased()) \(result.server)  [\(result.diagnosis)]")
            if let proxy = result.proxy { lines.append("     through the HTTP proxy \(proxy)") }
            if let relayed = result.relayedAddress {
                lines.append("     relayed \(relayed)" + (result.mappedAddress.map { ", mapped \($0)" } ?? ""))
            }
            var timings: [String] = []
            if let value = result.connectMs { timings.append("connect \(Self.format(value)) ms") }
            if let value = result.tlsHandshakeMs { timings.append("TLS \(Self.format(value)) ms") }
            if let value = result.allocateMs { timings.append("allocate \(Self.format(value)) ms") }
            if let value = result.relayRttMs { timings.append("relay RTT \(Self.format(value)) ms") }
            if let loss = result.relayLossPercent, let sent = result.relaySent {
                timings.append("relay loss \(Self.format(loss)) % of \(sent)")
            }
            if !timings.isEmpty { lines.append("     " + timings.joined(separator: ", ")) }
            if let code = result.errorCode { lines.append("     error code \(code)") }
            if result.staleNonceRetries > 0 {
                lines.append("     \(result.staleNonceRetries) stale-nonce (438) answer(s) retried with the new nonce")
            }
            if !result.message.isEmpty { lines.append("     " + result.message) }
            if !result.ok { lines.append("     " + result.explanation) }
        }
        let working = results.filter(\.ok).map { $0.transport.rawValue.uppercased() }
        lines.append(working.isEmpty ? "No transport allocated and relayed."
                                     : "Relaying works over: " + Array(Set(working)).sorted().joined(separator: ", ") + ".")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Locale-free number with at most two decimals.
    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let whole = hundredths / 100
        let fraction = abs(hundredths % 100)
        if fraction == 0 { return String(whole) }
        return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
