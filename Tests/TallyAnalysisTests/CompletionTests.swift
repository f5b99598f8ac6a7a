import Testing
@testable import TallyAnalysis

@Suite struct CompletionTests {
    func complete(_ marked: String, snippets: Bool = false, others: [(String, String)] = []) -> (CompletionResult, String) {
        let (text, offset) = cursor(marked)
        let doc = Fixture.analyze(text)
        let workspace = WorkspaceAnalysis(documents: [doc] + others.map { Fixture.analyze($0.1, uri: $0.0) })
        let r = Completion.complete(in: doc, at: offset, workspace: workspace, gazetteer: Fixture.gazetteer,
                                    options: CompletionOptions(snippets: snippets, limit: 20))
        return (r, text)
    }

    func apply(_ c: CompletionCandidate, to text: String) -> String {
        String(decoding: [TextEdit(range: c.replace, newText: c.newText)].applied(to: Array(text.utf8)), as: UTF8.self)
    }

    @Test func placeValuesByPrefixIgnoringAccents() throws {
        let (r, text) = complete("::: incident a place=Seg$0\n:::\n")
        // The region and the town of Ségou come first (regions rank above towns).
        #expect(Set(r.items.prefix(2).map(\.newText)) == ["segou", "segou-region"])
        let town = try #require(r.items.first { $0.newText == "segou" })
        #expect(town.kind == .place)
        #expect(town.detail?.contains("Mali") == true)
        #expect(apply(town, to: text) == "::: incident a place=segou\n:::\n")
    }

    @Test func aliasFindsTheActor() throws {
        let (r, text) = complete("::: incident a\n[the group]{killed by=GSIM$0}\n:::\n")
        let first = try #require(r.items.first)
        #expect(first.newText == "jnim")
        #expect(apply(first, to: text) == "::: incident a\n[the group]{killed by=jnim}\n:::\n")
    }

    @Test func typoTolerantMatch() {
        let (r, _) = complete("[x]{place=Tombuctou$0}")
        #expect(r.items.contains { $0.label.hasPrefix("Timbuktu") || $0.newText == "timbuktu" })
    }

    @Test func listItemsCompleteAfterTheComma() throws {
        let (r, text) = complete("::: incident a place=kayes,Nior$0\n:::\n")
        let first = try #require(r.items.first)
        #expect(apply(first, to: text).hasPrefix("::: incident a place=kayes,nioro"))
    }

    @Test func wholeTagFirstWhenTheTextNamesAnEntry() throws {
        let (r, text) = complete("Gunmen attacked [Kayes]{$0}.")
        let first = try #require(r.items.first)
        #expect(first.newText == "place=kayes")
        #expect(apply(first, to: text) == "Gunmen attacked [Kayes]{place=kayes}.")
        #expect(r.items.contains { $0.newText == "killed" && $0.kind == .tagKind })
    }

    @Test func kindsAndAttributeKeys() {
        let (kinds, _) = complete("[41 soldiers]{ki$0}")
        #expect(kinds.items.map(\.newText) == ["killed"])
        let (keys, _) = complete("[41 soldiers]{killed victim=fama $0}")
        #expect(keys.items.map(\.newText) == ["by=", "in=", "note="])
    }

    @Test func countReadFromTheText() {
        let (r, _) = complete("::: incident a\n[at least 130 people]{killed=$0}\n:::\n")
        #expect(r.items.map(\.newText) == ["130+"])
    }

    @Test func incidentIDsOfThisDocumentAndTheWorkspace() {
        let (r, _) = complete("::: incident local-1\n:::\n[x]{killed=1 in=$0}", others: [("b.tally", "::: incident remote-2\n:::\n")])
        #expect(r.items.map(\.newText) == ["local-1", "remote-2"])
    }

    @Test func eventTypesAndIncidentKeys() {
        let (types, _) = complete("::: incident a type=armed$0\n:::\n")
        #expect(types.items.map(\.newText) == ["armed-clash"])
        let (keys, _) = complete("::: incident a date=2025-01-01 $0\n:::\n")
        #expect(keys.items.first?.newText == "type=")
        #expect(!keys.items.contains { $0.newText == "date=" })
    }

    @Test func bracketInProseProposesWholeTags() throws {
        let (r, text) = complete("Fighters entered [Kay$0 at dawn.")
        let first = try #require(r.items.first { $0.label == "Kayes" })
        #expect(apply(first, to: text) == "Fighters entered [Kayes]{place=kayes} at dawn.")
        let (s, stext) = complete("Fighters entered [Kay$0] at dawn.", snippets: true)
        let snippet = try #require(s.items.first { $0.label == "Kayes" })
        #expect(snippet.isSnippet)
        #expect(apply(snippet, to: stext) == "Fighters entered [${1:Kayes}]{place=kayes}$0 at dawn.")
    }

    @Test func anotherNameOfTheEntryIsKeptAsTheTagText() throws {
        let (r, text) = complete("Claimed by [GSIM$0 fighters")
        let first = try #require(r.items.first { $0.newText.hasSuffix("{actor=jnim}") })
        #expect(apply(first, to: text) == "Claimed by [GSIM]{actor=jnim} fighters")
    }

    @Test func nothingInPlainProse() {
        #expect(complete("Fighters entered the town$0.").0.items.isEmpty)
        #expect(complete("[File: Reuters]$0").0.items.isEmpty)
    }

    @Test func largeResultSetsAreCapped() {
        let (r, _) = complete("::: incident a place=b$0\n:::\n")
        #expect(r.items.count == 20)
        #expect(r.isIncomplete)
    }
}

@Suite struct HoverTests {
    func hover(_ marked: String) -> HoverInfo? {
        let (text, offset) = cursor(marked)
        let doc = Fixture.analyze(text)
        return Hover.hover(in: doc, at: offset, workspace: WorkspaceAnalysis(documents: [doc]), gazetteer: Fixture.gazetteer)
    }

    @Test func placeRecordAndIncidents() throws {
        let h = try #require(hover("::: incident k date=2025-07-01 place=kayes killed=1\n[Ka$0yes]{place} was hit.\n:::\n"))
        #expect(h.markdown.contains("**Kayes** `kayes`"))
        #expect(h.markdown.contains("Mali"))
        #expect(h.markdown.contains("openstreetmap.org"))
        #expect(h.markdown.contains("incident `k` (2025-07-01): killed 1"))
        #expect(h.markdown.contains("2 mentions"))
    }

    @Test func actorRecordWithCasualties() throws {
        let doc = "::: incident a by=jnim victim=fama killed=41\n[The group]{actor=jnim} killed [41 soldiers]{killed victim=fama by=jn$0im}.\n:::\n"
        let h = try #require(hover(doc))
        #expect(h.markdown.contains("Jama'at Nusrat al-Islam wal-Muslimin"))
        #expect(h.markdown.contains("perpetrator in: `a`"))
        #expect(h.markdown.contains("casualties attributed to it: killed 41"))
    }

    @Test func figureShowsItsReadingAndAgreement() throws {
        let h = try #require(hover("::: incident c killed=130+\n[at least 1$030 people]{killed}\n:::\n"))
        #expect(h.markdown.contains("**killed: ≥130**"))
        #expect(h.markdown.contains("read from the words 'at least 130'"))
        #expect(h.markdown.contains("this figure agrees"))
    }

    @Test func incidentLineTable() throws {
        let h = try #require(hover("::: incident d$0ioura date=2025-05-23 type=armed-clash place=dioura victim=fama killed=41\nIt killed [41 soldiers]{killed victim=fama}.\n:::\n"))
        #expect(h.markdown.contains("| date | 2025-05-23 |"))
        #expect(h.markdown.contains("| type | Battles: Armed clash |"))
        #expect(h.markdown.contains("| victims | Malian Armed Forces |"))
        #expect(h.markdown.contains("| killed | 41 (declared 41) — figures on line 2 |"))
    }

    @Test func frontMatterSummary() throws {
        let h = try #require(hover("---\nti$0tle: T\n---\n::: incident a killed=3\n[three people]{killed} in [Mopti]{place}\n:::\n"))
        #expect(h.markdown.contains("1 incident, 1 figure"))
        #expect(h.markdown.contains("totals: killed 3"))
        #expect(h.markdown.contains("places: Mopti"))
    }

    @Test func nothingOverPlainProse() {
        #expect(hover("Just te$0xt.") == nil)
    }
}
