import Foundation

/// Small deterministic number formatting shared by reports and summaries (no locale lookups).
public enum Format {
    /// `2014` → `2,014`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return value < 0 ? "-" + out : out
    }

    /// Fixed decimals without Foundation's locale-dependent formatting: `fixed(0.12345, 3)` → `0.123`.
    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        if decimals >= 0 && decimals <= 9 && abs(value) * scale < 1e15 {
            // Integer digits: the same text as `%.nf` of the rounded value (below 1e15 scaled units
            // the double nearest r/10^n prints back as r), without `String(format:)`, which is slow on Linux.
            let r = Int64((abs(value) * scale).rounded())
            let unit = Int64(scale)
            var s = (value < 0 && r != 0) ? "-" : ""
            s += String(r / unit)
            if decimals > 0 {
                let f = String(r % unit)
                s += "." + String(repeating: "0", count: decimals - f.count) + f
            }
            return s
        }
        let rounded = (value * scale).rounded() / scale
        var s = String(format: "%.\(decimals)f", rounded)
        if s.hasPrefix("-") && Double(s) == 0 { s.removeFirst() }
        return s
    }
}

import Foundation
