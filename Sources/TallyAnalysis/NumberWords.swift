/// Cardinal numbers written in words, in English (`forty-one`, `one hundred
/// and thirty`, `two thousand`) and French (`quarante et un`,
/// `quatre-vingt-dix`, `deux mille cinq cents`), read from count tokens.
enum NumberWords {
    enum Word: Sendable, Equatable {
        case unit(Int)     // 1...9
        case teen(Int)     // 10...19 (French: dix...seize)
        case tens(Int)     // 20, 30, ... 90
        case hundred
        case scale(Int)    // thousand, million, billion
        case dozen         // English "two dozen"
    }

    static let english: [String: Word] = [
        "one": .unit(1), "two": .unit(2), "three": .unit(3), "four": .unit(4), "five": .unit(5),
        "six": .unit(6), "seven": .unit(7), "eight": .unit(8), "nine": .unit(9),
        "ten": .teen(10), "eleven": .teen(11), "twelve": .teen(12), "thirteen": .teen(13),
        "fourteen": .teen(14), "fifteen": .teen(15), "sixteen": .teen(16), "seventeen": .teen(17),
        "eighteen": .teen(18), "nineteen": .teen(19),
        "twenty": .tens(20), "thirty": .tens(30), "forty": .tens(40), "fourty": .tens(40), "fifty": .tens(50),
        "sixty": .tens(60), "seventy": .tens(70), "eighty": .tens(80), "ninety": .tens(90),
        "hundred": .hundred, "thousand": .scale(1_000), "million": .scale(1_000_000),
        "billion": .scale(1_000_000_000), "dozen": .dozen,
    ]

    static let french: [String: Word] = [
        "un": .unit(1), "une": .unit(1), "deux": .unit(2), "trois": .unit(3), "quatre": .unit(4),
        "cinq": .unit(5), "six": .unit(6), "sept": .unit(7), "huit": .unit(8), "neuf": .unit(9),
        "dix": .teen(10), "onze": .teen(11), "douze": .teen(12), "treize": .teen(13),
        "quatorze": .teen(14), "quinze": .teen(15), "seize": .teen(16),
        "vingt": .tens(20), "vingts": .tens(20), "trente": .tens(30), "quarante": .tens(40),
        "cinquante": .tens(50), "soixante": .tens(60),
        "septante": .tens(70), "huitante": .tens(80), "octante": .tens(80), "nonante": .tens(90),
        "cent": .hundred, "cents": .hundred, "mille": .scale(1_000), "million": .scale(1_000_000),
        "millions": .scale(1_000_000), "milliard": .scale(1_000_000_000), "milliards": .scale(1_000_000_000),
    ]

    static func lexicon(_ language: DocumentLanguage) -> [String: Word] {
        language == .english ? english : french
    }

    /// Largest value the reader accepts; anything beyond is not a casualty count.
    static let limit = 1_000_000_000_000

    /// Reads a cardinal in words starting at token `start`. With `seededWithOne`
    /// the caller has consumed an English `a`/`an` that stands for one
    /// (`a hundred`). Returns the value and the index of its last word.
    static func read(_ tokens: [CountToken], from start: Int, language: DocumentLanguage,
                     seededWithOne: Bool = false) -> (value: Int, last: Int)? {
        enum Last: Equatable { case none, unit(Int), teen(Int), tens(Int), hundred, scale, and, et }
        let words = lexicon(language)
        let french = language == .french
        var total = 0
        var group = seededWithOne ? 1 : 0
        var lastScale = Int.max
        var last: Last = seededWithOne ? .unit(1) : .none
        var lastConsumed: Int? = nil
        var i = start

        func word(_ k: Int) -> String? {
            k < tokens.count && tokens[k].kind == .word ? tokens[k].text : nil
        }
        func startsSmallNumber(_ k: Int) -> Bool {
            guard let w = word(k), let v = words[w] else { return false }
            switch v {
            case .unit, .teen, .tens: return true
            default: return false
            }
        }

        scan: while i < tokens.count {
            var j = i
            // A hyphen between two number words: forty-one, quatre-vingt-dix, vingt-et-un.
            if lastConsumed != nil || last == .et, tokens[j].kind == .punct, tokens[j].text == "-",
               !tokens[j].spaceBefore, j + 1 < tokens.count, !tokens[j + 1].spaceBefore {
                j += 1
            }
            guard let w = word(j) else { break }
            if !french, w == "and", last == .hundred || last == .scale, startsSmallNumber(j + 1) {
                last = .and
                i = j + 1
                continue
            }
            if french, w == "et", case .tens(let t) = last, t >= 20, t <= 60 {
                var k = j + 1
                if k < tokens.count, tokens[k].kind == .punct, tokens[k].text == "-" { k += 1 }
                let next = word(k)
                guard next == "un" || next == "une" || next == "onze" else { break scan }
                last = .et
                i = j + 1
                continue
            }
            guard let value = words[w] else { break }
            switch value {
            case .unit(let u):
                switch last {
                case .none, .hundred, .scale, .and, .tens: break
                case .teen(10) where french && u >= 7: break
                case .et where u == 1: break
                default: break scan
                }
                group += u
                last = .unit(u)
            case .teen(let t):
                switch last {
                case .none, .hundred, .scale, .and: break
                case .tens(60) where french, .tens(80) where french: break
                case .et where t == 11: break
                default: break scan
                }
                group += t
                last = .teen(t)
            case .tens(let t):
                if french, t == 20, last == .unit(4), group % 100 == 4 {
                    group += 76  // quatre-vingt(s)
                    last = .tens(80)
                } else {
                    switch last {
                    case .none, .hundred, .scale, .and: break
                    default: break scan
                    }
                    group += t
                    last = .tens(t)
                }
            case .hundred:
                guard group < 100 else { break scan }
                switch last {
                case .unit, .teen, .tens: break
                case .none where french, .scale where french: break
                default: break scan
                }
                group = max(group, 1) * 100
                last = .hundred
            case .scale(let s):
                guard s < lastScale, last != .and, last != .et else { break scan }
                guard group > 0 || (french && s == 1_000 && (last == .none || last == .scale)) else { break scan }
                let (product, o) = max(group, 1).multipliedReportingOverflow(by: s)
                guard !o, product <= limit else { return nil }
                total += product
                group = 0
                lastScale = s
                last = .scale
            case .dozen:
                guard !french, group > 0, group < 100 else { break scan }
                switch last {
                case .unit, .teen, .tens: break
                default: break scan
                }
                group *= 12
                lastConsumed = j
                break scan
            }
            lastConsumed = j
            i = j + 1
        }
        guard let end = lastConsumed else { return nil }
        let value = total + group
        guard value <= limit else { return nil }
        return (value, end)
    }

    /// Words that make a preceding number a fraction, not a count ("two thirds").
    static let fractionWords: Set<String> = [
        "half", "halves", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "tenth", "tenths",
        "percent", "tiers", "quart", "quarts", "moitie", "cinquieme", "cinquiemes", "dixieme", "dixiemes",
        "pourcent",
    ]
}
