import Testing
@testable import TallyAnalysis

/// A small gazetteer so the tests do not depend on the embedded data.
private let gazetteer = Gazetteer(entries: [
    GazetteerEntry(id: "mali", kind: .place, name: "Mali", category: "country", countryCode: "ML"),
    GazetteerEntry(id: "kayes-region", kind: .place, name: "Kayes", category: "region", countryCode: "ML", admin1: "Kayes"),
    GazetteerEntry(id: "kayes", kind: .place, name: "Kayes", category: "town", countryCode: "ML", admin1: "Kayes",
                   admin2: "Kayes Cercle", latitude: 14.44776, longitude: -11.44393),
    GazetteerEntry(id: "gogui", kind: .place, name: "Gogui", category: "village", countryCode: "ML", admin1: "Kayes",
                   admin2: "Nioro Cercle"),
    GazetteerEntry(id: "nioro-cercle", kind: .place, name: "Nioro Cercle", category: "district", countryCode: "ML", admin1: "Kayes"),
    GazetteerEntry(id: "jnim", kind: .actor, name: "Jama'at Nusrat al-Islam wal-Muslimin", category: "armed-group"),
    GazetteerEntry(id: "fama", kind: .actor, name: "Malian Armed Forces", category: "state-force"),
    GazetteerEntry(id: "civilians", kind: .actor, name: "Civilians", category: "civilians"),
])

private func records(_ documents: [(String, String)]) -> [IncidentRecord] {
    let analyses = documents.map { DocumentAnalysis.analyze(uri: $0.0, text: $0.1, gazetteer: gazetteer) }
    return IncidentRecords.build(workspace: WorkspaceAnalysis(documents: analyses), gazetteer: gazetteer)
}

private func record(_ id: String, in list: [IncidentRecord]) throws -> IncidentRecord {
    try #require(list.first { $0.id == id }, "no record \(id)")
}

@Suite struct IncidentRecordsTests {
    @Test func oneDocumentGivesEveryField() throws {
        let text = """
        ---
        source: Example Daily
        url: https://example.org/a
        ---
        ::: incident raid date=2025-07-01 type=abduction-forced-disappearance by=jnim victim=civilians place=kayes,gogui note="claimed later"
        Gunmen seized [three workers]{abducted note="cement plant"} and
        [one guard]{killed victim=fama by=fama}.
        :::
        """
        let r = try record("raid", in: records([("a.tally", text)]))
        #expect(r.eventDate == "2025-07-01")
        #expect(r.timePrecision == 1)
        #expect(r.eventType?.label == "Violence against civilians")
        #expect(r.subEventType?.label == "Abduction/forced disappearance")
        // Incident-line actors first, then those only figures name.
        #expect(r.perpetrators.map(\.name) == ["Jama'at Nusrat al-Islam wal-Muslimin", "Malian Armed Forces"])
        #expect(r.victims.map(\.id) == ["civilians", "fama"])
        #expect(r.places.map(\.name) == ["Kayes", "Gogui"])
        let kayes = try #require(r.primaryPlace)
        #expect(kayes.country == "Mali")
        #expect(kayes.admin1 == "Kayes")
        #expect(kayes.admin2 == "Kayes Cercle")
        #expect(kayes.latitude == 14.44776 && kayes.longitude == -11.44393)
        #expect(kayes.geoPrecision == 1)
        #expect(r.places[1].hasCoordinates == false)
        #expect(r.count(.abducted).map { [$0.low, $0.best, $0.high] } == [3, 3, 3])
        #expect(r.count(.injured) == nil)
        #expect(r.fatalities == 1)
        #expect(r.figures.count == 2)
        #expect(r.figures[0].note == "cement plant")
        #expect(r.figures[0].location == .init(uri: "a.tally", line: 6))
        #expect(r.figures[0].column == 15)
        #expect(r.locations == [.init(uri: "a.tally", line: 5)])
        #expect(r.sources == ["Example Daily"])
        #expect(r.sourceURLs == ["https://example.org/a"])
        #expect(r.notes == ["claimed later"])
        #expect(r.sourcesDisagree == false)
    }

    @Test func noDeathsReportedMeansZeroFatalitiesAndNoKilledCount() throws {
        let r = try record("a", in: records([("a.tally", "::: incident a abducted=2\n:::\n")]))
        #expect(r.count(.killed) == nil)
        #expect(r.fatalities == 0)
        #expect(r.date == nil && r.eventDate == nil && r.timePrecision == nil)
    }

    @Test func documentsAboutOneIncidentMergeIntoOneRecord() throws {
        let a = """
        ---
        source: Paper A
        ---
        ::: incident x date=2025-07-01 place=kayes by=jnim killed=10-20
        :::
        """
        let b = """
        ---
        source: Paper B
        url: https://b.example/x
        ---
        ::: incident x date=2025-07-02 type=armed-clash place=gogui,kayes victim=fama
        The attack killed [12 soldiers]{killed}.
        :::
        """
        let c = """
        A later wire: [at least 11 dead]{killed in=x}.
        """
        let list = records([("b.tally", b), ("a.tally", a), ("c.tally", c)])
        #expect(list.count == 1)
        let r = try record("x", in: list)
        // Order follows the documents' URIs, not the order they were given in.
        #expect(r.places.map(\.id) == ["kayes", "gogui"])
        #expect(r.perpetrators.map(\.id) == ["jnim"])
        #expect(r.victims.map(\.id) == ["fama"])
        #expect(r.type?.id == "armed-clash")
        // Dates widen to hold both: two days apart is a week-level precision.
        #expect(r.date?.start.description == "2025-07-01")
        #expect(r.date?.end.description == "2025-07-02")
        #expect(r.timePrecision == 2)
        // 10-20, 12 and 11+ all hold: the common part is 12.
        let killed = try #require(r.count(.killed))
        #expect(killed.low == 12 && killed.best == 12 && killed.high == 12)
        #expect(killed.sourcesDisagree == false)
        #expect(killed.statements.map(\.location.uri) == ["a.tally", "b.tally", "c.tally"])
        #expect(r.figures.count == 2)
        #expect(r.locations == [.init(uri: "a.tally", line: 4), .init(uri: "b.tally", line: 5), .init(uri: "c.tally", line: 1)])
        #expect(r.sources == ["Paper A", "Paper B"])
        #expect(r.sourceURLs == ["https://b.example/x"])
        #expect(r.notes.isEmpty)
    }

    @Test func conflictingDocumentsWidenTheRangeAndSetTheFlag() throws {
        let list = records([
            ("a.tally", "::: incident x killed=10 injured=5\n:::\n"),
            ("b.tally", "::: incident x killed=25-30 injured=4-6\n:::\n"),
        ])
        let r = try record("x", in: list)
        let killed = try #require(r.count(.killed))
        #expect(killed.low == 10)
        #expect(killed.best == 10)
        #expect(killed.high == 30)
        #expect(killed.sourcesDisagree)
        // Injured overlaps: no flag for that kind, common part kept.
        let injured = try #require(r.count(.injured))
        #expect(injured.sourcesDisagree == false)
        #expect([injured.low, injured.high] == [5, 5])
        #expect(r.sourcesDisagree)
        #expect(r.fatalities == 10)
        #expect(r.notes == ["Sources disagree on killed: a.tally:1 gives 10; b.tally:1 gives 25 to 30."])
    }

    @Test func anUnboundedClaimInAConflictLeavesTheHighEndOpen() throws {
        let r = try record("x", in: records([
            ("a.tally", "::: incident x killed=10\n:::\n"),
            ("b.tally", "::: incident x killed=40+\n:::\n"),
        ]))
        let killed = try #require(r.count(.killed))
        #expect(killed.low == 10 && killed.best == 10 && killed.high == nil && killed.sourcesDisagree)
        #expect(r.notes.last?.contains("b.tally:1 gives 40 or more") == true)
    }

    @Test func aDocumentThatContradictsItselfIsFlaggedAndWidened() throws {
        let text = """
        ::: incident dioura killed=41
        The attack killed [42 soldiers]{killed}.
        :::
        """
        let r = try record("dioura", in: records([("a.tally", text)]))
        let killed = try #require(r.count(.killed))
        #expect(killed.sourcesDisagree)
        #expect(killed.low == 41 && killed.high == 42)
        #expect(killed.statements.first?.isInconsistent == true)
    }

    @Test func datePrecisionAndEventDate() throws {
        let list = records([("a.tally", """
            ::: incident month date=2025-07
            :::
            ::: incident week date=2025-06-28/2025-07-04
            :::
            ::: incident long date=2025-06-01/2025-06-08
            :::
            ::: incident undated
            :::
            """)])
        let month = try record("month", in: list)
        #expect(month.eventDate == "2025-07-01")
        #expect(month.timePrecision == 3)
        let week = try record("week", in: list)
        #expect(week.eventDate == "2025-06-28")
        #expect(week.timePrecision == 2)
        #expect(try record("long", in: list).timePrecision == 3)
        // Sorted by date start, undated last.
        #expect(list.map(\.id) == ["long", "week", "month", "undated"])
    }

    @Test func geoPrecisionFollowsThePlaceCategory() throws {
        let r = try record("x", in: records([("a.tally", "::: incident x place=nioro-cercle,kayes-region,mali,nowhere\n:::\n")]))
        #expect(r.places.map(\.geoPrecision) == [2, 3, 3, nil])
        #expect(r.places[3].name == "nowhere")
        #expect(r.places[2].country == "Mali")
    }

    @Test func figuresForAnUndefinedIncidentGiveNoRecord() {
        let list = records([("a.tally", "[5 people]{killed in=ghost}\n::: incident real\n:::\n")])
        #expect(list.map(\.id) == ["real"])
    }

    @Test func sameIDsWrittenTwoWaysAreListedOnce() throws {
        let withGeoNames = Gazetteer(entries: [
            GazetteerEntry(id: "kayes", kind: .place, name: "Kayes", category: "town", countryCode: "ML", geonamesID: 2455518),
        ])
        let doc = DocumentAnalysis.analyze(uri: "a.tally", text: "::: incident x place=kayes,geonames:2455518\n:::\n", gazetteer: withGeoNames)
        let list = IncidentRecords.build(workspace: WorkspaceAnalysis(documents: [doc]), gazetteer: withGeoNames)
        #expect(list.first?.places.map(\.id) == ["kayes"])
    }

    @Test func dayNumbersCountDaysSinceTheEpoch() {
        #expect(IncidentRecord.dayNumber(year: 1970, month: 1, day: 1) == 0)
        #expect(IncidentRecord.dayNumber(year: 2000, month: 3, day: 1) == 11_017)
        #expect(IncidentRecord.dayNumber(year: 2024, month: 3, day: 1) - IncidentRecord.dayNumber(year: 2024, month: 2, day: 28) == 2)
    }
}

@Suite struct CorpusSummaryTests {
    @Test func summaryCountsMonthsTotalsPlacesAndActors() {
        let list = records([("a.tally", """
            ::: incident one date=2025-06-02 place=kayes by=jnim killed=10 injured=3
            :::
            ::: incident two date=2025-06-20 place=kayes,gogui by=fama,jnim killed=5+
            :::
            ::: incident three date=2025-07-01 place=gogui killed=7
            :::
            ::: incident four abducted=2
            :::
            """)])
        let s = CorpusSummary.make(records: list, limit: 10)
        #expect(s.incidents == 4)
        #expect(s.documents == 1)
        #expect(s.months.map(\.month) == ["2025-06", "2025-07"])
        #expect(s.months.map(\.incidents) == [2, 1])
        #expect(s.months.map(\.fatalities) == [15, 7])
        #expect(s.undatedIncidents == 1)
        let killed = s.totals.first { $0.kind == .killed }
        #expect(killed?.best == 22)
        #expect(killed?.incidents == 3)
        #expect(killed?.high == nil)
        #expect(s.totals.first { $0.kind == .abducted }?.high == 2)
        // Kayes: 10 + 3 + 5 = 18; Gogui: 5 + 7 = 12.
        #expect(s.places.map(\.id) == ["kayes", "gogui"])
        #expect(s.places.map(\.casualties) == [18, 12])
        // JNIM: incidents one and two (18); FAMa: two (5).
        #expect(s.actors.map(\.id) == ["jnim", "fama"])
        #expect(s.actors.map(\.casualties) == [18, 5])
        #expect(s.unattributed.incidents == 2)
        #expect(s.unattributed.killed == 7)
        #expect(CorpusSummary.make(records: list, limit: 1).places.count == 1)
    }
}
