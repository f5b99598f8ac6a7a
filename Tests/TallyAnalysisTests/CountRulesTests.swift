import Testing
@testable import TallyAnalysis

@Suite struct CountRulesTests {
    @Test func textMismatchPointsAtTheValue() {
        let f = Fixture.findings("::: incident a\nGunmen took [three Indian nationals]{abducted=4 victim=civilians}.\n:::\n")
        #expect(f == [Finding(rule: "count-text-mismatch", text: "4")])
    }

    @Test(arguments: ["abducted=3", "abducted=2-4", "abducted=3+", "abducted"])
    func textMismatchNotTriggeredWhenValueFitsText(head: String) {
        let f = Fixture.findings("::: incident a\n[three Indian nationals]{\(head) victim=civilians}\n:::\n")
        #expect(f.isEmpty, "\(f)")
    }

    @Test func textMismatchOffersTheTextsCount() throws {
        let a = Fixture.analyze("::: incident a\n[three workers]{abducted=4}\n:::\n")
        let d = try #require(a.diagnostics.first)
        let fix = try #require(d.fixes.first)
        let edited = String(decoding: fix.edits["test.tally"]!.applied(to: a.tree.bytes), as: UTF8.self)
        #expect(edited == "::: incident a\n[three workers]{abducted=3}\n:::\n")
        // The article text is unchanged by the fix.
        #expect(SyntaxTree.parse(edited).articleText() == a.tree.articleText())
    }

    @Test func unreadableCount() {
        #expect(Fixture.findings("::: incident a\n[the hostages]{abducted}\n:::\n") == [Finding(rule: "count-unreadable", text: "the hostages")])
        #expect(Fixture.findings("::: incident a\n[the hostages]{abducted=2}\n:::\n").isEmpty)
    }

    @Test func restatementAgainstDeclaredTotal() {
        let f = Fixture.findings("::: incident dioura killed=41\nThe attack killed [42 soldiers]{killed}.\n:::\n")
        #expect(f.map(\.rule) == ["count-conflict"])
        #expect(f.first?.text == "[42 soldiers]{killed}")
    }

    @Test func twoRestatementsThatCannotBothHold() throws {
        let a = Fixture.analyze("::: incident d\nIt killed [41 soldiers]{killed}.\nLater [42 soldiers]{killed} were reported dead.\n:::\n")
        #expect(a.diagnostics.map(\.rule) == ["count-conflict"])
        let d = try #require(a.diagnostics.first)
        #expect(a.tree.text(d.range) == "[42 soldiers]{killed}")
        #expect(d.related.count == 1)
        #expect(a.tree.text(d.related[0].range) == "[41 soldiers]{killed}")
        #expect(d.fixes.count == 2)
    }

    @Test(arguments: [
        "::: incident c killed=130+\n[at least 130 people]{killed} and later [140 people]{killed}\n:::\n",
        "::: incident c killed=41\n[41 soldiers]{killed} and [nine civilians]{killed victim=civilians}\n:::\n",
        "::: incident c\n[dozens of people]{killed} and [about 40 people]{killed}\n:::\n",
    ])
    func overlappingCountsDoNotConflict(doc: String) {
        let f = Fixture.findings(doc)
        #expect(!f.contains { $0.rule == "count-conflict" }, "\(f)")
    }

    @Test func partsExceedingTheTotal() {
        let f = Fixture.findings("::: incident a abducted=3\n[three workers]{abducted victim=civilians} and [a driver]{abducted victim=fama}\n:::\n")
        #expect(f.map(\.rule) == ["count-exceeds-total"])
        #expect(f.first?.text == "[a driver]{abducted victim=fama}")
    }

    @Test func partsWithTheSameVictimCountOnce() {
        let doc = "::: incident a killed=41\n[41 soldiers]{killed victim=fama} ... [41 members of the army]{killed victim=fama}\n:::\n"
        #expect(Fixture.findings(doc).isEmpty)
    }

    @Test func partsUnderAnOpenEndedTotalNeverExceed() {
        let doc = "::: incident a killed=130+\n[100 villagers]{killed victim=civilians} and [50 militiamen]{killed victim=dozo}\n:::\n"
        #expect(Fixture.findings(doc).isEmpty)
    }

    @Test func partsAgainstARestatedTotal() {
        let doc = "::: incident a\n[ten people]{killed} died: [eight civilians]{killed victim=civilians} and [four soldiers]{killed victim=fama}\n:::\n"
        #expect(Fixture.findings(doc).map(\.rule) == ["count-exceeds-total"])
    }

    @Test func frenchCountsAreReadWhenTheDocumentIsFrench() {
        let doc = "---\nlanguage: fr\n---\n::: incident a killed=3\n[trois civils]{killed victim=civilians}\n:::\n"
        #expect(Fixture.findings(doc).isEmpty)
        let a = Fixture.analyze(doc)
        #expect(a.figures.first?.interval == .exactly(3))
        #expect(a.language == .french)
    }

    @Test func totalsCombineDeclaredRestatedAndParts() throws {
        let a = Fixture.analyze("::: incident a\n[at least 130 people]{killed}, among them [12 soldiers]{killed victim=fama}\n:::\n")
        let totals = IncidentTotal.totals(of: a.incidents[0], figures: a.figures)
        let killed = try #require(totals.first { $0.kind == .killed })
        #expect(killed.interval == .atLeast(130))
        #expect(killed.restatements.count == 1)
        #expect(killed.parts.count == 1)
        #expect(!killed.isInconsistent)
    }
}
