import Foundation

/// A simplified ITU-T G.107 E-model (the form used by Vonage's network test), with the
/// one-way delay `d` in milliseconds and packet loss `p` as a ratio:
///
///     Id = 0.024 d + 0.11 (d - 177.3) H(d - 177.3)      (H: 0 below 0, 1 from 0)
///     Ie = 19.8 ln(1 + 29.7 p)
///     R  = 93.2 - Id - Ie,   MOS = MosScale.mos(R)
///
/// Vonage estimates `d = RTT / 2 + 30` (`oneWayDelayEstimate(rttMs:)`); the routing model here
/// passes its own modelled mouth-to-ear delay instead (see `MouthToEarModel`).
public enum EModel {
    /// The Vonage one-way delay estimate, `RTT / 2 + 30` ms.
    public static func oneWayDelayEstimate(rttMs: Double) -> Double { rttMs / 2 + 30 }

    /// R for a one-way delay (ms) and loss (percent); `nil` when an input is negative or not
    /// finite, or loss is above 100 %.
    public static func rFactor(oneWayDelayMs d: Double, lossPercent: Double) -> Double? {
        guard d.isFinite, lossPercent.isFinite, d >= 0, lossPercent >= 0, lossPercent <= 100 else { return nil }
        let delayImpairment = 0.024 * d + (d >= 177.3 ? 0.11 * (d - 177.3) : 0)
        let lossImpairment = 19.8 * log(1 + 29.7 * lossPercent / 100)
        return 93.2 - delayImpairment - lossImpairment
    }

    /// MOS for a one-way delay (ms) and loss (percent); `nil` on invalid input.
    public static func mos(oneWayDelayMs: Double, lossPercent: Double) -> Double? {
        rFactor(oneWayDelayMs: oneWayDelayMs, lossPercent: lossPercent).flatMap(MosScale.mos(rFactor:))
    }
}
