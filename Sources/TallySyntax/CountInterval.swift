/// A count as an interval of whole numbers: `low...high`, or `low` and more
/// when `high` is nil. `[three people]` is 3...3, `[at least 130]` is 130...nil,
/// `[dozens]` is 12...nil (see the count-reading table in Grammar/count-reading.md).
public struct CountInterval: Hashable, Sendable, CustomStringConvertible {
    public var low: Int
    public var high: Int?

    public init(low: Int, high: Int?) {
        self.low = low
        self.high = high
    }

    public static func exactly(_ n: Int) -> CountInterval { CountInterval(low: n, high: n) }
    public static func atLeast(_ n: Int) -> CountInterval { CountInterval(low: n, high: nil) }

    public var isExact: Bool { high == low }

    /// True when some number lies in both intervals.
    public func overlaps(_ other: CountInterval) -> Bool {
        let lo = max(low, other.low)
        if let h = high, lo > h { return false }
        if let h = other.high, lo > h { return false }
        return true
    }

    /// The smallest interval holding both.
    public func union(_ other: CountInterval) -> CountInterval {
        let hi: Int?
        if let a = high, let b = other.high { hi = max(a, b) } else { hi = nil }
        return CountInterval(low: min(low, other.low), high: hi)
    }

    /// The numbers in both, or nil when they do not overlap.
    public func intersection(_ other: CountInterval) -> CountInterval? {
        guard overlaps(other) else { return nil }
        let hi: Int?
        switch (high, other.high) {
        case let (a?, b?): hi = min(a, b)
        case let (a?, nil): hi = a
        case let (nil, b?): hi = b
        case (nil, nil): hi = nil
        }
        return CountInterval(low: max(low, other.low), high: hi)
    }

    /// The written form used in the markup: `4`, `130+`, `10-20`.
    public var description: String {
        switch high {
        case nil: return "\(low)+"
        case let h? where h == low: return "\(low)"
        case let h?: return "\(low)-\(h)"
        }
    }

    /// A human form: `4`, `≥130`, `10–20`.
    public var display: String {
        switch high {
        case nil: return "≥\(low)"
        case let h? where h == low: return "\(low)"
        case let h?: return "\(low)–\(h)"
        }
    }

    /// Parses the markup form `N`, `N+` or `N-M` (ASCII digits only).
    public static func parse<S: StringProtocol>(_ text: S) -> CountInterval? {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        func number(_ slice: ArraySlice<UInt8>) -> Int? {
            guard !slice.isEmpty, slice.count <= 12 else { return nil }
            var n = 0
            for b in slice {
                guard b >= 48 && b <= 57 else { return nil }
                n = n * 10 + Int(b - 48)
            }
            return n
        }
        if bytes.last == UInt8(ascii: "+") {
            guard let n = number(bytes.dropLast()) else { return nil }
            return .atLeast(n)
        }
        if let dash = bytes.firstIndex(of: UInt8(ascii: "-")) {
            guard let a = number(bytes[..<dash]), let b = number(bytes[(dash + 1)...]), a <= b else { return nil }
            return CountInterval(low: a, high: b)
        }
        guard let n = number(bytes[...]) else { return nil }
        return .exactly(n)
    }
}

/// The language of the article, from the front matter's `language:`.
public enum DocumentLanguage: String, Sendable, Hashable, CaseIterable {
    case english = "en"
    case french = "fr"
}
