import Testing
@testable import TallyAnalysis

@Suite struct GazetteerParserTests {
    static let geonames = [
        "2455518\tKayes\tKayes\tKYS,Kaes,Kajes\t14.44776\t-11.44393\tP\tPPLA\tML\t\t03\t\t\t\t127368\t\t51\tAfrica/Bamako\t2020-06-10",
        "2455517\tKayes\tKayes\tRégion de Kayes\t14\t-10.5\tA\tADM1\tML\t\t03\t\t\t\t0\t\t200\tAfrica/Bamako\t2021-01-01",
        "not-a-number\tBroken\tBroken\t\t1\t1\tP\tPPL\tML\t\t03\t\t\t\t0\t\t1\tAfrica/Bamako\t2020-01-01",
        "2455519\tShort row\t1\t2",
        "2453348\tMopti\tMopti\t\t14.4843\t-4.18296\tP\tPPLA\tML\t\t04\t\t\t\t148456\t\t267\tAfrica/Bamako\t2019-09-05",
        "2453349\tNowhere\tNowhere\t\t95\t-4\tP\tPPL\tML\t\t04\t\t\t\t10\t\t267\tAfrica/Bamako\t2019-09-05",
        "2451000\tStream\tStream\t\t14\t-4\tH\tSTM\tML\t\t04\t\t\t\t\t\t267\tAfrica/Bamako\t2019-09-05",
    ].joined(separator: "\n") + "\n"

    @Test func geoNamesDumpIsDetectedAndParsed() {
        let result = GazetteerParser.parse(text: Self.geonames, sourceName: "ML.txt")
        #expect(result.format == .geonames)
        #expect(result.entries.map(\.name) == ["Kayes", "Kayes", "Mopti", "Stream"])
        #expect(result.problems.map(\.line) == [3, 4, 6])
        #expect(result.problems[1].message.contains("columns"))

        let town = result.entries[0]
        #expect(town.id == "kayes")
        #expect(town.geonamesID == 2455518)
        #expect(town.category == GazetteerCategory.town)
        #expect(town.featureCode == "PPLA")
        #expect(town.countryCode == "ML")
        #expect(town.admin1Code == "03")
        #expect(town.admin1 == "Kayes")  // named from the dump's ADM1 row
        #expect(town.population == 127368)
        #expect(town.latitude == 14.44776)
        #expect(town.aliases == ["KYS", "Kaes", "Kajes"])
        #expect(town.origin == .file(path: "ML.txt", line: 1))

        let region = result.entries[1]
        #expect(region.id == "kayes-region")
        #expect(region.category == GazetteerCategory.region)
        #expect(region.population == nil)
        #expect(result.entries[3].category == GazetteerCategory.feature)
    }

    @Test func geoNamesRowsAreAddressableByGeonamesID() {
        let gazetteer = Gazetteer(entries: GazetteerParser.parse(text: Self.geonames, sourceName: "ML.txt").entries)
        #expect(gazetteer.entry(id: "geonames:2455517")?.id == "kayes-region")
        #expect(gazetteer.entry(geonamesID: 2453348)?.name == "Mopti")
        #expect(gazetteer.entry(id: "geonames:1") == nil)
    }

    @Test func slugCollisionsGetCountrySuffixes() {
        let rows = [
            "1\tBamba\tBamba\t\t10\t-7\tP\tPPL\tCI\t\t01\t\t\t\t800\t\t1\tAfrica/Abidjan\t2020-01-01",
            "2\tBamba\tBamba\t\t16\t-1\tP\tPPLA2\tML\t\t07\t\t\t\t5000\t\t1\tAfrica/Bamako\t2020-01-01",
            "3\tBamba\tBamba\t\t10\t-6\tP\tPPL\tCI\t\t02\t\t\t\t600\t\t1\tAfrica/Abidjan\t2020-01-01",
        ].joined(separator: "\n")
        let ids = GazetteerParser.parse(text: rows, sourceName: "x").entries.map(\.id)
        // The seat keeps the bare slug; the others get the country, then admin1.
        #expect(ids == ["bamba-ci", "bamba", "bamba-ci-02"])
    }

    static let tallyTSV = """
        id\tname\taliases\tkind\tcategory\tcountry\tadmin1\tlatitude\tlongitude\tpopulation\taffiliation\tdescription
        gogui\tGogui\tGogi\tplace\tvillage\tML\tKayes\t15.1\t-9.9\t\t\tBorder village.
        dozo\tDozo hunters\tDozo,Donso\tactor\tmilitia\tML,BF\t\t\t\t\ttraditional hunters\tHunters' brotherhoods.
        \tNo id\t\tplace\tplace\tML
        bad-lat\tBad\t\tplace\tplace\tML\t\tnorth\t-3
        too\tMany\t\tplace\tplace\tML\t\t1\t2\t3\t4\t5\t6
        gogui\tGogui again\t\tplace\tplace\tML
        # a comment line

        dianweli\tDianwéli\tDianweli,Dianwelly\t\tvillage\tML\tMopti\t\t\t\t\t
        who\tWho\t\t\t\t\t\t\t\t\t\t
        """

    @Test func tallyTSVIsParsedByHeaderNames() {
        let result = GazetteerParser.parse(text: Self.tallyTSV, sourceName: "project.tsv")
        #expect(result.format == .tallyTSV)
        #expect(result.entries.map(\.id) == ["gogui", "dozo", "dianweli"])
        let gogui = result.entries[0]
        #expect(gogui.kind == .place)
        #expect(gogui.category == "village")
        #expect(gogui.admin1 == "Kayes")
        #expect(gogui.latitude == 15.1)
        #expect(gogui.description == "Border village.")
        #expect(gogui.origin == .file(path: "project.tsv", line: 2))
        let dozo = result.entries[1]
        #expect(dozo.kind == .actor)
        #expect(dozo.countries == ["ML", "BF"])
        #expect(dozo.countryCode == nil)
        #expect(dozo.affiliation == "traditional hunters")
        #expect(dozo.aliases == ["Dozo", "Donso"])
        #expect(result.entries[2].kind == .place)  // from its category
    }

    @Test func tallyTSVBadRowsAreReportedWithTheirLines() {
        let result = GazetteerParser.parse(text: Self.tallyTSV, sourceName: "project.tsv")
        let byLine = Dictionary(uniqueKeysWithValues: result.problems.map { ($0.line, $0.message) })
        #expect(Set(byLine.keys) == [4, 5, 6, 7, 11])
        #expect(byLine[4]?.contains("no id") == true)
        #expect(byLine[5]?.contains("latitude") == true)
        #expect(byLine[6]?.contains("fields") == true)
        #expect(byLine[7]?.contains("already defined on line 2") == true)
        #expect(byLine[11]?.contains("place or an actor") == true)
    }

    @Test func headerSynonymsReadTheDefaultSourceColumns() {
        let text = """
            id\tname\tascii_name\talternate_names\tlatitude\tlongitude\tfeature_code\tcountry_code\tadmin1_code\tadmin1_name\tadmin2_name\tpopulation\tfeature_class\tiso3166_2\tsource
            2451478\tSégou\tSegou\tSegu\t13.44032\t-6.25947\tPPLA\tML\t05\tSégou\tSegou\t205787\tP\t\thttps://example.org
            """
        let result = GazetteerParser.parse(text: text, sourceName: "places.tsv")
        #expect(result.problems.isEmpty)
        let segou = try! #require(result.entries.first)
        #expect(segou.geonamesID == 2451478)
        #expect(segou.category == GazetteerCategory.town)
        #expect(segou.aliases == ["Segou", "Segu"])
        #expect(segou.admin2 == "Segou")
    }

    @Test func unknownColumnsAndMissingNameColumn() {
        let unknown = GazetteerParser.parse(text: "id\tname\tlattitude\nx\tX\t1\n", sourceName: "a")
        #expect(unknown.problems.first?.message.contains("lattitude") == true)
        let noName = GazetteerParser.parse(text: "id\ttitle\nx\tX\n", sourceName: "a")
        #expect(noName.entries.isEmpty)
        #expect(noName.problems.first?.line == 1)
    }

    @Test func unrecognisedTextIsOneProblem() {
        let result = GazetteerParser.parse(text: "\n\nhello world\n", sourceName: "a")
        #expect(result.entries.isEmpty)
        #expect(result.problems == [GazetteerProblem(line: 3, message: result.problems.first?.message ?? "")])
        #expect(GazetteerParser.detectFormat(text: "hello") == nil)
        #expect(GazetteerParser.detectFormat(text: Self.geonames) == .geonames)
    }

    @Test func bytesWithCRLFAndByteOrderMark() {
        let text = "\u{FEFF}id\tname\tkind\r\nfama\tMalian Armed Forces\tactor\r\n"
        let result = GazetteerParser.parse(bytes: Array(text.utf8), sourceName: "a")
        #expect(result.problems.isEmpty)
        #expect(result.entries.map(\.name) == ["Malian Armed Forces"])
    }

    @Test func laterSourcesOverrideEarlierOnes() {
        let base = GazetteerEntry(id: "gogui", kind: .place, name: "Gogui", category: "place", countryCode: "ML")
        let better = GazetteerEntry(id: "gogui", kind: .place, name: "Gogui", category: "place", countryCode: "ML",
                                    latitude: 15, longitude: -9.9, origin: .file(path: "p.tsv", line: 2))
        let gazetteer = Gazetteer(sources: [[base], [better]])
        #expect(gazetteer.count == 1)
        #expect(gazetteer.entry(id: "gogui")?.latitude == 15)
    }

    @Test func sameGeonamesIDKeepsTheEarlierID() {
        let embedded = GazetteerEntry(id: "kayes", kind: .place, name: "Kayes", category: "town", geonamesID: 2455518)
        let dump = GazetteerEntry(id: "kayes-ml", kind: .place, name: "Kayes", category: "town", population: 127368,
                                  geonamesID: 2455518, origin: .file(path: "ML.txt", line: 9))
        let other = GazetteerEntry(id: "kayes", kind: .place, name: "Kayes", category: "place", countryCode: "CG",
                                   geonamesID: 2258738, origin: .file(path: "CG.txt", line: 3))
        let gazetteer = Gazetteer(sources: [[embedded], [dump], [other]])
        #expect(gazetteer.entry(id: "kayes")?.population == 127368)
        #expect(gazetteer.entry(id: "kayes-ml") == nil)
        #expect(gazetteer.entry(id: "kayes-cg")?.geonamesID == 2258738)
    }
}
