/// The cost of bridging a call through a far region's queue instead of anchoring it in the
/// home region, with both paths modelled and a plain recommendation.
///
/// Path model (one way, network share = sum of leg RTTs / 2, see `MouthToEarModel`):
/// - anchored in home: agent <-> home, home <-> customer;
/// - bridged via far: agent <-> far, far <-> home, home <-> customer.
/// Assumptions: the customer is near the home region (their RTT to it equals the agent's unless
/// given); jitter and loss of a path are the agent's measured values to its anchoring region
/// (customer and inter-region legs add none); when the inter-region RTT is not given it is
/// estimated as `|farRtt - homeRtt|`, a lower bound by the triangle inequality that is close when
/// the agent is near the home region, so the detour is then a lower bound too.
/// R and MOS: the simplified ITU-T G.107 E-model (`EModel`) with d = the modelled mouth-to-ear delay.
///
/// Media over a TCP/TLS relay (`mediaOverTcp`, UDP blocked): TCP delivers in order, so one lost
/// segment holds back every later audio packet until its retransmission arrives (head-of-line
/// blocking). At best the sender retransmits on the third duplicate ACK (fast retransmit, RFC 5681
/// section 3.2), which the three packets after the lost one trigger: the stall is about
/// 3 packet intervals + one RTT of the relay leg (longer, at least Linux's 200 ms minimum RTO,
/// when too few packets follow; RFC 6298). With measured loss the jitter buffer must grow to hold
/// that stall, so the model sizes it at least that large; the loss itself then does not reach the
/// E-model (TCP repairs it: late, not lost). Without measured loss nothing is added, and the
/// assumption says so.
public struct QueueRoutingEstimate: Sendable, Equatable, Codable {
    public let anchored: RoutingPath
    public let bridged: RoutingPath
    public let interRegionRttMs: Double
    public let interRegionRttEstimated: Bool
    public let customerRttAssumed: Bool
    /// Extra one-way delay of the bridged path, ms (bridged minus anchored).
    public let detourMs: Double
    public let assumptions: [String]
    public let recommendation: String
    /// The name of the quality formula used for `rFactor` and `mos`.
    public let formula: String

    /// Detours up to this many ms one way are reported as negligible.
    public static let defaultNegligibleDetourMs = 10.0

    public static let headOfLineSource = "sources: RFC 5681 section 3.2, fast retransmit on the third duplicate ACK; RFC 6298, the retransmission timer"

    public static let formulaName = "simplified ITU-T G.107 E-model (d = modelled mouth-to-ear delay)"

    public init(anchored: RoutingPath, bridged: RoutingPath, interRegionRttMs: Double,
                interRegionRttEstimated: Bool, customerRttAssumed: Bool, detourMs: Double,
                assumptions: [String], recommendation: String, formula: String) {
        self.anchored = anchored
        self.bridged = bridged
        self.interRegionRttMs = interRegionRttMs
        self.interRegionRttEstimated = interRegionRttEstimated
        self.customerRttAssumed = customerRttAssumed
        self.detourMs = detourMs
        self.assumptions = assumptions
        self.recommendation = recommendation
        self.formula = formula
    }

    /// Builds the estimate; `nil` when an RTT, jitter or loss is negative or not finite, loss is
    /// above 100 %, or the model's parameters are invalid.
    public static func estimate(_ input: QueueRoutingInput, model: MouthToEarModel = MouthToEarModel(),
                                negligibleDetourMs: Double = defaultNegligibleDetourMs) -> QueueRoutingEstimate? {
        let optionals = [input.homeJitterMs, input.farJitterMs, input.homeLossPercent, input.farLossPercent,
                         input.interRegionRttMs, input.customerRttMs].compactMap { $0 }
        guard ([input.homeRttMs, input.farRttMs, negligibleDetourMs] + optionals).allSatisfy({ $0.isFinite && $0 >= 0 }),
              (input.homeLossPercent ?? 0) <= 100, (input.farLossPercent ?? 0) <= 100 else { return nil }

        let interEstimated = input.interRegionRttMs == nil
        let inter = input.interRegionRttMs ?? abs(input.farRttMs - input.homeRttMs)
        let customerAssumed = input.customerRttMs == nil
        let customer = input.customerRttMs ?? input.homeRttMs

        guard let anchored = path(.anchored, region: input.homeRegion, agentRtt: input.homeRttMs,
                                  customerRtt: customer, jitter: input.homeJitterMs,
                                  loss: input.homeLossPercent ?? 0, overTcp: input.mediaOverTcp, model: model),
              let bridged = path(.bridged, region: input.farRegion, agentRtt: input.farRttMs,
                                 customerRtt: customer + inter, jitter: input.farJitterMs,
                                 loss: input.farLossPercent ?? 0, overTcp: input.mediaOverTcp, model: model) else { return nil }

        var assumptions = [
            "mouth-to-ear = sum of leg RTTs / 2 + jitter buffer + \(model.codec.name) codec \(NumberText.ms(model.codec.delayMs)) + device allowance \(NumberText.ms(model.deviceAllowanceMs))",
            "jitter and loss of each path are the agent's measured values to its anchoring region",
        ]
        assumptions.append(customerAssumed
            ? "the customer is near \(input.homeRegion): their RTT to it is taken equal to the agent's (\(NumberText.ms(customer)))"
            : "customer RTT to \(input.homeRegion) given: \(NumberText.ms(customer))")
        assumptions.append(interEstimated
            ? "\(input.homeRegion)-\(input.farRegion) RTT not given: estimated as |\(input.farRegion) RTT - \(input.homeRegion) RTT| = \(NumberText.ms(inter)) (a lower bound)"
            : "\(input.homeRegion)-\(input.farRegion) RTT given: \(NumberText.ms(inter))")

        let measuredBy = [(input.homeRegion, input.homeMethod), (input.farRegion, input.farMethod)]
            .compactMap { region, method in method.map { "\(region) by \($0.rawValue)" } }
        if [input.homeMethod, input.farMethod].contains(where: { $0 != nil && $0 != .stunUdp }) {
            assumptions.append("agent RTTs measured \(measuredBy.joined(separator: ", ")): a TCP or TLS handshake times the path to the target, which for a signalling edge may not be where media are relayed")
        }
        if input.mediaOverTcp {
            let frame = NumberText.ms(model.codec.frameMs)
            let lossy = (input.homeLossPercent ?? 0) > 0 || (input.farLossPercent ?? 0) > 0
            assumptions.append("UDP is blocked: media go over a TURN relay reached by TCP/TLS. A lost segment holds back every later packet until it is retransmitted (head-of-line blocking): at best 3 packet intervals (\(frame) each) + one RTT of the relay leg, longer when too few packets follow (\(headOfLineSource)); "
                + (lossy ? "with the measured loss the jitter buffer is sized to hold that stall, and the loss is repaired (late, not lost)"
                         : "no loss was measured, so nothing is added; every lost packet would add such a stall"))
        }

        let detour = bridged.oneWayDelayMs - anchored.oneWayDelayMs
        let recommendation: String
        if detour <= negligibleDetourMs {
            recommendation = "Bridging through a \(input.farRegion) queue costs about \(NumberText.integer(max(detour, 0))) ms one way from here: no change needed."
        } else {
            var text = "Anchor the call in a conference in \(input.homeRegion) instead of bridging through a \(input.farRegion) queue: saves ~\(NumberText.integer(detour)) ms one way (\(NumberText.integer(bridged.oneWayDelayMs)) -> \(NumberText.integer(anchored.oneWayDelayMs)) ms mouth-to-ear)"
            if !bridged.withinG114 && anchored.withinG114 {
                text += " and keeps the call within the ITU-T G.114 150 ms budget"
            }
            recommendation = text + "."
        }
        return QueueRoutingEstimate(anchored: anchored, bridged: bridged, interRegionRttMs: inter,
                                    interRegionRttEstimated: interEstimated, customerRttAssumed: customerAssumed,
                                    detourMs: detour, assumptions: assumptions, recommendation: recommendation,
                                    formula: formulaName)
    }

    private static func path(_ via: RoutingVia, region: String, agentRtt: Double, customerRtt: Double,
                             jitter: Double?, loss: Double, overTcp: Bool, model: MouthToEarModel) -> RoutingPath? {
        guard let network = MouthToEarModel.networkOneWayMs(legRttsMs: [agentRtt, customerRtt]),
              var delay = model.delay(networkOneWayMs: network, jitterMs: jitter) else { return nil }
        var loss = loss
        if overTcp && loss > 0 {
            // Head-of-line stall of one fast retransmit: the buffer holds it; TCP repairs the loss.
            let stall = 3 * model.codec.frameMs + agentRtt
            delay = MouthToEarDelay(networkMs: delay.networkMs, jitterBufferMs: max(delay.jitterBufferMs, stall),
                                    codecMs: delay.codecMs, deviceMs: delay.deviceMs)
            loss = 0
        }
        guard let r = EModel.rFactor(oneWayDelayMs: delay.totalMs, lossPercent: loss),
              let mos = MosScale.mos(rFactor: r) else { return nil }
        return RoutingPath(via: via, region: region, agentLegRttMs: agentRtt, customerLegRttMs: customerRtt,
                           delay: delay, lossPercent: loss, rFactor: r, mos: mos)
    }
}
