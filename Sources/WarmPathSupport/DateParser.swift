import Foundation

/// Hand-written parser for every date format seen in the exports (FORMATS.md §1.8 and §1.2–1.7,
/// plus ISO-8601 and epoch numbers), with `en_US_POSIX` semantics: English month and weekday
/// names, `AM`/`PM`, two-digit years read as 20yy, no zone = UTC. No `DateFormatter` (slow and
/// locale-dependent).
///
/// ```
/// DateParser.parse("07 Mar 2024")              // 1709769600
/// DateParser.parse("3/7/24, 9:05 PM")          // 1709845500
/// DateParser.parse("2024/03/07 21:05:00 UTC")  // 1709845500
/// DateParser.parse("Thu Mar 07 21:05:00 UTC 2024")
/// DateParser.parse("2024-03-07T21:05:00.000Z")
/// DateParser.parse("not a date")               // nil
/// ```
///
/// Accepted shapes (spaces may repeat; a trailing zone `UTC`, `GMT`, `Z`, `+hhmm`, `+hh:mm` is
/// allowed after any time):
/// `yyyy-MM-dd[( |T)HH:mm[:ss[.SSS]]]`, `yyyy/MM/dd[ HH:mm[:ss]]`, `M/d/yy[, h:mm[:ss] a]`
/// (also `MM/dd/yyyy`, 24-hour times), `d MMM yyyy[ HH:mm[:ss]]`, `d-MMM-yy`, `d.M.yyyy`,
/// `MMM yyyy`, `MMM d, yyyy[ h:mm a]`, `yyyy`, `EEE MMM dd HH:mm:ss zone yyyy`,
/// `EEE, dd MMM yyyy HH:mm:ss zone`.
///
/// Every result is range-checked: a date or time outside ``plausibleYears`` (1900–2100, UTC) is
/// nil, like an unreadable one, so no caller ever computes with the year 9999 or with
/// `timestamp_ms` 1e30. ``read(_:)`` and the `read…` functions tell the two apart, for the issue
/// text ("date out of range (year 9999)").
///
/// - Returns: seconds since 1970-01-01 UTC, or nil when the text is not a valid, plausible date.
/// - Complexity: O(length), no allocation beyond the UTF-8 view.
public enum DateParser {
    /// The years (UTC) a date or timestamp may fall in: 1900 through 2100. Exports hold dates of
    /// people's lives and messages; anything outside is a broken or hostile value.
    public static let plausibleYears: ClosedRange<Int> = 1900...2100

    /// ``plausibleYears`` as seconds since 1970: from 1900-01-01T00:00:00Z up to, not including,
    /// 2101-01-01T00:00:00Z.
    public static let plausibleSeconds: Range<Double> =
        Double(ReportDate.days(year: plausibleYears.lowerBound, month: 1, day: 1)) * 86_400..<Double(
            ReportDate.days(year: plausibleYears.upperBound + 1, month: 1, day: 1)) * 86_400

    /// Whether a time (seconds since 1970) is finite and within ``plausibleYears``.
    public static func isPlausible(_ seconds: Double) -> Bool { plausibleSeconds.contains(seconds) }

    /// What reading one date or timestamp gave: a plausible time, a value outside
    /// ``plausibleYears``, or nothing readable.
    public enum Reading: Sendable, Hashable {
        /// Seconds since 1970, within ``plausibleYears``.
        case date(Double)
        /// A date the calendar has, or a number, outside ``plausibleYears``; the seconds since
        /// 1970 it would be (possibly infinite, as for a JSON `1e400`).
        case outOfRange(Double)
        /// Not a date in any accepted form (or a day the calendar does not have).
        case unreadable

        /// The time, when plausible.
        public var seconds: Double? { if case .date(let t) = self { t } else { nil } }

        /// The problem in plain words for an issue: "date out of range (year 9999)",
        /// "unreadable date"; nil for a plausible date.
        public var problem: String? {
            switch self {
            case .date: nil
            case .outOfRange(let t): "date out of range (\(DateParser.yearText(t)), outside \(DateParser.yearsText))"
            case .unreadable: "unreadable date"
            }
        }

        /// The issue text when a record is kept without this date: "date out of range (year
        /// 9999, outside 1900–2100) in Connected On: '31 Dec 9999'; the record is kept without a
        /// date". `field` is the column or JSON key, `value` the text as written.
        public func keptWithoutDate(field: String, value: String) -> String {
            "\(problem ?? "date") in \(field): \(ErrorText.excerpt(value)); the record is kept without a date"
        }
    }

    /// "1900–2100", for messages and documentation.
    public static var yearsText: String { "\(plausibleYears.lowerBound)–\(plausibleYears.upperBound)" }

    /// "year 9999" for a time outside the plausible years; "year about 3.2e+19" when the year
    /// is too large to count in days, "not a finite number" for infinity and NaN.
    static func yearText(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "not a finite number" }
        if let days = dayNumber(seconds) { return "year \(ReportDate.civil(fromDays: days).0)" }
        let years = 1970 + seconds / 31_556_952
        return "year about " + String(format: "%.1e", years)
    }

    /// Whole days since 1970-01-01 (rounded down) of a time, or nil when it is not finite or
    /// more than 10^12 days (about 2.7 billion years) away, so that calendar arithmetic on it
    /// cannot overflow. The one checked Double → day conversion.
    public static func dayNumber(_ seconds: Double) -> Int? {
        let days = (seconds / 86_400).rounded(.down)
        guard days.isFinite, abs(days) <= 1e12 else { return nil }
        return Int(days)
    }

    /// Reads a plausible time from a parse result.
    static func checked(_ seconds: Double?) -> Reading {
        guard let seconds else { return .unreadable }
        return isPlausible(seconds) ? .date(seconds) : .outOfRange(seconds)
    }

    /// Parses any supported format; nil when unparseable or outside ``plausibleYears`` (the
    /// caller records an issue; ``read(_:)`` says which).
    public static func parse(_ text: String) -> Double? { read(text).seconds }

    /// ``parse(_:)``, telling an out-of-range date from an unreadable one.
    ///
    /// ```
    /// DateParser.read("31 Dec 9999")  // .outOfRange(253402214400)
    /// DateParser.read("31 Dec 2024")  // .date(1735603200)
    /// ```
    public static func read(_ text: String) -> Reading { checked(parseUnchecked(text)) }

    static func parseUnchecked(_ text: String) -> Double? {
        var s = text
        return s.withUTF8 { buf -> Double? in
            var c = DateCursor(buf)
            c.skipSpaces()
            guard !c.atEnd else { return nil }
            let result: Double?
            if c.peekIsDigit {
                result = parseNumeric(&c)
            } else if c.peekIsLetter {
                result = parseWordFirst(&c)
            } else {
                result = nil
            }
            guard let result else { return nil }
            c.skipSpaces()
            return c.atEnd ? result : nil
        }
    }

    /// A day written `yyyy-MM-dd` (as given to `--as-of` and `--compare-to`, and as snapshots
    /// are keyed): seconds at the start of that day UTC; nil for any other shape, for a day
    /// the calendar does not have, or for a year outside ``plausibleYears``.
    ///
    /// ```
    /// DateParser.parseDay("2024-02-29")  // 1709164800
    /// DateParser.parseDay("2024-02-30")  // nil (no such day)
    /// DateParser.parseDay("2023-02-29")  // nil (2023 is not a leap year)
    /// DateParser.parseDay("31/03/2024")  // nil (not yyyy-MM-dd)
    /// DateParser.parseDay("9999-12-31")  // nil (outside 1900–2100)
    /// ```
    public static func parseDay(_ text: String) -> Double? {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func digits(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                guard u[i] >= 0x30 && u[i] <= 0x39 else { return nil }
                v = v * 10 + Int(u[i] - 0x30)
            }
            return v
        }
        guard let y = digits(0..<4), let m = digits(5..<7), let d = digits(8..<10) else { return nil }
        return checked(seconds(year: y, month: m, day: d)).seconds
    }

    /// A timestamp as graph files and JSON exports write it: a number is an epoch (see
    /// ``epoch(_:)``), anything else a date or date-time in any form ``parse(_:)`` accepts.
    ///
    /// ```
    /// DateParser.parseTimestamp("1709845500")            // 1709845500
    /// DateParser.parseTimestamp("2024-03-07T21:05:00Z")  // 1709845500
    /// DateParser.parseTimestamp("2024-02-31")            // nil
    /// ```
    public static func parseTimestamp(_ text: String) -> Double? { readTimestamp(text).seconds }

    /// ``parseTimestamp(_:)``, telling an out-of-range value from an unreadable one.
    public static func readTimestamp(_ text: String) -> Reading {
        let t = text.trimmingSpaces
        if let first = t.utf8.first,
            first == UInt8(ascii: "-") || first == UInt8(ascii: "+") || first == UInt8(ascii: ".")
                || (first >= 0x30 && first <= 0x39), let v = Double(t)
        {
            return readEpoch(v)
        }
        return read(String(t))
    }

    /// Seconds since 1970 from a decimal string of seconds (`1709845500`, `1709845500.25`);
    /// nil when not a number or outside ``plausibleYears``.
    public static func epochSeconds(_ text: String) -> Double? {
        Double(text.trimmingSpaces).flatMap(epochSeconds)
    }

    /// Seconds since 1970 from a number of seconds; nil when outside ``plausibleYears`` (or not
    /// finite).
    public static func epochSeconds(_ value: Double) -> Double? { readEpochSeconds(value).seconds }

    /// ``epochSeconds(_:)-(Double)``, telling an out-of-range number from a plausible one.
    public static func readEpochSeconds(_ value: Double) -> Reading {
        value.isNaN ? .unreadable : checked(value)
    }

    /// Seconds since 1970 from a decimal string of milliseconds (`1709845500123`).
    public static func epochMilliseconds(_ text: String) -> Double? {
        Double(text.trimmingSpaces).flatMap(epochMilliseconds)
    }

    /// Seconds since 1970 from a number of milliseconds (`timestamp_ms`); nil when outside
    /// ``plausibleYears`` (or not finite).
    public static func epochMilliseconds(_ value: Double) -> Double? { readEpochMilliseconds(value).seconds }

    /// ``epochMilliseconds(_:)-(Double)``, telling an out-of-range number from a plausible one
    /// (`timestamp_ms` 1e17 is the year 3,170,843; 1e400 reads as infinity).
    public static func readEpochMilliseconds(_ value: Double) -> Reading {
        value.isNaN ? .unreadable : checked(value / 1000)
    }

    /// Seconds since 1970 from a number of unknown unit: values above 10^11 are taken as
    /// milliseconds (10^11 seconds is the year 5138), smaller ones as seconds; nil when outside
    /// ``plausibleYears``.
    public static func epoch(_ value: Double) -> Double? { readEpoch(value).seconds }

    /// ``epoch(_:)``, telling an out-of-range number from a plausible one.
    public static func readEpoch(_ value: Double) -> Reading {
        guard !value.isNaN else { return .unreadable }
        return checked(abs(value) >= 1e11 ? value / 1000 : value)
    }

    /// Seconds since 1970 UTC of a civil date and time; nil when out of range.
    public static func seconds(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Double = 0
    ) -> Double? {
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
            (0...23).contains(hour), (0...59).contains(minute), second >= 0, second < 61
        else { return nil }
        let days = ReportDate.days(year: year, month: month, day: day)
        return Double(days) * 86_400 + Double(hour * 3600 + minute * 60) + second
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func fullYear(_ value: Int, digits: Int) -> Int? {
        switch digits {
        case 2: 2000 + value
        case 4: value
        default: nil
        }
    }

    // MARK: - Shapes starting with a number

    private static func parseNumeric(_ c: inout DateCursor) -> Double? {
        guard let (n1, d1) = c.number() else { return nil }
        if c.atEnd || c.peekIsSpaceOnlyToEnd {
            return d1 == 4 ? seconds(year: n1, month: 1, day: 1) : nil
        }
        let sep = c.peek
        if (sep == UInt8(ascii: "-") || sep == UInt8(ascii: "/")) && d1 == 4 {
            // yyyy-MM-dd / yyyy/MM/dd
            c.advance()
            guard let (month, _) = c.number(maxDigits: 2), c.eat(sep), let (day, _) = c.number(maxDigits: 2) else {
                return nil
            }
            var time = DateTime()
            if c.eat(UInt8(ascii: "T")) || c.skipSpaces() > 0 {
                if c.peekIsDigit {
                    guard let t = parseTime(&c) else { return nil }
                    time = t
                } else if !c.atEnd {
                    // Allow a bare zone after a date (rare).
                    guard let z = parseZone(&c) else { return nil }
                    time.offset = z
                }
            }
            return combine(year: n1, month: month, day: day, time)
        }
        if sep == UInt8(ascii: "-") && d1 <= 2 {
            // d-MMM-yy (Excel re-save)
            c.advance()
            guard let month = c.monthName(), c.eat(UInt8(ascii: "-")), let (y, yd) = c.number(),
                let year = fullYear(y, digits: yd)
            else { return nil }
            return seconds(year: year, month: month, day: n1)
        }
        if sep == UInt8(ascii: "/") && d1 <= 2 {
            // M/d/yy[, h:mm a]
            c.advance()
            guard let (day, _) = c.number(maxDigits: 2), c.eat(UInt8(ascii: "/")), let (y, yd) = c.number(),
                let year = fullYear(y, digits: yd)
            else { return nil }
            var time = DateTime()
            _ = c.eat(UInt8(ascii: ","))
            c.skipSpaces()
            if c.peekIsDigit {
                guard let t = parseTime(&c) else { return nil }
                time = t
            }
            return combine(year: year, month: n1, day: day, time)
        }
        if sep == UInt8(ascii: ".") && d1 <= 2 {
            // d.M.yyyy
            c.advance()
            guard let (month, _) = c.number(maxDigits: 2), c.eat(UInt8(ascii: ".")), let (y, yd) = c.number(),
                let year = fullYear(y, digits: yd)
            else { return nil }
            var time = DateTime()
            if c.skipSpaces() > 0 && c.peekIsDigit {
                guard let t = parseTime(&c) else { return nil }
                time = t
            }
            return combine(year: year, month: month, day: n1, time)
        }
        if d1 <= 2 && c.skipSpaces() > 0 {
            // dd MMM yyyy [HH:mm[:ss]]
            guard let month = c.monthName() else { return nil }
            _ = c.eat(UInt8(ascii: ","))
            guard c.skipSpaces() > 0, let (y, yd) = c.number(), let year = fullYear(y, digits: yd) else { return nil }
            var time = DateTime()
            if c.skipSpaces() > 0 && c.peekIsDigit {
                guard let t = parseTime(&c) else { return nil }
                time = t
            }
            return combine(year: year, month: month, day: n1, time)
        }
        return nil
    }

    // MARK: - Shapes starting with a word

    private static func parseWordFirst(_ c: inout DateCursor) -> Double? {
        let save = c.index
        if c.weekdayName() {
            _ = c.eat(UInt8(ascii: ","))
            guard c.skipSpaces() > 0 else { return nil }
            if c.peekIsDigit {
                // EEE, dd MMM yyyy HH:mm:ss zone (RFC 2822)
                guard let (day, _) = c.number(maxDigits: 2), c.skipSpaces() > 0, let month = c.monthName(),
                    c.skipSpaces() > 0, let (y, yd) = c.number(), let year = fullYear(y, digits: yd)
                else { return nil }
                var time = DateTime()
                if c.skipSpaces() > 0 && c.peekIsDigit {
                    guard let t = parseTime(&c) else { return nil }
                    time = t
                }
                return combine(year: year, month: month, day: day, time)
            }
            // EEE MMM dd HH:mm:ss zone yyyy (Java Date.toString, X)
            guard let month = c.monthName(), c.skipSpaces() > 0, let (day, _) = c.number(maxDigits: 2),
                c.skipSpaces() > 0, var time = parseTime(&c, allowZone: true)
            else { return nil }
            c.skipSpaces()
            if !c.peekIsDigit, let z = parseZone(&c) {
                time.offset = z
                c.skipSpaces()
            }
            guard let (y, yd) = c.number(), let year = fullYear(y, digits: yd) else { return nil }
            return combine(year: year, month: month, day: day, time)
        }
        c.index = save
        guard let month = c.monthName() else { return nil }
        _ = c.eat(UInt8(ascii: "."))
        guard c.skipSpaces() > 0 || c.eat(UInt8(ascii: "-")), let (n, nd) = c.number() else { return nil }
        if nd == 4 {
            // MMM yyyy
            return seconds(year: n, month: month, day: 1)
        }
        // MMM d, yyyy [h:mm a]
        guard nd <= 2 else { return nil }
        _ = c.eat(UInt8(ascii: ","))
        guard c.skipSpaces() > 0, let (y, yd) = c.number(), let year = fullYear(y, digits: yd) else { return nil }
        var time = DateTime()
        if c.skipSpaces() > 0 && c.peekIsDigit {
            guard let t = parseTime(&c) else { return nil }
            time = t
        }
        return combine(year: year, month: month, day: n, time)
    }

    // MARK: - Time and zone

    struct DateTime {
        var hour = 0
        var minute = 0
        var second = 0.0
        /// Zone offset east of UTC in seconds.
        var offset = 0
    }

    /// `H:mm[:ss[.SSS]][ ][AM|PM][ zone]`
    private static func parseTime(_ c: inout DateCursor, allowZone: Bool = true) -> DateTime? {
        guard let (h, _) = c.number(maxDigits: 2), c.eat(UInt8(ascii: ":")), let (m, md) = c.number(maxDigits: 2),
            md == 2
        else { return nil }
        var t = DateTime(hour: h, minute: m)
        if c.eat(UInt8(ascii: ":")) {
            guard let (s, sd) = c.number(maxDigits: 2), sd == 2 else { return nil }
            t.second = Double(s)
            if c.eat(UInt8(ascii: ".")) || c.eat(UInt8(ascii: ",")) {
                guard let frac = c.fraction() else { return nil }
                t.second += frac
            }
        }
        let save = c.index
        c.skipSpaces()
        if let pm = c.meridiem() {
            guard (1...12).contains(t.hour) else { return nil }
            if pm { t.hour = t.hour == 12 ? 12 : t.hour + 12 } else if t.hour == 12 { t.hour = 0 }
        } else {
            c.index = save
        }
        if allowZone {
            let save2 = c.index
            c.skipSpaces()
            if !c.atEnd && !c.peekIsDigit, let z = parseZone(&c) {
                t.offset = z
            } else {
                c.index = save2
            }
        }
        return t
    }

    /// `UTC`, `GMT`, `Z`, `+hhmm`, `+hh:mm`, `+hh`, `UTC+hh:mm`; nil when none.
    private static func parseZone(_ c: inout DateCursor) -> Int? {
        let save = c.index
        var offset = 0
        var named = false
        if c.eatWord("utc") || c.eatWord("gmt") {
            named = true
        } else if c.eat(UInt8(ascii: "Z")) || c.eat(UInt8(ascii: "z")) {
            return 0
        }
        if c.peek == UInt8(ascii: "+") || c.peek == UInt8(ascii: "-") {
            let sign = c.peek == UInt8(ascii: "-") ? -1 : 1
            c.advance()
            guard let (hh, hd) = c.number(maxDigits: 4) else {
                c.index = save
                return nil
            }
            var hours = hh
            var minutes = 0
            if hd == 4 {
                hours = hh / 100
                minutes = hh % 100
            } else if c.eat(UInt8(ascii: ":")) {
                guard let (mm, _) = c.number(maxDigits: 2) else {
                    c.index = save
                    return nil
                }
                minutes = mm
            }
            guard hours <= 14, minutes <= 59 else {
                c.index = save
                return nil
            }
            offset = sign * (hours * 3600 + minutes * 60)
            return offset
        }
        if named { return 0 }
        c.index = save
        return nil
    }

    private static func combine(year: Int, month: Int, day: Int, _ t: DateTime) -> Double? {
        guard let s = seconds(year: year, month: month, day: day, hour: t.hour, minute: t.minute, second: t.second)
        else { return nil }
        return s - Double(t.offset)
    }
}

/// A byte cursor over a date string.
struct DateCursor {
    let buf: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ buf: UnsafeBufferPointer<UInt8>) { self.buf = buf }

    var atEnd: Bool { index >= buf.count }
    var peek: UInt8 { index < buf.count ? buf[index] : 0 }
    var peekIsDigit: Bool { peek >= 0x30 && peek <= 0x39 }
    var peekIsLetter: Bool { let b = peek | 0x20; return b >= 0x61 && b <= 0x7A }
    var peekIsSpaceOnlyToEnd: Bool {
        var i = index
        while i < buf.count {
            if buf[i] != 32 && buf[i] != 9 { return false }
            i += 1
        }
        return true
    }

    mutating func advance() { index += 1 }

    mutating func eat(_ b: UInt8) -> Bool {
        if peek == b && index < buf.count {
            index += 1
            return true
        }
        return false
    }

    @discardableResult
    mutating func skipSpaces() -> Int {
        let start = index
        while index < buf.count && (buf[index] == 32 || buf[index] == 9 || buf[index] == 0xA0) { index += 1 }
        return index - start
    }

    /// Up to `maxDigits` digits: (value, digit count).
    mutating func number(maxDigits: Int = 9) -> (Int, Int)? {
        var v = 0
        var d = 0
        while index < buf.count && d < maxDigits, buf[index] >= 0x30 && buf[index] <= 0x39 {
            v = v * 10 + Int(buf[index] - 0x30)
            d += 1
            index += 1
        }
        if d == 0 { return nil }
        // Refuse a longer number than allowed (for example 5-digit years).
        if index < buf.count && buf[index] >= 0x30 && buf[index] <= 0x39 { return nil }
        return (v, d)
    }

    mutating func fraction() -> Double? {
        var v = 0.0
        var scale = 0.1
        var d = 0
        while index < buf.count, buf[index] >= 0x30 && buf[index] <= 0x39 {
            v += Double(buf[index] - 0x30) * scale
            scale /= 10
            d += 1
            index += 1
        }
        return d > 0 ? v : nil
    }

    /// A run of ASCII letters, lower-cased, as a small integer key (at most 12 letters).
    mutating func word() -> [UInt8] {
        var out: [UInt8] = []
        while index < buf.count {
            let b = buf[index] | 0x20
            guard b >= 0x61 && b <= 0x7A else { break }
            out.append(b)
            index += 1
        }
        return out
    }

    mutating func eatWord(_ lower: String) -> Bool {
        let save = index
        let w = word()
        if w.elementsEqual(lower.utf8) { return true }
        index = save
        return false
    }

    static let months: [String] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    static let monthFull: [String] = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]
    static let weekdays: [String] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    static let weekdayFull: [String] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

    /// An English month name or abbreviation (`Mar`, `March`, `Sept`): 1...12.
    mutating func monthName() -> Int? {
        let save = index
        let w = word()
        if w.count == 3, let i = DateCursor.months.firstIndex(where: { $0.utf8.elementsEqual(w) }) { return i + 1 }
        if w.count > 3, let i = DateCursor.monthFull.firstIndex(where: { $0.utf8.elementsEqual(w) }) { return i + 1 }
        if w.elementsEqual("sept".utf8) { return 9 }
        index = save
        return nil
    }

    mutating func weekdayName() -> Bool {
        let save = index
        let w = word()
        if w.count == 3 && DateCursor.weekdays.contains(where: { $0.utf8.elementsEqual(w) }) { return true }
        if w.count > 3 && DateCursor.weekdayFull.contains(where: { $0.utf8.elementsEqual(w) }) { return true }
        index = save
        return false
    }

    /// `AM`/`PM` (also `a.m.`, `p.m.`): true for PM.
    mutating func meridiem() -> Bool? {
        let save = index
        let a = peek | 0x20
        guard a == 0x61 || a == 0x70 else { return nil }
        index += 1
        _ = eat(UInt8(ascii: "."))
        guard peek | 0x20 == 0x6D else {
            index = save
            return nil
        }
        index += 1
        _ = eat(UInt8(ascii: "."))
        // Must not run into a longer word (`Mar`, `America`).
        if peekIsLetter {
            index = save
            return nil
        }
        return a == 0x70
    }
}

extension String {
    fileprivate var trimmingSpaces: Substring {
        var s = self[...]
        while s.first == " " || s.first == "\t" { s.removeFirst() }
        while s.last == " " || s.last == "\t" { s.removeLast() }
        return s
    }
}
