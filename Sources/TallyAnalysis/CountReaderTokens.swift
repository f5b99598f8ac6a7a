/// One token of a figure's text, as the count reader sees it: a word (folded to
/// lowercase ASCII, so `Près` is `pres`), a numeral written in digits, or a
/// punctuation mark. Offsets are UTF-8 byte offsets into the input.
struct CountToken: Sendable {
    enum Kind: Sendable, Equatable {
        case word
        case number
        case punct
    }

    var kind: Kind
    var start: Int
    var end: Int
    /// Words: lowercase, diacritics removed. Punctuation: the mark, with every
    /// hyphen and dash that can join a range written `-`. Numbers: empty.
    var text: String
    /// The word's first letter is a capital (English month names need one).
    var capitalized: Bool
    /// Whitespace (or an apostrophe) separates this token from the previous one.
    var spaceBefore: Bool
    /// The value of a `.number` token.
    var numeral: CountNumeral?
}

/// A numeral written in digits, with its thousands separators removed.
struct CountNumeral: Sendable, Equatable {
    /// Every digit, integer and fraction part together (`1.5` is 15).
    var mantissa: Int
    /// How many of those digits follow a decimal mark.
    var fractionDigits: Int
    /// Digits before any decimal mark, separators not counted.
    var integerDigits: Int
    /// Thousands separators were used (`25,000`, `1 200`).
    var grouped: Bool
    /// Too many digits to be a casualty count.
    var overflow: Bool

    /// The value when it is a whole number that fits.
    var integer: Int? { fractionDigits == 0 && !overflow ? mantissa : nil }
}

/// Splits bytes into `CountToken`s. Works on raw UTF-8 and never fails: bytes
/// that are not valid UTF-8 become parts of words that match nothing.
enum CountTokenizer {
    static func tokens(_ b: [UInt8], language: DocumentLanguage) -> [CountToken] {
        var out: [CountToken] = []
        out.reserveCapacity(b.count / 4 + 1)
        var i = 0
        var space = true
        while i < b.count {
            if let n = spaceLength(b, i) {
                i += n
                space = true
                continue
            }
            let c = b[i]
            if c >= 0x30 && c <= 0x39 {
                let (numeral, end) = readNumeral(b, from: i, language: language)
                out.append(CountToken(kind: .number, start: i, end: end, text: "", capitalized: false,
                                      spaceBefore: space, numeral: numeral))
                i = end
                space = false
                continue
            }
            if let (mark, n) = punctuation(b, i) {
                if mark == "'" {
                    // An apostrophe only separates words: l'un, d'une, jusqu'à.
                    i += n
                    space = true
                    continue
                }
                out.append(CountToken(kind: .punct, start: i, end: i + n, text: mark, capitalized: false,
                                      spaceBefore: space, numeral: nil))
                i += n
                space = false
                continue
            }
            let start = i
            var folded: [UInt8] = []
            let capitalized = (c >= 0x41 && c <= 0x5A) || (c == 0xC3 && i + 1 < b.count && b[i + 1] >= 0x80 && b[i + 1] <= 0x9E)
            while i < b.count {
                let d = b[i]
                if d >= 0x30 && d <= 0x39 { break }
                if spaceLength(b, i) != nil || punctuation(b, i) != nil { break }
                i += fold(b, i, into: &folded)
            }
            out.append(CountToken(kind: .word, start: start, end: i, text: String(decoding: folded, as: UTF8.self),
                                  capitalized: capitalized, spaceBefore: space, numeral: nil))
            space = false
        }
        return out
    }

    /// Length of the whitespace character at `i`, or nil.
    static func spaceLength(_ b: [UInt8], _ i: Int) -> Int? {
        let c = b[i]
        switch c {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: return 1
        case 0xC2 where i + 1 < b.count && b[i + 1] == 0xA0: return 2  // no-break space
        case 0xE2 where i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] <= 0x8A || b[i + 2] == 0xAF): return 3
        case 0xE2 where i + 2 < b.count && b[i + 1] == 0x81 && b[i + 2] == 0x9F: return 3
        case 0xE3 where i + 2 < b.count && b[i + 1] == 0x80 && b[i + 2] == 0x80: return 3
        default: return nil
        }
    }

    /// The punctuation mark at `i` (normalised) and its length, or nil when
    /// the byte starts a letter.
    static func punctuation(_ b: [UInt8], _ i: Int) -> (String, Int)? {
        let c = b[i]
        if c < 0x80 {
            let isLetter = (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
            let isDigit = c >= 0x30 && c <= 0x39
            if isLetter || isDigit { return nil }
            if c == 0x60 { return ("'", 1) }
            return (String(UnicodeScalar(c)), 1)
        }
        if c == 0xC2, i + 1 < b.count {
            switch b[i + 1] {
            case 0xAB, 0xBB: return ("\"", 2)
            case 0xA3: return ("£", 2)
            case 0xB0, 0xBA: return ("°", 2)
            case 0xB4: return ("'", 2)
            default: return nil
            }
        }
        if c == 0xCA, i + 1 < b.count, b[i + 1] == 0xBC { return ("'", 2) }  // modifier apostrophe
        if c == 0xE2, i + 2 < b.count {
            let (x, y) = (b[i + 1], b[i + 2])
            if x == 0x80 {
                switch y {
                case 0x90, 0x91, 0x92, 0x93: return ("-", 3)  // hyphens, figure dash, en dash
                case 0x94, 0x95: return ("—", 3)
                case 0x98, 0x99, 0x9B: return ("'", 3)
                case 0x9C, 0x9D, 0x9E: return ("\"", 3)
                case 0xA6: return ("…", 3)
                default: return nil
                }
            }
            if x == 0x88 && y == 0x92 { return ("-", 3) }  // minus sign
            if x == 0x82 && y == 0xAC { return ("€", 3) }
            if x == 0x84 && y == 0x96 { return ("#", 3) }  // numero sign
        }
        return nil
    }

    /// Appends the lowercase ASCII form of the character at `i` and returns
    /// how many bytes it used.
    static func fold(_ b: [UInt8], _ i: Int, into out: inout [UInt8]) -> Int {
        let c = b[i]
        if c < 0x80 {
            out.append(c >= 0x41 && c <= 0x5A ? c + 0x20 : c)
            return 1
        }
        if c == 0xC3, i + 1 < b.count, b[i + 1] >= 0x80, b[i + 1] <= 0xBF {
            let y = b[i + 1] & 0xDF  // upper and lower case share a row below
            let letters: [UInt8]
            switch y {
            case 0x80...0x85: letters = [0x61]            // a
            case 0x86: letters = [0x61, 0x65]             // ae
            case 0x87: letters = [0x63]                   // c
            case 0x88...0x8B: letters = [0x65]            // e
            case 0x8C...0x8F: letters = [0x69]            // i
            case 0x91: letters = [0x6E]                   // n
            case 0x92...0x96, 0x98: letters = [0x6F]      // o
            case 0x99...0x9C: letters = [0x75]            // u
            case 0x9D: letters = [0x79]                   // y
            default: letters = [c, b[i + 1]]
            }
            out.append(contentsOf: letters)
            return 2
        }
        if c == 0xC5, i + 1 < b.count, b[i + 1] == 0x92 || b[i + 1] == 0x93 {
            out.append(contentsOf: [0x6F, 0x65])          // oe
            return 2
        }
        // Any other character: keep its bytes so it matches no lexicon entry.
        var n = 1
        let expected = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1
        while n < expected, i + n < b.count, b[i + n] & 0xC0 == 0x80 { n += 1 }
        out.append(contentsOf: b[i..<(i + n)])
        return n
    }

    /// Reads digits at `i` with the thousands separators of the language
    /// (`25,000` or `25 000` in English; `25.000` or `25 000` in French) and a
    /// decimal part (`1.5` in English, `1,5` in French).
    static func readNumeral(_ b: [UInt8], from start: Int, language: DocumentLanguage) -> (CountNumeral, Int) {
        let maxDigits = 15
        func digit(_ k: Int) -> Bool { k < b.count && b[k] >= 0x30 && b[k] <= 0x39 }
        var i = start
        var mantissa = 0
        var digits = 0
        var overflow = false
        func take(_ k: Int) {
            digits += 1
            if digits > maxDigits { overflow = true } else { mantissa = mantissa * 10 + Int(b[k] - 0x30) }
        }
        while digit(i) { take(i); i += 1 }
        var grouped = false
        if digits <= 3 {
            while i < b.count {
                let sep: Int
                switch b[i] {
                case 0x2C where language == .english: sep = 1   // ,
                case 0x2E where language == .french: sep = 1    // .
                case 0x27: sep = 1                              // ' (Swiss style)
                default: sep = spaceLength(b, i) ?? 0
                }
                guard sep > 0, b[i] != 0x0A, b[i] != 0x0D, b[i] != 0x09 else { break }
                let g = i + sep
                guard digit(g), digit(g + 1), digit(g + 2), !digit(g + 3) else { break }
                take(g); take(g + 1); take(g + 2)
                grouped = true
                i = g + 3
            }
        }
        let integerDigits = digits
        var fraction = 0
        if i + 1 < b.count, digit(i + 1) {
            let isMark = language == .english ? b[i] == 0x2E : (b[i] == 0x2C || b[i] == 0x2E)
            if isMark {
                i += 1
                while digit(i) { take(i); fraction += 1; i += 1 }
            }
        }
        if fraction > 6 { overflow = true }
        return (CountNumeral(mantissa: mantissa, fractionDigits: fraction, integerDigits: integerDigits,
                             grouped: grouped, overflow: overflow), i)
    }
}
