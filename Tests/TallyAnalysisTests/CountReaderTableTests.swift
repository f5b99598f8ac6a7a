import Testing
@testable import TallyAnalysis

/// Table-driven cases beyond the documented table: the figures of the
/// flagship article, separators, vagueness, and the two languages kept apart.
struct CountReaderTableTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var language: DocumentLanguage
        var expected: String  // CountInterval.description, or "none"
        var vague: Bool = false
        var testDescription: String { "\(language.rawValue): \(text) → \(expected)" }
        init(_ text: String, _ language: DocumentLanguage, _ expected: String, vague: Bool = false) {
            self.text = text
            self.language = language
            self.expected = expected
            self.vague = vague
        }
    }

    static let cases: [Case] = [
        // The flagship report's figures.
        Case("three Indian nationals", .english, "3"),
        Case("41 members of the Malian army", .english, "41"),
        Case("at least 130 people", .english, "130+"),
        Case("one civilian", .english, "1"),
        Case("more than 10 seriously injured people", .english, "11+"),
        Case("a soldier", .english, "1"),
        Case("the hostages", .english, "none"),
        Case("trois ressortissants indiens", .french, "3"),
        Case("au moins 130 personnes", .french, "130+"),
        // Separators.
        Case("25\u{00A0}000 people", .english, "25000"),
        Case("25\u{202F}000 personnes", .french, "25000"),
        Case("1\u{2009}200 personnes", .french, "1200"),
        Case("1,250,000 people", .english, "1250000"),
        Case("1.250.000 personnes", .french, "1250000"),
        Case("1.200 people", .english, "none"),        // an English decimal, not a count
        Case("1,200 personnes", .french, "none"),      // a French decimal, not a count
        Case("1,200 people", .english, "1200"),
        Case("12345 people", .english, "12345"),
        Case("3, 4 wounded", .english, "3"),
        // Vagueness.
        Case("dozens of civilians", .english, "12+", vague: true),
        Case("several soldiers", .english, "3+", vague: true),
        Case("at least dozens", .english, "12+", vague: true),
        Case("dozens to hundreds", .english, "12+", vague: true),
        Case("a dozen villagers", .english, "12"),
        Case("une dizaine de civils", .french, "9-11"),
        Case("plusieurs soldats", .french, "2+", vague: true),
        Case("des centaines de milliers de personnes", .french, "100000+", vague: true),
        Case("une dizaine de milliers de personnes", .french, "9000-11000"),
        // The first count wins.
        Case("one of the 12 hostages", .english, "1"),
        Case("12 of the 41 soldiers", .english, "12"),
        Case("a soldier and three civilians", .english, "1"),
        Case("the June 18 attack, which killed at least 130", .english, "130+"),
        Case("les 41 soldats tués à Dioura le 23 mai", .french, "41"),
        Case("le 23 mai, 41 soldats", .french, "41"),
        // Languages are kept apart.
        Case("trois civils", .english, "none"),
        Case("three civilians", .french, "none"),
        Case("41 soldats", .english, "41"),
        // Not counts.
        Case("G5 Sahel troops", .english, "none"),
        Case("$40 in cash", .english, "none"),
        Case("the 2nd battalion", .english, "none"),
        Case("the 2024-2025 season", .english, "none"),
        Case("June 18-19", .english, "none"),
        Case("18.06.2025", .french, "none"),
        Case("ten per cent of residents", .english, "none"),
        Case("dix pour cent des habitants", .french, "none"),
        Case("forty-year-old men", .english, "none"),
        Case("(2025)", .english, "none"),
        Case("more than 2000 people", .english, "2001+"),
        Case("2000 personnes", .french, "2000"),
        Case("aucun mort", .french, "none"),
        Case("zero", .english, "none"),
        Case("", .english, "none"),
        Case("   ", .french, "none"),
        // Ranges that are not ranges.
        Case("20 to 10", .english, "20"),
        Case("10 to the hospital", .english, "10"),
        Case("two or more", .english, "2+"),
    ]

    @Test(arguments: cases)
    func reads(_ c: Case) {
        let reading = CountReader.read(c.text, language: c.language)
        #expect((reading?.interval.description ?? "none") == c.expected, "read \(reading?.words ?? "nothing")")
        if let reading {
            #expect(reading.isVague == c.vague)
            #expect(reading.interval.high.map { $0 >= reading.interval.low } ?? true)
        }
    }
}
