import Testing
@testable import TallyAnalysis

/// A cities500-sized synthetic gazetteer: the index must answer like a
/// brute-force scan would (no timing assertions here; speed is measured by
/// the benchmark).
@Suite struct GazetteerScaleTests {
    static let rowCount = 200_000
    static let gazetteer: Gazetteer = {
        let text = SyntheticGazetteer.geoNamesDump(rows: rowCount, seed: 42)
        let result = GazetteerParser.parse(text: text, sourceName: "synthetic-cities500.txt")
        return Gazetteer(entries: result.entries)
    }()

    @Test func generatorIsDeterministicAndGeoNamesShaped() {
        let a = SyntheticGazetteer.geoNamesDump(rows: 300, seed: 7)
        #expect(a == SyntheticGazetteer.geoNamesDump(rows: 300, seed: 7))
        #expect(a != SyntheticGazetteer.geoNamesDump(rows: 300, seed: 8))
        let lines = a.split(separator: "\n")
        #expect(lines.count == 300)
        #expect(lines.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 19 })
        let parsed = GazetteerParser.parse(text: a, sourceName: "s")
        #expect(parsed.format == .geonames)
        #expect(parsed.problems.isEmpty)
        #expect(parsed.entries.count == 300)
    }

    @Test func allRowsLoadWithUniqueIDs() {
        let g = Self.gazetteer
        #expect(g.count == Self.rowCount)
        #expect(Set(g.entries.map(\.id)).count == Self.rowCount)
        #expect(g.entry(id: "geonames:\(SyntheticGazetteer.firstID + 12_345)")?.geonamesID == SyntheticGazetteer.firstID + 12_345)
    }

    /// Every entry's folded names, alias and id, for the brute-force oracle.
    static let foldedNames: [[String]] = gazetteer.entries.map { entry in
        ([entry.name, entry.id] + entry.aliases).map { TextFolding.fold($0) }
    }

    /// Brute force: entries with a folded name or alias starting with `q`.
    static func bruteForcePrefix(_ q: String, in g: Gazetteer) -> Set<String> {
        let key = TextFolding.fold(q)
        var ids = Set<String>()
        for (i, names) in foldedNames.enumerated() where names.contains(where: { $0.hasPrefix(key) }) {
            ids.insert(g.entries[i].id)
        }
        return ids
    }

    @Test func prefixSearchAgreesWithABruteForceScan() {
        let g = Self.gazetteer
        // Queries taken from real rows, cut to a few lengths.
        for row in [17, 4_242, 99_999, 150_001, 199_990] {
            let name = TextFolding.fold(g.entries[row].name)
            for length in [4, 6] where name.count >= length {
                let query = String(name.prefix(length))
                let expected = Self.bruteForcePrefix(query, in: g)
                let result = g.search(query, limit: 100_000)
                let found = Set(result.matches.filter { $0.quality >= .prefix }.map(\.entry.id))
                #expect(found == expected, "query \(query)")
                #expect(found.contains(g.entries[row].id))
            }
        }
    }

    @Test func typoAndWordStartQueriesFindTheirRow() {
        let g = Self.gazetteer
        var checked = 0
        for row in stride(from: 1_000, to: Self.rowCount, by: 19_937) {
            let entry = g.entries[row]
            let name = TextFolding.fold(entry.name)
            guard name.count >= 6, !name.contains(" ") else { continue }
            // Swap two neighbouring letters in the middle: one edit.
            var letters = Array(name)
            letters.swapAt(3, 4)
            guard letters[3] != letters[4] else { continue }
            let typo = String(letters)
            let result = g.search(typo, limit: 200, preferredCountries: [entry.countryCode ?? ""])
            #expect(result.matches.contains { $0.entry.id == entry.id }, "typo \(typo) of \(name)")
            checked += 1
        }
        #expect(checked >= 5)

        // A two-word name is found from its second word.
        let twoWord = try! #require(g.entries.first { $0.name.contains(" du Sahel") })
        let result = g.search("du Sahel", limit: 100_000)
        #expect(result.matches.contains { $0.entry.id == twoWord.id && $0.quality == .wordStart })
    }

    @Test func resolutionAndRankingAtScale() {
        let g = Self.gazetteer
        // The capitals (first rows, PPLC) resolve to themselves or are the top exact match.
        let capital = g.entries[3]
        #expect(capital.category == GazetteerCategory.capital)
        let result = g.search(capital.name, limit: 10)
        #expect(result.matches.first?.entry.id == capital.id)
        switch g.resolve(capital.name) {
        case .resolved(let entry): #expect(entry.id == capital.id)
        case .ambiguous(let entries): Issue.record("capital \(capital.name) ambiguous with \(entries.count)")
        case .unknown: Issue.record("capital \(capital.name) unknown")
        }
        let short = g.search("ba", limit: 20)
        #expect(short.matches.count == 20)
        #expect(short.isIncomplete)
    }
}
