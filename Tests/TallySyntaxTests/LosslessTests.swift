import Testing
@testable import TallySyntax

/// A small deterministic generator (SplitMix64), so failures reproduce.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}

@Suite struct LosslessTests {
    /// Pieces that combine into plausible and implausible documents.
    static let pieces = [
        "---\n", "title: x\n", "%% c\n", "::: incident a date=2025-06-18 killed=3\n", ":::\n", "\n", "\r\n",
        "[", "]", "{", "}", "]{", "killed", "place=kayes", " victim=civilians", "=", "\"", "\\\"", "\\[", "\\",
        "three ", "130+", "Ségou ", "😀", "’", ":::", "%%", "---", " ", "\t", "in=a", "note=\"x y\"",
    ]

    @Test(arguments: 0..<300)
    func generatedDocumentsRoundTrip(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed))
        var doc = ""
        for _ in 0..<Int.random(in: 1...40, using: &rng) { doc += Self.pieces.randomElement(using: &rng)! }
        let tree = SyntaxTree.parse(doc)
        var joined: [UInt8] = []
        var offset = 0
        for t in tree.tokens {
            #expect(t.start == offset)
            offset = t.end
            joined += tree.bytes[t.range]
        }
        #expect(joined == Array(doc.utf8))
        for d in tree.diagnostics {
            #expect(d.range.lowerBound >= 0 && d.range.upperBound <= doc.utf8.count)
        }
    }

    @Test(arguments: 0..<100)
    func randomBytesNeverCrash(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed) &+ 1000)
        let alphabet: [UInt8] = Array("[]{}=\":,%-\\ \n\rakilled0123+".utf8) + [0xC3, 0xA9, 0xFF, 0x00, 0xE2, 0x80]
        let bytes = (0..<Int.random(in: 0...500, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
        let tree = SyntaxTree.parse(bytes: bytes)
        #expect(tree.tokens.reduce(0) { $0 + $1.range.count } == bytes.count)
    }

    @Test func strippedTextOfPlainProseIsItself() {
        let prose = "Nothing here is markup: 3 < 4, [File: AFP], {braces}, 100% sure.\n"
        #expect(SyntaxTree.parse(prose).articleText() == prose)
    }
}
