/// The ITU-T G.107 mapping from the transmission rating R to an estimated MOS (Annex B):
/// `MOS = 1 + 0.035 R + 7e-6 R (R - 60) (100 - R)` for 0 < R < 100, 1 for R <= 0, 4.5 for
/// R >= 100, and never below 1 (the cubic dips to about 0.99 for 0 < R < 6.5, which is why
/// Twilio floors R at 6.52). Both quality formulas in this module (Twilio's and the simplified E-model) use it.
public enum MosScale {
    /// MOS for `rFactor`; `nil` when R is not finite.
    public static func mos(rFactor r: Double) -> Double? {
        guard r.isFinite else { return nil }
        if r <= 0 { return 1 }
        if r >= 100 { return 4.5 }
        return max(1, 1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r))
    }
}
