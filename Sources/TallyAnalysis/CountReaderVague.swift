/// Vague and collective quantities: `several`, `a few`, `dozens`,
/// `tens of thousands`, `une dizaine`, `des centaines`, `plusieurs milliers`.
/// Vague plurals read as their lowest round value and upwards, the way ACLED
/// codes them (tens 10, dozens 12, hundreds 100); see Grammar/count-reading.md.
enum CountReaderVague {
    /// English plural collectives and the lowest value each stands for.
    static let englishPlurals: [String: Int] = [
        "tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000,
    ]
    /// English units a multiplier can take: `several hundred`, `a few dozen`.
    static let englishUnits: [String: Int] = [
        "dozen": 12, "score": 20, "hundred": 100, "thousand": 1_000, "million": 1_000_000,
        "dozens": 12, "hundreds": 100, "thousands": 1_000, "millions": 1_000_000,
    ]
    /// French plural collectives: `des dizaines`, `plusieurs centaines`.
    static let frenchPlurals: [String: Int] = [
        "dizaines": 10, "douzaines": 12, "vingtaines": 20, "centaines": 100, "milliers": 1_000,
        "millions": 1_000_000,
    ]
    /// French approximate nouns after `un`/`une`: `une dizaine` is about ten.
    /// `douzaine` is the exception: like English `a dozen` it reads as 12.
    static let frenchApproximate: [String: Int] = [
        "dizaine": 10, "douzaine": 12, "quinzaine": 15, "vingtaine": 20, "trentaine": 30, "quarantaine": 40,
        "cinquantaine": 50, "soixantaine": 60, "centaine": 100, "millier": 1_000,
    ]

    /// A vague or collective quantity starting at token `i`.
    static func read(_ p: CountPhraseParser, at i: Int) -> CountPhrase? {
        p.language == .english ? english(p, at: i) : french(p, at: i)
    }

    private static func vague(_ value: Int, _ first: Int, _ last: Int) -> CountPhrase {
        CountPhrase(lowValue: value, highValue: value, interval: .atLeast(value), isVague: true, first: first, last: last)
    }

    private static func exact(_ value: Int, _ first: Int, _ last: Int) -> CountPhrase {
        CountPhrase(lowValue: value, highValue: value, interval: .exactly(value), isVague: false, first: first, last: last)
    }

    /// `of thousands` / `de milliers` after a collective multiplies it.
    private static func ofScale(_ p: CountPhraseParser, _ phrase: CountPhrase) -> CountPhrase {
        let connector = p.word(phrase.last + 1)
        guard connector == "of" || connector == "de" || connector == "d", let w = p.word(phrase.last + 2) else { return phrase }
        let scale: Int?
        switch (p.language, w) {
        case (.english, "thousands"): scale = 1_000
        case (.english, "millions"): scale = 1_000_000
        case (.french, "milliers"): scale = 1_000
        case (.french, "millions"): scale = 1_000_000
        default: scale = nil
        }
        guard let s = scale else { return phrase }
        var out = phrase
        out.lowValue = phrase.lowValue * s
        out.highValue = phrase.highValue * s
        if let h = phrase.interval.high {
            // An approximate collective keeps its band: une dizaine de milliers.
            out.interval = CountInterval(low: phrase.interval.low * s, high: h * s)
        } else {
            out.interval = .atLeast(phrase.interval.low * s)
        }
        out.last = phrase.last + 2
        return out
    }

    private static func english(_ p: CountPhraseParser, at i: Int) -> CountPhrase? {
        guard let w = p.word(i) else { return nil }
        var multiplier = 0
        var multiplierIsVague = true
        var next = i + 1
        switch w {
        case "a", "an":
            switch p.word(i + 1) {
            case "few": multiplier = 2
            case "handful": return vague(2, i, i + 1)
            case "couple": multiplier = 2; multiplierIsVague = false
            case "dozen": return exact(12, i, i + 1)
            case "score": return exact(20, i, i + 1)
            default: return nil
            }
            next = i + 2
        case "several":
            multiplier = 3
        case "both":
            guard p.isFirstWord(i), i + 1 < p.tokens.count else { return nil }
            return exact(2, i, i)
        case "half":
            guard p.word(i + 1) == "a", p.word(i + 2) == "dozen" else { return nil }
            return exact(6, i, i + 2)
        default:
            if let v = englishPlurals[w] { return ofScale(p, vague(v, i, i)) }
            return nil
        }
        // A multiplier, maybe followed by a unit: several hundred, a couple of dozen.
        var unitAt = next
        if p.word(unitAt) == "of", let u = p.word(unitAt + 1), englishUnits[u] != nil { unitAt += 1 }
        if let u = p.word(unitAt), let unit = englishUnits[u] {
            let value = multiplier * unit
            let phrase = multiplierIsVague ? vague(value, i, unitAt) : exact(value, i, unitAt)
            return ofScale(p, phrase)
        }
        return multiplierIsVague ? vague(multiplier, i, next - 1) : exact(multiplier, i, next - 1)
    }

    private static func french(_ p: CountPhraseParser, at i: Int) -> CountPhrase? {
        guard let w = p.word(i) else { return nil }
        switch w {
        case "plusieurs", "quelques":
            if let u = p.word(i + 1), let unit = frenchPlurals[u] {
                return ofScale(p, vague(2 * unit, i, i + 1))
            }
            return vague(2, i, i)
        case "un", "une":
            guard let n = p.word(i + 1) else { return nil }
            if n == "poignee" { return vague(2, i, i + 1) }
            guard let v = frenchApproximate[n] else { return nil }
            if n == "douzaine" { return ofScale(p, exact(12, i, i + 1)) }
            let band = CountQualifier.about.interval(low: v, high: v)
            return ofScale(p, CountPhrase(lowValue: v, highValue: v, interval: band, isVague: false, first: i, last: i + 1))
        case "des", "de", "d":
            guard let n = p.word(i + 1), let v = frenchPlurals[n] else { return nil }
            return ofScale(p, vague(v, i, i + 1))
        default:
            if let v = frenchPlurals[w] { return ofScale(p, vague(v, i, i)) }
            return nil
        }
    }
}
