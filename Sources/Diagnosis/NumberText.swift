/// Deterministic, locale-free number formatting for messages and renderers. Total: values too
/// large for an `Int` or not finite are written with Swift's own description, never trapping.
public enum NumberText {
    /// Largest magnitude formatted through `Int` (well inside `Int` and exact in `Double`).
    private static let limit = 1e15

    /// `value` rounded to the nearest integer, e.g. `"42"`.
    static func integer(_ value: Double) -> String {
        guard value.isFinite, abs(value) < limit else { return value.description }
        let rounded = Int(value.rounded())
        return "\(rounded)"
    }

    /// `value` with exactly `places` decimals (0...6), e.g. `decimal(3.14159, 2) == "3.14"`.
    static func decimal(_ value: Double, _ places: Int) -> String {
        let places = min(max(places, 0), 6)
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        guard value.isFinite, abs(value * scale) < limit else { return value.description }
        let scaled = Int((value * scale).rounded())
        if places == 0 { return "\(scaled)" }
        let negative = scaled < 0
        let digits = String(scaled.magnitude)
        let padded = String(repeating: "0", count: max(0, places + 1 - digits.count)) + digits
        let split = padded.index(padded.endIndex, offsetBy: -places)
        return (negative ? "-" : "") + padded[..<split] + "." + padded[split...]
    }

    /// At most 3 decimals, no trailing zeros (`12`, `12.5`, `0.125`): the probe commands' text.
    public static func compact(_ value: Double) -> String {
        let rounded = ReportNumber.thousandths(value)
        guard rounded.isFinite, abs(rounded) < limit else { return rounded.description }
        if rounded == rounded.rounded() { return integer(rounded) }
        return rounded.description
    }

    /// Milliseconds: whole numbers without decimals, others with one, e.g. `"26.5 ms"`.
    static func ms(_ value: Double) -> String {
        (value.isFinite && value == value.rounded() ? integer(value) : decimal(value, 1)) + " ms"
    }
}
