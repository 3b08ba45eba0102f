import ArgumentParser
import Lab

/// `iceprobe lab impair` (hidden): the NFQUEUE delay/jitter/burst-loss/outage daemon the lab starts in
/// its internet namespace, one per queue. Runs until killed.
struct LabImpairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "impair", abstract: "Impairment daemon for one NFQUEUE (started by the lab).",
        shouldDisplay: false)

    @Option(name: .long, help: "NFQUEUE number.") var queue: UInt16
    @Option(name: .long, help: "One-way delay in ms.") var delayMs: Double = 0
    @Option(name: .long, help: "Jitter in ms (delay drawn uniformly from delay±jitter).") var jitterMs: Double = 0
    @Flag(name: .long, help: "Allow jitter to reorder packets.") var reorder = false
    @Option(name: .long, help: "Gilbert loss: percent chance per packet to enter the loss state.") var burstEnterPercent: Double?
    @Option(name: .long, help: "Gilbert loss: percent chance per packet to leave the loss state.") var burstExitPercent: Double?
    @Option(name: .long, help: "Gilbert loss: the state also moves once per this many ms of silence before a packet.") var burstSlotMs: Double?
    @Option(name: .long, help: "Outages: mean up period between outages, ms.") var outageGapMs: Double?
    @Option(name: .long, help: "Outages: mean outage length, ms.") var outageMs: Double?
    @Option(name: .long, help: "File created once the queue is bound.") var readyFile: String?

    func validate() throws {
        guard delayMs >= 0, jitterMs >= 0, delayMs <= 10_000, jitterMs <= delayMs else {
            throw ValidationError("need 0 <= jitter <= delay <= 10000 ms")
        }
        guard (burstEnterPercent == nil) == (burstExitPercent == nil) else {
            throw ValidationError("give both --burst-enter-percent and --burst-exit-percent, or neither")
        }
        if let slot = burstSlotMs {
            guard burstEnterPercent != nil, slot.isFinite, (1...10_000).contains(slot) else {
                throw ValidationError("--burst-slot-ms needs the burst options and must be in 1...10000")
            }
        }
        guard (outageGapMs == nil) == (outageMs == nil) else {
            throw ValidationError("give both --outage-gap-ms and --outage-ms, or neither")
        }
        if let gap = outageGapMs, let down = outageMs {
            guard gap.isFinite, down.isFinite, (1...3_600_000).contains(gap), (1...60_000).contains(down) else {
                throw ValidationError("need 1 <= --outage-gap-ms <= 3600000 and 1 <= --outage-ms <= 60000")
            }
        }
    }

    func run() throws {
        var burst: Impairment.BurstLoss?
        if let enter = burstEnterPercent, let exit = burstExitPercent {
            burst = Impairment.BurstLoss(enterPercent: enter, exitPercent: exit, slotMs: burstSlotMs)
        }
        let outages = outageGapMs.flatMap { gap in outageMs.map { Impairment.Outages(meanGapMs: gap, meanOutageMs: $0) } }
        let schedule = ImpairmentSchedule(delayMs: delayMs, jitterMs: jitterMs, reorder: reorder, burstLoss: burst,
                                          outages: outages)
        do {
            try ImpairmentDaemon.run(queue: queue, schedule: schedule, readyFile: readyFile)
        } catch {
            throw LabCommandSupport.fail(error)
        }
    }
}
