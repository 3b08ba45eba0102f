import Foundation

/// What the lab runs to impair one link, per direction: pure, so the direction mapping is tested
/// without root. `LabBuilder.applyImpairments()` executes it.
///
/// All of it lives where the link meets the internet namespace, except the outbound rate limit:
/// - outbound (site/region -> internet): packets entering the internet namespace from the link,
///   impaired in `mangle PREROUTING -i LINK` (queue `toInternet`); rate-limited by `tc tbf` on the
///   egress of the far end's device (the site router's `wan0`, the region server's `eth0`);
/// - inbound (internet -> site/region): packets leaving the internet namespace to the link,
///   impaired in `mangle POSTROUTING -o LINK` (queue `fromInternet`); rate-limited by `tc tbf`
///   on the egress of the internet namespace's device of the link.
/// A queue's ACCEPT ends the traversal of its hook, so a packet crossing two impaired links
/// (site uplink, then region link) meets each link's queue in its own hook.
struct ImpairmentPlan: Sendable {
    /// One impaired link: its device in the internet namespace and its far end.
    struct Link: Sendable {
        var name: String
        var internetInterface: String
        var farNamespace: String
        var farInterface: String
        var impairment: LinkImpairment
        var queues: (toInternet: UInt16, fromInternet: UInt16)
    }

    /// An NFQUEUE daemon (`iceprobe lab impair`), started in the internet namespace.
    struct Daemon: Sendable, Equatable {
        var role: String
        var queue: UInt16
        /// Arguments after the iceprobe executable.
        var arguments: [String]
        var readyFile: String
    }

    /// A command run in one namespace.
    struct Command: Sendable, Equatable {
        var namespace: String
        var argv: [String]
    }

    var daemons: [Daemon] = []
    /// iptables rules, in the internet namespace, in the order they are appended.
    var rules: [Command] = []
    /// tc qdiscs (one per rate-limited direction).
    var shapers: [Command] = []

    /// The plan for `link`; ready files go to `runDirectory`.
    init(link: Link, internetNamespace: String, runDirectory: String) {
        for direction in LinkImpairment.Direction.allCases {
            let impairment = link.impairment[direction]
            let (queue, chain, match): (UInt16, String, String) = direction == .outbound
                ? (link.queues.toInternet, "PREROUTING", "-i")
                : (link.queues.fromInternet, "POSTROUTING", "-o")
            if impairment.needsQueue {
                let ready = runDirectory + "/impair-\(queue).ready"
                var arguments = ["lab", "impair", "--queue", "\(queue)",
                                 "--delay-ms", "\(impairment.delayMs)", "--jitter-ms", "\(impairment.jitterMs)",
                                 "--ready-file", ready]
                if impairment.reorder { arguments.append("--reorder") }
                if let burst = impairment.burstLoss {
                    arguments += ["--burst-enter-percent", "\(burst.enterPercent)",
                                  "--burst-exit-percent", "\(burst.exitPercent)"]
                    if let slot = burst.slotMs { arguments += ["--burst-slot-ms", "\(slot)"] }
                }
                if let outages = impairment.outages {
                    arguments += ["--outage-gap-ms", "\(outages.meanGapMs)", "--outage-ms", "\(outages.meanOutageMs)"]
                }
                daemons.append(Daemon(role: "impair-\(link.name)-\(direction.rawValue)", queue: queue,
                                      arguments: arguments, readyFile: ready))
            }
            // An MTU black hole: longer packets vanish without ICMP.
            if let limit = impairment.maxPacketBytes {
                rules.append(Command(namespace: internetNamespace, argv: [
                    "iptables", "-w", "5", "-t", "mangle", "-A", chain, match, link.internetInterface,
                    "-m", "length", "--length", "\(limit + 1):65535", "-j", "DROP"]))
            }
            // Random loss before the queue: a dropped packet never costs the daemon a slot.
            if impairment.lossPercent > 0 {
                let probability = String(format: "%.6f", impairment.lossPercent / 100)
                rules.append(Command(namespace: internetNamespace, argv: [
                    "iptables", "-w", "5", "-t", "mangle", "-A", chain, match, link.internetInterface,
                    "-m", "statistic", "--mode", "random", "--probability", probability, "-j", "DROP"]))
            }
            if impairment.needsQueue {
                rules.append(Command(namespace: internetNamespace, argv: [
                    "iptables", "-w", "5", "-t", "mangle", "-A", chain, match, link.internetInterface,
                    "-j", "NFQUEUE", "--queue-num", "\(queue)", "--queue-bypass"]))
            }
            if let rate = impairment.rateKbit {
                // Burst: 10 ms worth of bytes, at least 2 full-size packets.
                let burst = max(3_200, rate * 1000 / 8 / 100)
                let (namespace, device) = direction == .outbound
                    ? (link.farNamespace, link.farInterface)
                    : (internetNamespace, link.internetInterface)
                shapers.append(Command(namespace: namespace, argv: [
                    "tc", "qdisc", "add", "dev", device, "root", "tbf", "rate", "\(rate)kbit",
                    "burst", "\(burst)", "latency", "200ms"]))
            }
        }
    }
}
