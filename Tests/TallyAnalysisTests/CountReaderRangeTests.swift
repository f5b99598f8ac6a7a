import Testing
@testable import TallyAnalysis

/// The byte range and the words of a reading: UTF-8 offsets into the input,
/// qualifiers included, counted correctly after multi-byte characters.
struct CountReaderRangeTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var text: String
        var language: DocumentLanguage
        var words: String
        var testDescription: String { "\(language.rawValue): \(text)" }
        init(_ text: String, _ language: DocumentLanguage, _ words: String) {
            self.text = text
            self.language = language
            self.words = words
        }
    }

    static let cases: [Case] = [
        Case("at least 130 people", .english, "at least 130"),
        Case("the dead numbered more than 10", .english, "more than 10"),
        Case("Ségou: trois civils", .french, "trois"),
        Case("Ségou : près de 25 000 déplacés", .french, "près de 25 000"),
        Case("Kayes, Nioro du Sahel et Diboli : plus d’une centaine", .french, "plus d’une centaine"),
        Case("jusqu’à 30 personnes", .french, "jusqu’à 30"),
        Case("«\u{00A0}une dizaine\u{00A0}» de civils", .french, "une dizaine"),
        Case("10–15 soldiers", .english, "10–15"),
        Case("between three and five soldiers", .english, "between three and five"),
        Case("“forty-one” soldiers", .english, "forty-one"),
        Case("tens of thousands of people", .english, "tens of thousands"),
        Case("130 or more", .english, "130 or more"),
        Case("130+ dead", .english, "130+"),
        Case("l'un des otages", .french, "un"),
        Case("quatre-vingt-dix-sept personnes", .french, "quatre-vingt-dix-sept"),
    ]

    @Test(arguments: cases)
    func wordsAndRange(_ c: Case) throws {
        let reading = try #require(CountReader.read(c.text, language: c.language))
        #expect(reading.words == c.words)
        let bytes = Array(c.text.utf8)
        #expect(reading.range.lowerBound >= 0 && reading.range.upperBound <= bytes.count)
        #expect(String(decoding: bytes[reading.range], as: UTF8.self) == c.words)
    }

    @Test func accentsBeforeTheNumberAreCountedInBytes() throws {
        // "Ségou: " is 8 bytes (é takes two), so "trois" is bytes 8..<13.
        let reading = try #require(CountReader.read("Ségou: trois civils", language: .french))
        #expect(reading.range == 8..<13)
        #expect(reading.interval == .exactly(3))
    }

    @Test func byteFormMatchesStringForm() throws {
        let text = "Près de Mopti, au moins 41 soldats"
        let fromString = try #require(CountReader.read(text, language: .french))
        let fromBytes = try #require(CountReader.read(Array(text.utf8), language: .french))
        #expect(fromString == fromBytes)
        #expect(fromBytes.words == "au moins 41")
    }

    @Test func byteFormCountsFromTheSlicesFirstByte() throws {
        let text = Array("xx [at least 130 people]".utf8)
        let slice = text[4..<23]  // "at least 130 people"
        let reading = try #require(CountReader.read(slice, language: .english))
        #expect(reading.range == 0..<12)
        #expect(reading.words == "at least 130")
    }

    @Test func invalidUTF8AroundANumberStillReads() throws {
        let bytes: [UInt8] = [0xFF, 0xC3, 0x20] + Array("more than 10".utf8) + [0x20, 0xE2, 0x80]
        let reading = try #require(CountReader.read(bytes, language: .english))
        #expect(reading.interval == .atLeast(11))
        #expect(reading.range == 3..<15)
    }
}
