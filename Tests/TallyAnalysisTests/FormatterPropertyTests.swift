import Testing
import TallySyntax
@testable import TallyAnalysis

/// SplitMix64: deterministic, so a failing seed reproduces.
private struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &* 0x2545F4914F6CDD1D &+ 17 }
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}

/// Documents made of markup in many layouts (spacing, order, quoting, line
/// breaks), with now and then a piece that breaks the syntax.
private struct DocumentGenerator {
    var rng: SplitMix
    var lineBreak = "\n"

    init(seed: Int) { rng = SplitMix(seed: UInt64(seed)) }

    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &rng)! }

    mutating func blanks(_ allowNone: Bool = true) -> String {
        let n = Int.random(in: (allowNone ? 0 : 1)...3, using: &rng)
        return (0..<n).map { _ in chance(0.8) ? " " : "\t" }.joined()
    }

    mutating func noteValue() -> String {
        pick(["plain", "\"plain\"", "\"two words\"", "\"say \\\"hi\\\"\"", "\"a=b\"", "\"back\\\\slash\"", "\"\"",
              "\"x}\"", "\"a [b\"", "\"\\q\"", "semi;colon", "\"Ségou ’\""])
    }

    mutating func tag() -> String {
        let text = pick(["three men", "Kayes", "at least 130 people", "Ségou", "the\(lineBreak)group", "  spaced  ", "\\[1] x"])
        var items: [String] = []
        let kind = pick(["killed", "injured", "abducted", "place", "actor", "displaced"])
        switch kind {
        case "place": items.append(pick(["place", "place=kayes", "place=\"kayes\""]))
        case "actor": items.append(pick(["actor", "actor=jnim", "actor=\"fama\""]))
        default: items.append(pick([kind, "\(kind)=3", "\(kind)=130+", "\(kind)=\"4\"", "\(kind)=10-20"]))
        }
        var attributes: [String] = []
        if kind == "place" || kind == "actor" {
            if chance(0.4) { attributes.append("note=\(noteValue())") }
        } else {
            if chance(0.5) { attributes.append(pick(["victim=civilians", "victim=fama,civilians", "victim=\"fama\""])) }
            if chance(0.4) { attributes.append(pick(["by=jnim", "by=\"unidentified-armed-group\""])) }
            if chance(0.3) { attributes.append("in=a") }
            if chance(0.4) { attributes.append("note=\(noteValue())") }
        }
        items += attributes.shuffled(using: &rng)
        var out = "[\(text)]{" + blanks()
        for (i, item) in items.enumerated() { out += (i == 0 ? "" : blanks(false)) + item }
        return out + blanks() + "}"
    }

    mutating func incidentLine(id: String) -> String {
        var attributes = ["date=2025-06-18", "type=armed-clash", "place=kayes,nioro", "by=jnim", "victim=\"fama\"",
                          "killed=130+", "injured=2", "abducted=3", "missing=1", "arrested=4", "displaced=10-20",
                          "note=\(noteValue())"].filter { _ in chance(0.5) }
        attributes.shuffle(using: &rng)
        var out = ":::" + blanks() + "incident" + blanks(false) + id
        for a in attributes { out += blanks(false) + a }
        return out + blanks()
    }

    mutating func frontMatter() -> String {
        var lines = ["title:" + blanks() + "Attacks", "source:" + blanks() + "\"Example Daily\"", "url: https://x.org/a",
                     "published:" + blanks() + "2025-07-08", "author:", "language:" + blanks() + "en", "zeta: 1",
                     "alpha:  2"].filter { _ in chance(0.6) }
        lines.shuffle(using: &rng)
        lines = lines.map { blanks() + $0 + blanks() }
        if chance(0.15) { lines.insert("# note  ", at: Int.random(in: 0...lines.count, using: &rng)) }
        if chance(0.1) { lines.append("no colon here") }
        return (["---"] + lines + ["---"]).map { $0 + lineBreak }.joined()
    }

    /// Pieces that break the syntax somewhere.
    static let noise = ["[", "]{", "{", "}", "=", "\"", ":::", "%% c", "kiled", " vctim=x", "\\[", "\r", "::: incident b",
                        "---", "[x]{killed victim=}", "[x]{killed=forty}", "[y]{place=a/b}", "[z]{killed", "😀"]

    mutating func document() -> String {
        lineBreak = pick(["\n", "\n", "\r\n"])
        var out = chance(0.6) ? frontMatter() : ""
        for b in 0..<Int.random(in: 1...4, using: &rng) {
            if chance(0.2) { out += "%% comment  " + lineBreak }
            let inBlock = chance(0.6)
            if inBlock { out += incidentLine(id: "inc-\(b)") + lineBreak }
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                var line = pick(["In ", "Later, ", "", "The army said "])
                for _ in 0..<Int.random(in: 0...3, using: &rng) {
                    line += tag() + pick([" and ", ", ", " then ", "."])
                    if chance(0.1) { line += pick(Self.noise) }
                }
                out += line + blanks() + lineBreak
            }
            if inBlock { out += ":::" + blanks() + (chance(0.9) ? lineBreak : "") }
            out += lineBreak
        }
        return out
    }
}

/// What the markup says: kinds, values and attributes of tags, incident lines
/// and front matter, independent of layout.
private struct Meaning: Equatable {
    var tags: [[String]]
    var incidents: [[String]]
    var frontMatter: [String]

    init(_ tree: SyntaxTree) {
        tags = tree.tags.map { t in
            [t.kindName, t.value ?? "-", tree.tagText(t)] + t.attributes.map { "\($0.key)=\($0.value)" }.sorted()
        }
        incidents = tree.incidents.map { b in [b.blockType, b.id] + b.attributes.map { "\($0.key)=\($0.value)" }.sorted() }
        frontMatter = (tree.frontMatter?.entries ?? []).map { "\($0.key)=\($0.value)" }.sorted()
    }
}

@Suite struct FormatterPropertyTests {
    @Test(arguments: 0..<400)
    func formattingIsIdempotentAndKeepsTheArticle(seed: Int) {
        var generator = DocumentGenerator(seed: seed)
        let doc = generator.document()
        let bytes = Array(doc.utf8)
        let tree = SyntaxTree.parse(bytes: bytes)
        let edits = Formatter.edits(for: tree)

        // Edits are sorted, disjoint, inside the document, and replace markup only.
        var previousEnd = 0
        for e in edits {
            #expect(e.range.lowerBound >= previousEnd && e.range.upperBound <= bytes.count, "seed \(seed)")
            previousEnd = e.range.upperBound
            for t in tree.tokens(in: e.range) {
                #expect(!t.kind.isArticleText, "seed \(seed): an edit touches \(t.kind) in \(tree.text(e.range))")
            }
        }

        let once = edits.applied(to: bytes)
        let again = SyntaxTree.parse(bytes: once)
        #expect(again.articleBytes() == tree.articleBytes(), "seed \(seed): article text changed")
        #expect(Formatter.edits(for: again).isEmpty, "seed \(seed): not idempotent")
        #expect(Formatter.formatted(bytes: once) == once)
        // The markup means the same, and the same syntax problems remain.
        #expect(Meaning(again) == Meaning(tree), "seed \(seed): meaning changed")
        #expect(again.diagnostics.map(\.rule).sorted() == tree.diagnostics.map(\.rule).sorted(), "seed \(seed)")
        // Line breaks are kept: the document has the same lines, with the same endings.
        #expect(once.filter { $0 == 0x0A }.count == bytes.filter { $0 == 0x0A }.count)
        #expect(once.filter { $0 == 0x0D }.count == bytes.filter { $0 == 0x0D }.count)
    }

    @Test(arguments: 0..<150)
    func rangeFormattingIsTheFullFormattingRestrictedToTheRange(seed: Int) {
        var generator = DocumentGenerator(seed: seed &+ 10_000)
        let doc = generator.document()
        let tree = SyntaxTree.parse(doc)
        let all = Formatter.edits(for: tree)
        var rng = SplitMix(seed: UInt64(seed))
        let a = Int.random(in: 0...tree.bytes.count, using: &rng)
        let b = Int.random(in: a...min(tree.bytes.count, a + 80), using: &rng)
        let some = Formatter.edits(for: tree, range: a..<b)
        #expect(some.allSatisfy { all.contains($0) }, "seed \(seed)")
        // Every edit of the full formatting that lies inside the range is among them.
        for e in all where e.range.lowerBound >= a && e.range.upperBound <= b && !e.range.isEmpty && a < b {
            #expect(some.contains(e), "seed \(seed)")
        }
    }

    @Test func theGeneratorProducesWorkForTheFormatter() {
        var changed = 0, withErrors = 0
        for seed in 0..<200 {
            var generator = DocumentGenerator(seed: seed)
            let tree = SyntaxTree.parse(generator.document())
            if !Formatter.edits(for: tree).isEmpty { changed += 1 }
            if !tree.diagnostics.isEmpty { withErrors += 1 }
        }
        // Most documents need formatting, and a fair share have syntax errors.
        #expect(changed > 150)
        #expect(withErrors > 20)
    }
}
