import Foundation

/// The ITU-T G.107 E-model for a media stream, with the packet-loss robustness of the codec and
/// the burstiness of the loss taken into account (G.107 section 7.2, equation 7-29):
///
///     Ie,eff = Ie + (95 - Ie) * Ppl / (Ppl / BurstR + Bpl)
///     Id     = 0.024 Ta + 0.11 (Ta - 177.3) H(Ta - 177.3)       (H: 0 below 0, 1 from 0)
///     R      = 93.2 - Id - Ie,eff
///     MOS    = 1 + 0.035 R + 7e-6 R (R - 60) (100 - R)           (G.107 Annex B, `MosScale`)
///
/// - `Ppl`: packets lost or too late for the playout buffer, percent of those sent;
/// - `BurstR`: the G.113 burst ratio of those unusable packets (1 for random loss, above 1 when
///   they come in runs, `LossBursts`); 1 when nothing was lost;
/// - `Ie`, `Bpl`: the codec's equipment impairment and packet-loss robustness (`MediaCodec`);
/// - `Ta`: one-way mouth-to-ear delay, ms; `Id` is the usual closed-form fit of G.107's delay
///   impairment at default parameters, and 93.2 is `Ro - Is` at G.107's defaults (A = 0).
public struct MediaEModel: Sendable, Equatable, Codable {
    public let oneWayDelayMs: Double
    public let effectiveLossPercent: Double
    public let burstRatio: Double
    public let equipmentImpairment: Double
    public let packetLossRobustness: Double
    public let delayImpairment: Double
    public let effectiveEquipmentImpairment: Double
    public let rFactor: Double
    public let mos: Double

    /// The formula, for reports.
    public static let formula = "R = 93.2 - Id - Ie,eff; Ie,eff = Ie + (95 - Ie) * Ppl / (Ppl / BurstR + Bpl); "
        + "Id = 0.024 Ta + 0.11 (Ta - 177.3) H(Ta - 177.3); MOS = 1 + 0.035 R + 7e-6 R (R - 60) (100 - R) (ITU-T G.107)"

    /// `nil` when an input is negative, not finite, a loss above 100 %, a burst ratio or Bpl not
    /// above zero.
    public init?(oneWayDelayMs ta: Double, effectiveLossPercent ppl: Double, burstRatio: Double,
                 equipmentImpairment ie: Double, packetLossRobustness bpl: Double) {
        guard ta.isFinite, ppl.isFinite, burstRatio.isFinite, ie.isFinite, bpl.isFinite,
              ta >= 0, ppl >= 0, ppl <= 100, burstRatio > 0, ie >= 0, bpl > 0 else { return nil }
        let id = 0.024 * ta + (ta >= 177.3 ? 0.11 * (ta - 177.3) : 0)
        let ieEff = ie + (95 - ie) * ppl / (ppl / burstRatio + bpl)
        let r = 93.2 - id - ieEff
        guard let mos = MosScale.mos(rFactor: r) else { return nil }
        oneWayDelayMs = ReportNumber.milliseconds(ta)
        effectiveLossPercent = ReportNumber.thousandths(ppl)
        self.burstRatio = ReportNumber.thousandths(burstRatio)
        equipmentImpairment = ie
        packetLossRobustness = bpl
        delayImpairment = ReportNumber.thousandths(id)
        effectiveEquipmentImpairment = ReportNumber.thousandths(ieEff)
        rFactor = ReportNumber.thousandths(r)
        self.mos = ReportNumber.thousandths(mos)
    }
}
