import Testing
@testable import TallyAnalysis

@Suite struct GazetteerResolutionTests {
    let gazetteer = EmbeddedGazetteer.shared

    @Test func kayesIsTheTown() {
        #expect(gazetteer.resolve("Kayes").entry?.id == "kayes")
        #expect(gazetteer.resolve("Kayes", kind: .place).entry?.category == GazetteerCategory.town)
    }

    @Test(arguments: ["Ségou", "Segou", "SEGOU", "[Segou]", "ségou"])
    func segouSpellings(surface: String) {
        #expect(gazetteer.resolve(surface, kind: .place).entry?.id == "segou")
    }

    @Test func trailingOrLeadingDivisionWordPicksTheDivision() {
        #expect(gazetteer.resolve("Kayes region", kind: .place).entry?.id == "kayes-region")
        #expect(gazetteer.resolve("Kayes Région", kind: .place).entry?.id == "kayes-region")
        #expect(gazetteer.resolve("région de Kayes", kind: .place).entry?.id == "kayes-region")
        #expect(gazetteer.resolve("Mopti Region", kind: .place).entry?.id == "mopti-region")
        #expect(gazetteer.resolve("Nioro cercle", kind: .place).entry?.id == "nioro-cercle")
    }

    @Test func actorsByAliasAndApostropheVariant() {
        #expect(gazetteer.resolve("GSIM", kind: .actor).entry?.id == "jnim")
        #expect(gazetteer.resolve("JNIM").entry?.id == "jnim")
        #expect(gazetteer.resolve("Jama’at Nusrat al-Islam wal-Muslimin", kind: .actor).entry?.id == "jnim")
        #expect(gazetteer.resolve("FAMa", kind: .actor).entry?.id == "fama")
        #expect(gazetteer.resolve("Africa Corps", kind: .actor).entry?.id == "africa-corps")
    }

    @Test func aliasesAndHandAddedPlaces() {
        #expect(gazetteer.resolve("Diallassago", kind: .place).entry?.id == "diallassagou")
        #expect(gazetteer.resolve("Sandare", kind: .place).entry?.id == "sandare")
        #expect(gazetteer.resolve("Nioro du Sahel", kind: .place).entry?.id == "nioro")
        #expect(gazetteer.resolve("Dioura", kind: .place).entry?.id == "dioura")
        #expect(gazetteer.resolve("Mali", kind: .place).entry?.id == "mali")
        #expect(gazetteer.resolve("Bamako", kind: .place).entry?.id == "bamako")
    }

    @Test func kindFiltersCandidates() {
        // "Niger" is a country, a Nigerian state, and an army's alias does not
        // match it; as a place the country wins over the state.
        #expect(gazetteer.resolve("Niger", kind: .place).entry?.id == "niger")
        if case .unknown = gazetteer.resolve("Kayes", kind: .actor) {} else {
            Issue.record("an actor named Kayes should not exist")
        }
    }

    @Test func misspellingGivesSuggestions() {
        guard case .unknown(let suggestions) = gazetteer.resolve("Diallasagou", kind: .place) else {
            Issue.record("expected unknown")
            return
        }
        #expect(suggestions.first?.id == "diallassagou")
        guard case .unknown(let actors) = gazetteer.resolve("JNMI", kind: .actor) else {
            Issue.record("expected unknown")
            return
        }
        #expect(actors.contains { $0.id == "jnim" })
    }

    static func place(_ id: String, _ name: String, _ category: String, _ country: String, population: Int? = nil) -> GazetteerEntry {
        GazetteerEntry(id: id, kind: .place, name: name, category: category, countryCode: country, population: population)
    }

    @Test func contextCountriesBreakTies() {
        let g = Gazetteer(entries: [
            Self.place("bamba", "Bamba", "place", "ML", population: 900),
            Self.place("bamba-ci", "Bamba", "place", "CI", population: 5000),
        ])
        guard case .ambiguous(let both) = g.resolve("Bamba") else {
            Issue.record("expected ambiguous without context")
            return
        }
        #expect(Set(both.map(\.id)) == ["bamba", "bamba-ci"])
        #expect(g.resolve("Bamba", context: ["ML"]).entry?.id == "bamba")
        #expect(g.resolve("Bamba", context: ["CI"]).entry?.id == "bamba-ci")
    }

    @Test func aSeatBeatsAVillageButTwoVillagesAreAmbiguous() {
        let g = Gazetteer(entries: [
            Self.place("koro", "Koro", "town", "ML", population: 60000),
            Self.place("koro-bf", "Koro", "place", "BF", population: 800),
            Self.place("sari", "Sari", "place", "ML", population: 700),
            Self.place("sari-2", "Sari", "place", "ML", population: 900),
        ])
        #expect(g.resolve("Koro").entry?.id == "koro")
        guard case .ambiguous(let villages) = g.resolve("Sari") else {
            Issue.record("expected ambiguous")
            return
        }
        #expect(villages.map(\.id) == ["sari-2", "sari"])  // most important first
    }

    @Test func lookupByIdAndCountry() {
        #expect(gazetteer.entry(id: "kayes-region")?.featureCode == "ADM1")
        #expect(gazetteer.entry(id: "geonames:2455518")?.id == "kayes")
        #expect(gazetteer.country(code: "ml")?.id == "mali")
        #expect(gazetteer.entry(id: "no-such-place") == nil)
    }
}
