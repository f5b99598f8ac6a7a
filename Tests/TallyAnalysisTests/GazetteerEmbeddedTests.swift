import Testing
@testable import TallyAnalysis

@Suite struct GazetteerEmbeddedTests {
    @Test func embeddedDataParsesWithoutProblems() {
        var problems: [GazetteerProblem] = []
        for chunk in EmbeddedGazetteerData.placeChunks + [EmbeddedGazetteerData.actors] {
            problems += GazetteerParser.parse(text: chunk, sourceName: "embedded").problems
        }
        #expect(problems.isEmpty, "\(problems.prefix(3))")
    }

    @Test func countsAndOrigins() {
        let entries = EmbeddedGazetteer.entries()
        #expect(entries.filter { $0.kind == .place }.count == 9_113)
        #expect(entries.filter { $0.kind == .actor }.count == 42)
        #expect(entries.allSatisfy { $0.origin == .embedded })
        #expect(Set(entries.map(\.id)).count == entries.count)
        #expect(EmbeddedGazetteer.shared.count == entries.count)
    }

    @Test(arguments: [
        ("mali", "Mali", "country"), ("kayes", "Kayes", "town"), ("kayes-region", "Kayes", "region"),
        ("nioro-cercle", "Nioro Cercle", "district"), ("nioro", "Nioro", "town"), ("segou", "Ségou", "town"),
        ("bamako", "Bamako", "capital"), ("sandare", "Sandaré", "place"), ("diallassagou", "Diallassagou", "place"),
        ("dioura", "Dioura", "place"), ("sahel-region", "Sahel", "region"),
    ])
    func readablePlaceIDs(id: String, name: String, category: String) {
        let entry = EmbeddedGazetteer.shared.entry(id: id)
        #expect(entry?.name == name)
        #expect(entry?.category == category)
    }

    @Test(arguments: ["jnim", "fama", "africa-corps", "civilians", "is-sahel", "unidentified-armed-group"])
    func actorIDsAreKept(id: String) {
        #expect(EmbeddedGazetteer.shared.entry(id: id)?.kind == .actor)
    }

    @Test func fieldsAreCarriedOver() {
        let g = EmbeddedGazetteer.shared
        let kayes = g.entry(id: "kayes")
        #expect(kayes?.geonamesID == 2455518)
        #expect(kayes?.countryCode == "ML")
        #expect(kayes?.admin1 == "Kayes")
        #expect(kayes?.latitude == 14.44776)
        #expect((kayes?.population ?? 0) > 100_000)
        let jnim = g.entry(id: "jnim")
        #expect(jnim?.category == "armed-group")
        #expect(jnim?.affiliation == "al-Qaeda")
        #expect(jnim?.countries.contains("ML") == true)
        #expect(jnim?.description?.isEmpty == false)
        #expect(g.entry(id: "diallassagou")?.admin2 == "Bankass Cercle")
    }

    @Test func attributionNamesGeoNamesAndTheLicence() {
        #expect(EmbeddedGazetteer.attribution.contains("GeoNames"))
        #expect(EmbeddedGazetteer.attribution.contains("creativecommons.org/licenses/by/4.0"))
    }
}
