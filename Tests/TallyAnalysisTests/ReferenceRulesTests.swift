import Testing
@testable import TallyAnalysis

@Suite struct ReferenceRulesTests {
    @Test func placeResolvedFromText() {
        let a = Fixture.analyze("[Ségou]{place} [Segou]{place} [SEGOU]{place} [GSIM]{actor} [JNIM]{actor}")
        #expect(a.diagnostics.isEmpty, "\(a.diagnostics)")
        #expect(a.references.map(\.entryID) == ["segou", "segou", "segou", "jnim", "jnim"])
        #expect(a.references.allSatisfy { $0.isInferred })
    }

    @Test func curlyApostropheMatches() {
        let a = Fixture.analyze("[Jama’at Nusrat al-Islam wal-Muslimin]{actor}")
        #expect(a.references.first?.entryID == "jnim")
    }

    @Test func unknownPlaceSuggestsCloseNames() throws {
        let a = Fixture.analyze("[Kayess]{place}")
        let d = try #require(a.diagnostics.first)
        #expect(d.rule == "unknown-place")
        #expect(d.message.contains("'kayes'"))
        #expect(!d.fixes.isEmpty)
    }

    @Test func unknownIDAndWrongKind() {
        #expect(Fixture.findings("[the group]{actor=jnimm}").map(\.rule) == ["unknown-actor"])
        #expect(Fixture.findings("[the group]{actor=kayes}").map(\.rule) == ["unknown-actor"])
        #expect(Fixture.findings("[the group]{actor=jnim}").isEmpty)
        #expect(Fixture.findings("[the town]{place=geonames:2455518}").isEmpty)
    }

    @Test func ambiguousPlaceListsCandidatesAndContextDecides() throws {
        let a = Fixture.analyze("[Koro]{place}")
        let d = try #require(a.diagnostics.first)
        #expect(d.rule == "ambiguous-place")
        #expect(d.fixes.count >= 2)
        // A document that names a place in Mali prefers Mali's Koro.
        let b = Fixture.analyze("::: incident x place=mopti\n[Koro]{place}\n:::\n")
        #expect(b.diagnostics.isEmpty, "\(b.diagnostics)")
        #expect(b.references.last?.entryID == "koro")
    }

    @Test func incidentLineIDsAreChecked() {
        let f = Fixture.findings("::: incident a place=kayes,nowhereville by=jnim victim=civilans\n:::\n")
        #expect(f == [Finding(rule: "unknown-place", text: "nowhereville"), Finding(rule: "unknown-actor", text: "civilans")])
    }
}

@Suite struct IncidentRulesTests {
    @Test func unattachedFigure() {
        #expect(Fixture.findings("[41 soldiers]{killed}").map(\.rule) == ["unattached-figure"])
        #expect(Fixture.findings("[41 soldiers]{killed in=a}\n::: incident a\n:::\n").isEmpty)
    }

    @Test func unattachedFigureOffersEachIncident() throws {
        let a = Fixture.analyze("::: incident a\n:::\n::: incident b\n:::\n[41 soldiers]{killed}\n")
        let d = try #require(a.diagnostics.first)
        #expect(d.fixes.map(\.title) == ["Count it for incident 'a'", "Count it for incident 'b'"])
        let edited = String(decoding: d.fixes[1].edits["test.tally"]!.applied(to: a.tree.bytes), as: UTF8.self)
        #expect(edited.hasSuffix("[41 soldiers]{killed in=b}\n"))
    }

    @Test func duplicateIncident() throws {
        let a = Fixture.analyze("::: incident a\n:::\n::: incident a\n:::\n")
        #expect(a.diagnostics.map(\.rule) == ["duplicate-incident"])
        #expect(a.diagnostics[0].range.lowerBound > 15)
        #expect(a.diagnostics[0].related.first?.range.lowerBound == 13)
    }

    @Test func dateAfterPublication() {
        let doc = "---\npublished: 2025-07-08\n---\n::: incident a date=2025-08-01\n:::\n::: incident b date=2025-07-01\n:::\n::: incident c date=2025-07\n:::\n"
        #expect(Fixture.findings(doc) == [Finding(rule: "date-after-publication", text: "2025-08-01")])
    }

    @Test func eventTypes() {
        #expect(Fixture.findings("::: incident a type=massacre\n:::\n").map(\.rule) == ["unknown-event-type"])
        #expect(Fixture.findings("::: incident a type=armed-clash\n:::\n::: incident b type=battles\n:::\n").isEmpty)
        #expect(EventType.named("armed-clash")?.eventType.id == "battles")
    }

    @Test func frontMatterKeys() {
        #expect(Fixture.findings("---\npublisher: X\nlanguage: de\n---\n").map(\.rule) == ["unknown-front-matter-key", "bad-front-matter"])
    }

    @Test func settingsTurnRulesOffAndChangeSeverity() {
        let off = AnalysisSettings(ruleOverrides: ["unattached-figure": Severity?.none])
        #expect(Fixture.findings("[41 soldiers]{killed}", settings: off).isEmpty)
        let strict = AnalysisSettings(ruleOverrides: ["unattached-figure": .some(.error)])
        #expect(Fixture.analyze("[41 soldiers]{killed}", settings: strict).diagnostics.first?.severity == .error)
    }
}

@Suite struct WorkspaceRulesTests {
    func workspace(_ docs: [(String, String)]) -> WorkspaceAnalysis {
        WorkspaceAnalysis(documents: docs.map { Fixture.analyze($0.1, uri: $0.0) })
    }

    @Test func crossDocumentConflictIsReportedInBoth() throws {
        let w = workspace([
            ("a.tally", "::: incident dioura-2025-05-23 killed=41\n:::\n"),
            ("b.tally", "::: incident dioura-2025-05-23\nThe raid killed [42 soldiers]{killed}.\n:::\n"),
        ])
        let a = w.diagnostics(for: "a.tally"), b = w.diagnostics(for: "b.tally")
        #expect(a.map(\.rule) == ["cross-document-conflict"])
        #expect(b.map(\.rule) == ["cross-document-conflict"])
        #expect(a[0].related.first?.uri == "b.tally")
        #expect(b[0].related.first?.uri == "a.tally")
    }

    @Test func agreeingDocumentsAreQuiet() {
        let w = workspace([
            ("a.tally", "::: incident c killed=130+\n:::\n"),
            ("b.tally", "::: incident c\n[nearly 150 people]{killed}\n:::\n"),
        ])
        #expect(w.diagnostics(for: "a.tally").isEmpty)
        #expect(w.diagnostics(for: "b.tally").isEmpty)
    }

    @Test func inLinksAcrossDocuments() {
        let w = workspace([
            ("a.tally", "::: incident c killed=3\n:::\n"),
            ("b.tally", "[three people]{killed in=c} and [two]{killed in=nowhere}\n"),
        ])
        #expect(w.diagnostics(for: "b.tally").map(\.rule) == ["unknown-incident"])
        #expect(w.figures(forIncident: "c").count == 1)
    }
}
