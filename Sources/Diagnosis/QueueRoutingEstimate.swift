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
                                  loss: input.homeLossPercent ?? 0, model: model),
              let bridged = path(.bridged, region: input.farRegion, agentRtt: input.farRttMs,
                                 customerRtt: customer + inter, jitter: input.farJitterMs,
                                 loss: input.farLossPercent ?? 0, model: model) else { return nil }

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
                             jitter: Double?, loss: Double, model: MouthToEarModel) -> RoutingPath? {
        guard let network = MouthToEarModel.networkOneWayMs(legRttsMs: [agentRtt, customerRtt]),
              let delay = model.delay(networkOneWayMs: network, jitterMs: jitter),
              let r = EModel.rFactor(oneWayDelayMs: delay.totalMs, lossPercent: loss),
              let mos = MosScale.mos(rFactor: r) else { return nil }
        return RoutingPath(via: via, region: region, agentLegRttMs: agentRtt, customerLegRttMs: customerRtt,
                           delay: delay, lossPercent: loss, rFactor: r, mos: mos)
    }
}
