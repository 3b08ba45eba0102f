/// Impairments applied to ONE direction of a link (see `LinkImpairment` for both directions).
///
/// - `delayMs`: one-way delay added to every packet (so RTT grows by twice this).
/// - `jitterMs`: each packet's delay is drawn uniformly from `delayMs - jitterMs ... delayMs + jitterMs`
///   (must not exceed `delayMs`); packet order is kept unless `reorder` is true.
/// - `lossPercent`: independent random loss (iptables `statistic --mode random`).
/// - `burstLoss`: Gilbert two-state loss run by the impairment daemon: in the good state no
///   packet is lost; each packet moves good->bad with probability `enterPercent`, bad->good with
///   `exitPercent`; every packet seen in the bad state is dropped. Mean burst = 100/exitPercent packets.
/// - `maxPacketBytes`: IP packets longer than this are dropped silently (iptables `length`
///   match), like a tunnel with a small MTU that neither fragments nor sends ICMP: an MTU black hole.
/// - `rateKbit`: token-bucket rate limit (tc tbf) on the egress of the device that sends this
///   direction's packets onto the link.
public struct Impairment: Hashable, Sendable {
    public var delayMs: Double = 0
    public var jitterMs: Double = 0
    public var lossPercent: Double = 0
    public var burstLoss: BurstLoss?
    /// Time-based outages: the link is up for exponentially distributed periods (mean
    /// `meanGapMs`), then drops every packet for exponentially distributed periods (mean
    /// `meanOutageMs`), whatever the packet rate (unlike `burstLoss`, whose state moves per packet).
    public var outages: Outages?
    public var rateKbit: Int?
    public var reorder: Bool = false
    public var maxPacketBytes: Int?

    public init(delayMs: Double = 0, jitterMs: Double = 0, lossPercent: Double = 0,
                burstLoss: BurstLoss? = nil, outages: Outages? = nil, rateKbit: Int? = nil, reorder: Bool = false,
                maxPacketBytes: Int? = nil) {
        self.delayMs = delayMs
        self.jitterMs = jitterMs
        self.lossPercent = lossPercent
        self.burstLoss = burstLoss
        self.outages = outages
        self.rateKbit = rateKbit
        self.reorder = reorder
        self.maxPacketBytes = maxPacketBytes
    }

    /// Gilbert model parameters, in percent per packet.
    ///
    /// `slotMs` (optional): the state also moves once per `slotMs` of silence before a packet
    /// (at least once per packet), so a burst cannot outlast a pause in the traffic: on traffic
    /// denser than one packet per slot it is the per-packet model, while sparse packets (a TURN
    /// set-up between media streams) meet the long-run loss rate instead of a burst that lasts
    /// until enough packets have passed.
    public struct BurstLoss: Hashable, Sendable {
        public var enterPercent: Double
        public var exitPercent: Double
        public var slotMs: Double?

        public init(enterPercent: Double, exitPercent: Double, slotMs: Double? = nil) {
            self.enterPercent = enterPercent
            self.exitPercent = exitPercent
            self.slotMs = slotMs
        }
    }

    /// Mean durations of the up and down periods of `outages`, milliseconds.
    public struct Outages: Hashable, Sendable {
        public var meanGapMs: Double
        public var meanOutageMs: Double

        public init(meanGapMs: Double, meanOutageMs: Double) {
            self.meanGapMs = meanGapMs
            self.meanOutageMs = meanOutageMs
        }

        /// The long-run share of time (and of packets) lost, percent.
        public var lossPercent: Double { 100 * meanOutageMs / (meanGapMs + meanOutageMs) }
    }

    /// True when the NFQUEUE daemon is needed (delay, jitter, bursty loss or outages).
    public var needsQueue: Bool { delayMs > 0 || jitterMs > 0 || burstLoss != nil || outages != nil }

    public var isEmpty: Bool { !needsQueue && lossPercent == 0 && rateKbit == nil && maxPacketBytes == nil }
}
