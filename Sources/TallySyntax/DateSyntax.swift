/// A calendar date of the markup, possibly only a month: `2025-06-18` or `2025-06`.
public struct PartialDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int?

    public init(year: Int, month: Int, day: Int?) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The first day the date may mean (`2025-06` → 2025-06-01), as a sortable number.
    public var earliestKey: Int { year * 10000 + month * 100 + (day ?? 1) }
    /// The last day it may mean (`2025-06` → 2025-06-31, good enough for ordering).
    public var latestKey: Int { year * 10000 + month * 100 + (day ?? 31) }

    public static func < (a: PartialDate, b: PartialDate) -> Bool { a.earliestKey < b.earliestKey }

    public var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        guard let d = day else { return "\(year)-\(m)" }
        return "\(year)-\(m)-\(d < 10 ? "0\(d)" : "\(d)")"
    }
}

/// A date or a date range `A/B` as written on incident lines.
public struct DateSpan: Sendable, Hashable {
    public var start: PartialDate
    public var end: PartialDate
}

/// Parsing of `YYYY-MM-DD`, `YYYY-MM` and `A/B`.
public enum DateSyntax {
    public static func parseDate<S: StringProtocol>(_ s: S, requireDay: Bool = false) -> PartialDate? {
        let u = Array(s.utf8)
        guard u.count == 10 || (u.count == 7 && !requireDay) else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var v = 0
            for i in r {
                let c = u[i]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        guard u[4] == UInt8(ascii: "-"), let y = num(0..<4), let m = num(5..<7), (1...12).contains(m) else { return nil }
        if u.count == 7 { return PartialDate(year: y, month: m, day: nil) }
        guard u[7] == UInt8(ascii: "-"), let d = num(8..<10) else { return nil }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        guard (1...days).contains(d) else { return nil }
        return PartialDate(year: y, month: m, day: d)
    }

    public static func parseSpan<S: StringProtocol>(_ s: S) -> DateSpan? {
        let parts = s.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 1, let d = parseDate(parts[0]) { return DateSpan(start: d, end: d) }
        if parts.count == 2, let a = parseDate(parts[0]), let b = parseDate(parts[1]), a.earliestKey <= b.latestKey {
            return DateSpan(start: a, end: b)
        }
        return nil
    }

    public static func isValidDateOrRange<S: StringProtocol>(_ s: S) -> Bool { parseSpan(s) != nil }
}
