import Testing
@testable import TallyAnalysis

@Suite struct GazetteerSearchTests {
    let gazetteer = EmbeddedGazetteer.shared

    @Test func prefixFindsKayesFirstAmongPlaces() {
        let result = gazetteer.search("Kay", kind: .place, limit: 10)
        #expect(result.matches.first.map { [$0.entry.id] } != nil)
        let ids = result.matches.map(\.entry.id)
        #expect(ids.contains("kayes"))
        #expect(ids.contains("kayes-region"))
        #expect(result.matches.allSatisfy { $0.quality == .prefix || $0.quality == .exact })
    }

    @Test func exactRanksAboveItsPrefixExtensions() {
        let result = gazetteer.search("segou", kind: .place, limit: 20)
        let exact = result.matches.filter { $0.quality == .exact }.map(\.entry.id)
        #expect(exact.contains("segou"))
        #expect(exact.contains("segou-region"))
        let firstPrefix = result.matches.firstIndex { $0.quality != .exact } ?? result.matches.count
        #expect(result.matches[..<firstPrefix].allSatisfy { $0.quality == .exact })
        // Importance inside the exact group: the region before the town.
        #expect(exact.firstIndex(of: "segou-region")! < exact.firstIndex(of: "segou")!)
    }

    @Test func diacriticsInTheQueryOrTheName() {
        #expect(gazetteer.search("Segou", kind: .place).matches.contains { $0.entry.name == "Ségou" })
        #expect(gazetteer.search("ségou", kind: .place).matches.first?.quality == .exact)
    }

    @Test func wordStartFindsLaterWords() {
        let result = gazetteer.search("sahel", kind: .place, limit: 50)
        let nioro = result.matches.first { $0.entry.id == "nioro" }
        #expect(nioro?.quality == .wordStart)
        #expect(nioro?.matchedText == "Nioro du Sahel")
        // The exact match (the Sahel region of Burkina Faso) ranks first.
        #expect(result.matches.first?.entry.id == "sahel-region")
    }

    @Test func aliasFindsTheActor() {
        let result = gazetteer.search("GSIM", kind: .actor)
        #expect(result.matches.first?.entry.id == "jnim")
        #expect(result.matches.first?.matchedText == "GSIM")
        #expect(result.matches.first?.quality == .exact)
    }

    @Test(arguments: [("Segoo", "segou"), ("Diallasagou", "diallassagou"), ("Tombuctou", "tombouctou-region")])
    func typosAreTolerated(query: String, id: String) {
        let result = gazetteer.search(query, kind: .place, limit: 20)
        let match = result.matches.first { $0.entry.id == id }
        #expect(match != nil, "\(query) should find \(id)")
        #expect(match?.quality == .fuzzy)
        #expect((1...2).contains(match?.editDistance ?? 0))
    }

    @Test func shortQueriesAreNotFuzzy() {
        // Two letters get no typo tolerance; three get one edit.
        #expect(gazetteer.search("xq", kind: .place).matches.isEmpty)
        let three = gazetteer.search("xqz", kind: .place).matches
        #expect(!three.isEmpty)
        #expect(three.allSatisfy { $0.quality == .fuzzy && $0.editDistance == 1 })
    }

    @Test func preferredCountriesRankFirstWithinAQuality() {
        // Touba is a town in Senegal, Guinea and Côte d'Ivoire.
        let plain = gazetteer.search("Touba", kind: .place, limit: 10)
        let exactPlain = plain.matches.filter { $0.quality == .exact }
        #expect(Set(exactPlain.compactMap(\.entry.countryCode)).isSuperset(of: ["SN", "GN", "CI"]))
        for country in ["SN", "GN", "CI"] {
            let preferred = gazetteer.search("Touba", kind: .place, limit: 10, preferredCountries: [country])
            #expect(preferred.matches.first?.entry.countryCode == country)
            #expect(preferred.matches.first?.quality == .exact)
            #expect(Set(preferred.matches.filter { $0.quality == .exact }.map(\.entry.id)) == Set(exactPlain.map(\.entry.id)))
        }
    }

    @Test func limitAndIsIncomplete() {
        let few = gazetteer.search("ba", kind: .place, limit: 5)
        #expect(few.matches.count == 5)
        #expect(few.isIncomplete)
        let all = gazetteer.search("Diallassagou", kind: .place, limit: 5)
        #expect(!all.isIncomplete)
        #expect(all.matches.map(\.entry.id) == ["diallassagou"])
        #expect(Set(few.matches.map(\.entry.id)).count == 5)  // one match per entry
    }

    @Test func rankingIsByQualityThenScore() {
        let result = gazetteer.search("niono", kind: .place, limit: 40)
        for (a, b) in zip(result.matches, result.matches.dropFirst()) {
            #expect(a.quality >= b.quality)
            if a.quality == b.quality { #expect(a.score >= b.score) }
        }
    }

    @Test func emptyQueryListsTheMostImportantEntries() {
        let result = gazetteer.search("", kind: .place, limit: 3)
        #expect(result.matches.count == 3)
        #expect(result.isIncomplete)
        #expect(result.matches.allSatisfy { $0.entry.category == GazetteerCategory.country })
        let actors = gazetteer.search("", kind: .actor, limit: 100)
        #expect(actors.matches.count == 42)
    }

    @Test func idsAreSearchableToo() {
        let result = gazetteer.search("kayes-reg", kind: .place)
        #expect(result.matches.first?.entry.id == "kayes-region")
    }
}
