/// Numerals that are not counts: years (`in 2025`), days of the month
/// (`June 18`, `18 juin`), dates (`2025-06-18`, `18/06/2025`), times
/// (`10:30`), ordinals and units glued to digits (`1st`, `2e`, `10km`), ages and
/// compound adjectives (`41-year-old`), percentages, money and numbers glued
/// to words (`G5`).
enum CountReaderNonCounts {
    static let englishMonths: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]
    static let frenchMonths: Set<String> = [
        "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre",
        "novembre", "decembre", "janv", "fev", "fevr", "avr", "juil", "sept", "oct", "nov", "dec",
    ]
    /// Words after which a four-digit number is a year.
    static let yearLeads: Set<String> = [
        "in", "since", "year", "years", "until", "mid", "early", "late", "during",
        "en", "depuis", "an", "annee", "annees", "fin", "debut", "mi", "durant", "pendant",
    ]

    /// English month names count only when capitalised, so `may` the verb is
    /// not a month; French months are written in lowercase.
    static func isMonth(_ t: CountToken) -> Bool {
        guard t.kind == .word else { return false }
        if frenchMonths.contains(t.text) { return true }
        return t.capitalized && englishMonths.contains(t.text)
    }

    /// For every token, true when it is a numeral that must not be read as a count.
    static func excluded(_ tokens: [CountToken], language: DocumentLanguage) -> [Bool] {
        var out = [Bool](repeating: false, count: tokens.count)
        let words = NumberWords.lexicon(language)
        func token(_ k: Int) -> CountToken? { k >= 0 && k < tokens.count ? tokens[k] : nil }
        func glued(_ k: Int) -> CountToken? {
            guard let t = token(k), !t.spaceBefore else { return nil }
            return t
        }

        for j in tokens.indices where tokens[j].kind == .number {
            guard let n = tokens[j].numeral, !n.overflow else { out[j] = true; continue }
            let t = tokens[j]
            // Glued to what comes before: G5, $40, n°3, 06/2025.
            if !t.spaceBefore, let p = token(j - 1) {
                if p.kind == .word { out[j] = true; continue }
                if ["$", "€", "£", "#", "°", "/", ":"].contains(p.text) { out[j] = true; continue }
            }
            // Glued to what follows: 1st, 2e, 3ème, 10km, 25%.
            if let x = glued(j + 1) {
                if x.kind == .word { out[j] = true; continue }
                if x.text == "%" { out[j] = true; continue }
                // 41-year-old, trois-quarts: a hyphen then a word that is not a number word.
                if x.text == "-", let y = glued(j + 2), y.kind == .word, words[y.text] == nil {
                    out[j] = true; continue
                }
            }
            if let x = token(j + 1) {
                if x.text == "%" || x.text == "percent" || x.text == "pourcent" { out[j] = true; continue }
                if (x.text == "per" || x.text == "pour"), token(j + 2)?.text == "cent" { out[j] = true; continue }
            }
            if isYear(tokens, j, n, language: language) || isDay(tokens, j, n) { out[j] = true }
        }

        // Numbers chained by glued separators: 2025-06-18, 18/06/2025, 10:30,
        // 2024-2025. Only a pair joined by a hyphen (10-15) may be a range,
        // and only when neither side is already excluded.
        var j = 0
        while j < tokens.count {
            guard tokens[j].kind == .number else { j += 1; continue }
            var chain = [j]
            var separators: [String] = []
            var k = j
            while let s = glued(k + 1), s.kind == .punct, ["-", "/", ":", "."].contains(s.text),
                  let m = glued(k + 2), m.kind == .number {
                separators.append(s.text)
                chain.append(k + 2)
                k += 2
            }
            if chain.count > 1 {
                let isPairRange = chain.count == 2 && separators == ["-"]
                let bothYears = chain.allSatisfy { idx in
                    guard let v = tokens[idx].numeral?.integer else { return false }
                    return tokens[idx].numeral?.integerDigits == 4 && (1900...2100).contains(v)
                }
                if !isPairRange || bothYears || chain.contains(where: { out[$0] }) {
                    for idx in chain { out[idx] = true }
                }
            }
            j = k + 1
        }
        return out
    }

    /// Last words of the English qualifiers, after which a four-digit number
    /// is a count (`more than 2000`).
    static let englishQualifierEnds: Set<String> = Set(CountQualifier.englishPrefixes.map { $0.words.last ?? "" })
        .union(["between", "and", "to", "or"])

    static func isYear(_ tokens: [CountToken], _ j: Int, _ n: CountNumeral, language: DocumentLanguage) -> Bool {
        guard let v = n.integer, n.integerDigits == 4, !n.grouped, (1900...2100).contains(v) else { return false }
        let prev = j > 0 ? tokens[j - 1] : nil
        let next = j + 1 < tokens.count ? tokens[j + 1] : nil
        // English writes thousands with a comma (2,000), so an ungrouped
        // 1900-2100 is a year (`the 2021 coup`) unless a qualifier precedes it.
        if language == .english {
            return !(prev?.kind == .word && englishQualifierEnds.contains(prev?.text ?? ""))
        }
        if let p = prev {
            if p.kind == .word && (yearLeads.contains(p.text) || isMonth(p)) { return true }
            if p.text == ",", j >= 2, tokens[j - 2].kind == .number || isMonth(tokens[j - 2]) { return true }
        }
        if let x = next, isMonth(x) { return true }
        // Standing alone, in brackets or after a comma: (2025), "attack, 2025".
        guard prev == nil || prev?.kind == .punct else { return false }
        guard let x = next else { return true }
        return x.kind == .punct && x.text != "+" && x.text != "-"
    }

    static func isDay(_ tokens: [CountToken], _ j: Int, _ n: CountNumeral) -> Bool {
        guard let v = n.integer, n.integerDigits <= 2, !n.grouped, (1...31).contains(v) else { return false }
        if j > 0 {
            if isMonth(tokens[j - 1]) { return true }
            if tokens[j - 1].text == ".", j > 1, isMonth(tokens[j - 2]) { return true }
        }
        if j + 1 < tokens.count, isMonth(tokens[j + 1]) { return true }
        return false
    }
}
