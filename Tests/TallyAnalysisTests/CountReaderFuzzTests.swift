import Testing
@testable import TallyAnalysis

/// Random and near-miss inputs: the reader never traps, and what it returns
/// is always well formed.
struct CountReaderFuzzTests {
    /// SplitMix64: small, seeded, the same sequence on every platform.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Pieces that steer random input toward the reader's grammar.
    static let pieces: [[UInt8]] = [
        "at least", "more than", "nearly", "about", "up to", "between", "and", "to", "or", "a", "an", "one",
        "forty", "-", "–", "hundred", "thousand", "dozens", "several", "of", "thousands", "au moins", "plus de",
        "près de", "une", "dizaine", "des", "centaines", "quatre", "vingt", "et", "un", "mille", "jusqu’à",
        "June", "juin", "2025", "18", "999999999999999999", "25,000", "1.200", "1 200", "\u{00A0}", "\u{202F}",
        ",", ".", ":", "/", "%", "+", "'", "’", " ", " ", " ", "0", "7", "130",
    ].map { Array($0.utf8) }

    static func check(_ bytes: [UInt8], _ language: DocumentLanguage) {
        guard let r = CountReader.read(bytes, language: language) else { return }
        #expect(r.range.lowerBound >= 0 && r.range.upperBound <= bytes.count && !r.range.isEmpty)
        #expect(r.interval.low >= 0)
        if let h = r.interval.high { #expect(h >= r.interval.low) }
        #expect(r.words == String(decoding: bytes[r.range], as: UTF8.self))
    }

    @Test(arguments: [DocumentLanguage.english, .french])
    func randomBytes(_ language: DocumentLanguage) {
        var g = Generator(state: 0x7A11_1C0F)
        for _ in 0..<3_000 {
            let n = Int.random(in: 0...48, using: &g)
            let bytes = (0..<n).map { _ in UInt8.random(in: 0...255, using: &g) }
            Self.check(bytes, language)
        }
    }

    @Test(arguments: [DocumentLanguage.english, .french])
    func randomPhrases(_ language: DocumentLanguage) {
        var g = Generator(state: 0xC0_17_7E_AD)
        for _ in 0..<3_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &g) {
                if Int.random(in: 0..<8, using: &g) == 0 {
                    bytes.append(UInt8.random(in: 0...255, using: &g))
                } else {
                    bytes += Self.pieces[Int.random(in: 0..<Self.pieces.count, using: &g)]
                }
            }
            Self.check(bytes, language)
        }
    }

    @Test func hugeNumbersAreNotCounts() {
        #expect(CountReader.read("99999999999999999999 people", language: .english) == nil)
        #expect(CountReader.read("9,999,999,999,999 people", language: .english) == nil)
        // Scales do not stack: the reading stops at the first billion.
        #expect(CountReader.read("a billion billion people", language: .english)?.interval == .exactly(1_000_000_000))
    }

    @Test func numberGluedToGarbageIsNotACount() {
        #expect(CountReader.read([0x31, 0x30, 0xE2, 0x80], language: .english) == nil)
    }
}
