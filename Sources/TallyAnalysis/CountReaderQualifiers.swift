/// A word or phrase that bends a number into an interval: `at least 130` is
/// 130 and more, `nearly 25,000` is a band just below 25,000. The table and
/// its rationale are in Grammar/count-reading.md.
enum CountQualifier: Sendable, Equatable {
    case atLeast     // N and more
    case moreThan    // N+1 and more
    case nearly      // a band just below N
    case about       // a band around N
    case upTo        // 1 to N
    case fewerThan   // 1 to N-1

    /// The half-width of the band for `about` and the depth of the band for
    /// `nearly`: a tenth of the number, and at least one.
    static func margin(_ n: Int) -> Int { max(1, n / 10) }

    /// The interval for this qualifier applied to a number (`low == high`) or
    /// to a range of numbers.
    func interval(low: Int, high: Int) -> CountInterval {
        let m = CountQualifier.self
        switch self {
        case .atLeast:
            return .atLeast(low)
        case .moreThan:
            return .atLeast(low + 1)
        case .nearly:
            let top = max(high - 1, 0)
            return CountInterval(low: min(max(low - m.margin(low), 0), top), high: top)
        case .about:
            return CountInterval(low: max(low - m.margin(low), 0), high: high + m.margin(high))
        case .upTo:
            return high >= 1 ? CountInterval(low: 1, high: high) : .exactly(0)
        case .fewerThan:
            return high >= 2 ? CountInterval(low: 1, high: high - 1) : .exactly(0)
        }
    }

    typealias Entry = (words: [String], qualifier: CountQualifier)

    /// Qualifiers written before the number that start with `word`, longest
    /// first so that `no fewer than` wins over `no`-anything shorter.
    static func prefixes(startingWith word: String, _ language: DocumentLanguage) -> [Entry] {
        (language == .english ? englishPrefixIndex : frenchPrefixIndex)[word] ?? []
    }

    /// Qualifiers written after the number (`130 or more`, `40 environ`) that start with `word`.
    static func suffixes(startingWith word: String, _ language: DocumentLanguage) -> [Entry] {
        (language == .english ? englishSuffixIndex : frenchSuffixIndex)[word] ?? []
    }

    static let englishPrefixIndex = index(englishPrefixes)
    static let frenchPrefixIndex = index(frenchPrefixes)
    static let englishSuffixIndex = index(englishSuffixes)
    static let frenchSuffixIndex = index(frenchSuffixes)

    private static func index(_ entries: [Entry]) -> [String: [Entry]] {
        Dictionary(grouping: entries, by: { $0.words[0] })
    }

    private static func sorted(_ list: [([String], CountQualifier)]) -> [Entry] {
        list.sorted { $0.0.count > $1.0.count }.map { (words: $0.0, qualifier: $0.1) }
    }

    static let englishPrefixes = sorted([
        (["at", "least"], .atLeast), (["no", "fewer", "than"], .atLeast), (["no", "less", "than"], .atLeast),
        (["not", "fewer", "than"], .atLeast), (["not", "less", "than"], .atLeast),
        (["a", "minimum", "of"], .atLeast), (["at", "minimum"], .atLeast),
        (["more", "than"], .moreThan), (["over"], .moreThan), (["upwards", "of"], .moreThan),
        (["in", "excess", "of"], .moreThan),
        (["nearly"], .nearly), (["almost"], .nearly), (["close", "to"], .nearly), (["just", "under"], .nearly),
        (["just", "short", "of"], .nearly),
        (["about"], .about), (["around"], .about), (["some"], .about), (["approximately"], .about),
        (["roughly"], .about), (["an", "estimated"], .about), (["estimated"], .about), (["approx"], .about),
        (["circa"], .about),
        (["up", "to"], .upTo), (["as", "many", "as"], .upTo), (["at", "most"], .upTo),
        (["no", "more", "than"], .upTo), (["not", "more", "than"], .upTo), (["a", "maximum", "of"], .upTo),
        (["fewer", "than"], .fewerThan), (["less", "than"], .fewerThan), (["under"], .fewerThan),
        (["below"], .fewerThan),
    ])

    static let frenchPrefixes = sorted([
        (["au", "moins"], .atLeast), (["pas", "moins", "de"], .atLeast), (["pas", "moins", "d"], .atLeast),
        (["au", "minimum"], .atLeast), (["un", "minimum", "de"], .atLeast), (["au", "bas", "mot"], .atLeast),
        (["plus", "de"], .moreThan), (["plus", "d"], .moreThan), (["au", "dela", "de"], .moreThan),
        (["pres", "de"], .nearly), (["pres", "d"], .nearly), (["presque"], .nearly), (["quasiment"], .nearly),
        (["pas", "loin", "de"], .nearly), (["pas", "loin", "d"], .nearly),
        (["environ"], .about), (["autour", "de"], .about), (["autour", "d"], .about), (["quelque"], .about),
        (["approximativement"], .about), (["a", "peu", "pres"], .about), (["aux", "alentours", "de"], .about),
        (["aux", "alentours", "d"], .about), (["une", "estimation", "de"], .about),
        (["jusqu", "a"], .upTo), (["au", "plus"], .upTo), (["tout", "au", "plus"], .upTo),
        (["au", "maximum"], .upTo), (["pas", "plus", "de"], .upTo), (["pas", "plus", "d"], .upTo),
        (["moins", "de"], .fewerThan), (["moins", "d"], .fewerThan),
    ])

    static let englishSuffixes = sorted([
        (["or", "more"], .atLeast), (["and", "more"], .atLeast), (["or", "over"], .atLeast),
        (["at", "least"], .atLeast),
        (["or", "so"], .about),
        (["or", "fewer"], .upTo), (["or", "less"], .upTo), (["at", "most"], .upTo),
    ])

    static let frenchSuffixes = sorted([
        (["ou", "plus"], .atLeast), (["et", "plus"], .atLeast), (["au", "moins"], .atLeast),
        (["environ"], .about),
        (["ou", "moins"], .upTo), (["au", "plus"], .upTo),
    ])
}
