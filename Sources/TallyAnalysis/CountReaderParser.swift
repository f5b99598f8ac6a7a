/// A count found in the tokens: the numbers it names (`lowValue`/`highValue`,
/// the same for a single number), the interval they stand for, and the tokens
/// that gave it (`first...last`).
struct CountPhrase: Sendable, Equatable {
    var lowValue: Int
    var highValue: Int
    var interval: CountInterval
    var isVague: Bool
    var first: Int
    var last: Int

    mutating func apply(_ q: CountQualifier) {
        interval = q.interval(low: lowValue, high: highValue)
    }
}

/// The phrase grammar of counts, over count tokens:
///
///     count    = "between" base "and" base | prefix? ranged
///     ranged   = base (suffix | connector base)?
///     base     = numeral scale? | vague | number-words | article
///
/// The reader tries each token from the left and keeps the first count found.
struct CountPhraseParser {
    let tokens: [CountToken]
    let language: DocumentLanguage
    let excluded: [Bool]

    init(tokens: [CountToken], language: DocumentLanguage) {
        self.tokens = tokens
        self.language = language
        self.excluded = CountReaderNonCounts.excluded(tokens, language: language)
    }

    func word(_ i: Int) -> String? {
        i >= 0 && i < tokens.count && tokens[i].kind == .word ? tokens[i].text : nil
    }

    func matches(_ words: [String], at i: Int) -> Bool {
        for (k, w) in words.enumerated() where word(i + k) != w { return false }
        return true
    }

    /// No word or number comes before token `i` (punctuation may).
    func isFirstWord(_ i: Int) -> Bool {
        !tokens[..<i].contains { $0.kind != .punct }
    }

    /// The first count in the tokens.
    func firstPhrase() -> CountPhrase? {
        for i in tokens.indices {
            if let p = phrase(at: i) { return p }
        }
        return nil
    }

    func phrase(at i: Int) -> CountPhrase? {
        if let p = between(at: i) { return p }
        guard let w = word(i) else { return ranged(at: i) }
        for (words, q) in CountQualifier.prefixes(startingWith: w, language) where matches(words, at: i) {
            // An article after a qualifier counts one only in French `plus d'un`,
            // `au moins un`: elsewhere the qualifier is a preposition
            // (`around a village`, `près d'un puits`).
            let articleCounts = language == .french && (q == .atLeast || q == .moreThan)
            if var p = ranged(at: i + words.count, qualified: articleCounts) {
                p.apply(q)
                p.first = i
                return p
            }
        }
        return ranged(at: i)
    }

    /// `between 10 and 20`, `entre dix et vingt`.
    func between(at i: Int) -> CountPhrase? {
        let (lead, joiner) = language == .english ? ("between", "and") : ("entre", "et")
        guard word(i) == lead, let a = base(at: i + 1), word(a.last + 1) == joiner,
              let b = base(at: a.last + 2) else { return nil }
        return range(a, b, first: i)
    }

    func range(_ a: CountPhrase, _ b: CountPhrase, first: Int) -> CountPhrase {
        let (x, y) = a.lowValue <= b.lowValue ? (a, b) : (b, a)
        let high: Int? = x.interval.high.flatMap { h1 in y.interval.high.map { max(h1, $0) } }
        return CountPhrase(lowValue: x.lowValue, highValue: y.highValue,
                           interval: CountInterval(low: min(x.interval.low, y.interval.low), high: high),
                           isVague: a.isVague || b.isVague, first: first, last: b.last)
    }

    /// A base count, then a qualifier written after it (`130 or more`,
    /// `130+`) or a second count that makes a range (`10 to 15`, `10-15`,
    /// `one or two`, `dix à quinze`).
    func ranged(at i: Int, qualified: Bool = false) -> CountPhrase? {
        guard var p = base(at: i, qualified: qualified) else { return nil }
        let after = p.last + 1
        if after < tokens.count, tokens[after].kind == .punct, tokens[after].text == "+", !tokens[after].spaceBefore {
            p.apply(.atLeast)
            p.last = after
            return p
        }
        let next = word(after)
        if let w = next {
            for (words, q) in CountQualifier.suffixes(startingWith: w, language) where matches(words, at: after) {
                p.apply(q)
                p.last = after + words.count - 1
                return p
            }
        }
        let isConnector = language == .english ? (next == "to" || next == "or") : (next == "a" || next == "ou")
        let isDash = after < tokens.count && tokens[after].kind == .punct && tokens[after].text == "-"
        if isDash || isConnector,
           let q = base(at: after + 1), q.lowValue > p.lowValue {
            if isDash {
                // Dash ranges join numerals: 10-15, 10 – 15.
                guard tokens[p.first].kind == .number, tokens[q.first].kind == .number else { return p }
            }
            return range(p, q, first: p.first)
        }
        return p
    }

    /// One count. `qualified`: a qualifier comes just before, so an article
    /// may stand for one there too (`plus d'un`, `more than a`).
    func base(at i: Int, qualified: Bool = false) -> CountPhrase? {
        guard i < tokens.count else { return nil }
        switch tokens[i].kind {
        case .number: return numeral(at: i)
        case .punct: return nil
        case .word:
            if let v = CountReaderVague.read(self, at: i) { return v }
            if let w = numberWords(at: i) { return w }
            return article(at: i, qualified: qualified)
        }
    }

    /// `41`, `25,000`, `2 million`, `1,5 million`.
    func numeral(at i: Int) -> CountPhrase? {
        guard !excluded[i], let n = tokens[i].numeral else { return nil }
        var value: Int
        var last = i
        if let s = word(i + 1), let scale = scaleWord(s), tokens[i + 1].spaceBefore {
            var divisor = 1
            for _ in 0..<n.fractionDigits { divisor *= 10 }
            let (product, o) = n.mantissa.multipliedReportingOverflow(by: scale)
            guard !o else { return nil }
            value = product / divisor
            last = i + 1
        } else {
            guard let v = n.integer else { return nil }
            value = v
        }
        guard value <= NumberWords.limit else { return nil }
        return CountPhrase(lowValue: value, highValue: value, interval: .exactly(value), isVague: false, first: i, last: last)
    }

    func scaleWord(_ w: String) -> Int? {
        switch (language, w) {
        case (.english, "hundred"): return 100
        case (.english, "thousand"): return 1_000
        case (.english, "million"), (.french, "million"), (.french, "millions"): return 1_000_000
        case (.english, "billion"), (.french, "milliard"), (.french, "milliards"): return 1_000_000_000
        case (.french, "mille"): return 1_000
        default: return nil
        }
    }

    /// `three`, `forty-one`, `a hundred and thirty`, `quatre-vingt-dix`.
    func numberWords(at i: Int) -> CountPhrase? {
        guard let w = word(i) else { return nil }
        let read: (value: Int, last: Int)?
        if language == .english && (w == "a" || w == "an") {
            read = NumberWords.read(tokens, from: i + 1, language: language, seededWithOne: true)
        } else {
            read = NumberWords.read(tokens, from: i, language: language)
        }
        guard let (value, last) = read else { return nil }
        // A lone French un/une is an article; the article rule decides.
        if language == .french, last == i, w == "un" || w == "une" { return nil }
        // no one, nobody: not read (zero is never read from words).
        if w == "one", word(i - 1) == "no" { return nil }
        // pour cent: a percentage sign in words.
        if w == "cent", word(i - 1) == "pour" { return nil }
        // two thirds, one-half, ten percent: fractions and shares, not counts.
        var after = last + 1
        if after < tokens.count, tokens[after].text == "-", !tokens[after].spaceBefore {
            // forty-year-old, three-day: a compound adjective, not a count.
            if word(after + 1) != nil, !tokens[after + 1].spaceBefore { return nil }
            after += 1
        }
        if let next = word(after), NumberWords.fractionWords.contains(next) { return nil }
        if word(after) == "per" || word(after) == "pour", word(after + 1) == "cent" { return nil }
        return CountPhrase(lowValue: value, highValue: value, interval: .exactly(value), isVague: false, first: i, last: last)
    }

    /// Words after `a`/`un` that name a group or an amount, not one person.
    static let englishGroupNouns: Set<String> = [
        "total", "number", "numbers", "group", "crowd", "convoy", "unit", "team", "band", "gang", "squad", "platoon",
        "battalion", "company", "column", "contingent", "delegation", "family", "series", "wave", "lot", "host",
        "majority", "minority", "further", "additional", "third", "quarter", "half", "fifth", "percentage",
        "proportion", "part", "portion", "many", "whole", "range", "toll", "few", "couple", "dozen", "score",
        "handful", "minimum", "maximum", "estimated", "mass",
    ]
    static let frenchGroupNouns: Set<String> = [
        "groupe", "foule", "convoi", "unite", "equipe", "famille", "nombre", "serie", "partie", "total", "bande",
        "tiers", "quart", "moitie", "majorite", "minorite", "poignee", "vague", "colonne", "contingent",
        "delegation", "minimum", "maximum", "bilan", "dizaine", "douzaine", "quinzaine", "vingtaine", "trentaine",
        "quarantaine", "cinquantaine", "soixantaine", "centaine", "millier", "estimation", "certain",
    ]

    /// `a soldier`, `an officer`, `un civil`, `l'un des otages`, `un ou deux`:
    /// the article reads as one when it opens the tag's text or follows a
    /// qualifier (and is not followed by a group noun), and French `un`/`une`
    /// also before `des`/`de`/`d'`/`seul` (`un des otages`) or in a range
    /// (`un ou deux`, `entre un et trois`).
    func article(at i: Int, qualified: Bool = false) -> CountPhrase? {
        guard let w = word(i) else { return nil }
        let one = CountPhrase(lowValue: 1, highValue: 1, interval: .exactly(1), isVague: false, first: i, last: i)
        let groups = language == .english ? Self.englishGroupNouns : Self.frenchGroupNouns
        let isArticle = language == .english ? (w == "a" || w == "an") : (w == "un" || w == "une")
        guard isArticle else { return nil }
        let n1 = word(i + 1), n2 = word(i + 2)
        if language == .french {
            if let n = n1, ["des", "de", "d", "seul", "seule"].contains(n) { return one }
            if let n = n1, n == "ou" || n == "a" || n == "et", base(at: i + 2) != nil { return one }
        }
        guard isFirstWord(i) || qualified else { return nil }
        if let n = n1, groups.contains(n) { return nil }
        if let n = n2, groups.contains(n) { return nil }
        if !qualified {
            // A lone article is not a count; one before a noun or a numeral is.
            guard i + 1 < tokens.count, n1 != nil || tokens[i + 1].kind == .number else { return nil }
        }
        return one
    }
}
