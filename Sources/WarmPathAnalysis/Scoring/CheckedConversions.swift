/// Checked Double → Int conversions: `Int(_: Double)` traps on NaN, infinity and values beyond
/// ±2^63, and times, day counts and configuration numbers can be any of those when an input is
/// hostile. Every conversion in scoring, alerts and stats goes through these (days since 1970
/// through ``DateParser/dayNumber(_:)``).
extension Int {
    /// `value` rounded down, or nil when it is not finite or beyond ±2^62.
    ///
    /// ```
    /// Int(flooring: 2.7)     // 2
    /// Int(flooring: -0.5)    // -1
    /// Int(flooring: 1e30)    // nil
    /// Int(flooring: .nan)    // nil
    /// ```
    package init?(flooring value: Double) {
        let v = value.rounded(.down)
        guard v.isFinite, abs(v) <= 0x1p62 else { return nil }
        self.init(v)
    }

    /// `value` rounded toward zero and clamped to ±2^62 (NaN is 0): for configuration numbers
    /// used as counts or shown as whole numbers (`template_min_words: 1e30` means "never").
    ///
    /// ```
    /// Int(saturating: 30.0)   // 30
    /// Int(saturating: 1e30)   // 4611686018427387904
    /// ```
    package init(saturating value: Double) {
        if value.isNaN {
            self = 0
        } else {
            self.init(Swift.min(Swift.max(value.rounded(.towardZero), -0x1p62), 0x1p62))
        }
    }
}
