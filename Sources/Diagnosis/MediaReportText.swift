/// The plain-text rendering of a `MediaReport` (no judgement here: findings come from the report).
extension MediaReport {
    public func text() -> String {
        var out = "Media stream through \(server) over \(transport.uppercased())"
        if let resolvedAddress { out += " (\(resolvedAddress))" }
        out += ": \(verdict.rawValue)\n"
        out += "  codec \(codec.rawValue), \(payloadBytes)-byte payload every \(NumberText.ms(packetIntervalMs)) for \(NumberText.decimal(seconds, 1)) s"
        if relayedAddresses.count == 2 { out += ", relays \(relayedAddresses[0]) <-> \(relayedAddresses[1])" }
        out += "\n"
        if let error { out += "  setup failed (\(error.id), \(error.stage)): \(error.message)\n" }
        if let s = stream {
            func pct(_ value: Double?) -> String { value.map { NumberText.decimal($0, 2) + " %" } ?? "n/a" }
            func ms(_ value: Double?) -> String { value.map { NumberText.decimal($0, 2) + " ms" } ?? "n/a" }
            out += "  sent \(s.sent), received \(s.received), lost \(s.lost) (\(pct(s.lossPercent))), duplicates \(s.duplicates)\n"
            if let bursts = s.bursts {
                out += "  loss runs \(bursts.bursts), longest \(bursts.maxLength), burst ratio (G.113) "
                    + (s.burstRatio.map { NumberText.decimal($0, 2) } ?? "n/a")
                    + ", worst 200 ms window \(pct(s.worstWindowLossPercent))\n"
            }
            out += "  jitter (RFC 3550) \(ms(s.jitterMs)), delay variation p95 \(ms(s.delayVariationMs?.p95)) p99 \(ms(s.delayVariationMs?.p99))\n"
            out += "  late for a 60 ms buffer \(pct(s.latePercent?.buffer60Ms)), for 100 ms \(pct(s.latePercent?.buffer100Ms)); reordered \(pct(s.reorderedPercent))\n"
            if let rtt = s.rttMs {
                out += "  round trip to the relay min \(ms(rtt.min)) median \(ms(rtt.median)) p95 \(ms(rtt.p95))\n"
            }
            out += "  echoes back: \(s.returnLeg.received) of \(s.returnLeg.sent) (\(pct(s.returnLeg.lossPercent)) lost), jitter \(ms(s.returnLeg.jitterMs))\n"
            if let model = s.eModel {
                out += "  E-model: R \(NumberText.decimal(model.rFactor, 1)), MOS \(NumberText.decimal(model.mos, 2))"
                    + (s.mosBand.map { " (\($0.rawValue))" } ?? "")
                    + " from Ta \(NumberText.ms(model.oneWayDelayMs)), Ppl \(NumberText.decimal(model.effectiveLossPercent, 2)) %, "
                    + "BurstR \(NumberText.decimal(model.burstRatio, 2)), Ie \(NumberText.decimal(model.equipmentImpairment, 1)), "
                    + "Bpl \(NumberText.decimal(model.packetLossRobustness, 1))\n"
                out += "    \(eModelFormula)\n"
            }
        }
        if !datagrams.isEmpty {
            let sizes = datagrams.map { "\($0.bytes) " + ($0.arrived.map { $0 ? "ok" : "lost" } ?? "not tried") }
            out += "  datagrams: " + sizes.joined(separator: ", ")
                + "; largest through: " + (maxDatagramBytes.map { "\($0) bytes" } ?? "none") + "\n"
        }
        for note in notes { out += "  note: \(note)\n" }
        for finding in findings {
            out += "  [\(finding.severity.rawValue)] \(finding.id.rawValue): \(finding.message)\n"
            if let action = finding.action { out += "    -> \(action)\n" }
        }
        if deallocated == false { out += "  allocations: deletion not confirmed\n" }
        return out
    }
}
