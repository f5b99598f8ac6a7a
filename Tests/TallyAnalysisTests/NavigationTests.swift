import Testing
@testable import TallyAnalysis

/// Definitions, references, rename, symbols: over small workspaces with a `$0` cursor.
@Suite struct NavigationTests {
    func setup(_ marked: String, others: [(String, String)] = []) -> (DocumentAnalysis, Int, WorkspaceAnalysis) {
        let (text, offset) = cursor(marked)
        let doc = Fixture.analyze(text, uri: "a.tally")
        return (doc, offset, WorkspaceAnalysis(documents: [doc] + others.map { Fixture.analyze($0.1, uri: $0.0) }))
    }

    @Test func definitionOfAnIncidentReference() {
        let (doc, offset, ws) = setup("::: incident dioura\n:::\n[41 soldiers]{killed in=dio$0ura}", others: [("b.tally", "::: incident dioura killed=41\n:::\n")])
        let targets = Navigation.definition(in: doc, at: offset, workspace: ws, gazetteer: Fixture.gazetteer)
        #expect(targets == [.location(Location(uri: "a.tally", range: 0..<19)), .location(Location(uri: "b.tally", range: 0..<29))])
    }

    @Test func definitionOfAnEmbeddedEntry() {
        let (doc, offset, ws) = setup("[Ka$0yes]{place}")
        #expect(Navigation.definition(in: doc, at: offset, workspace: ws, gazetteer: Fixture.gazetteer) == [.embeddedEntry(id: "kayes")])
    }

    @Test func definitionOfAProjectEntryIsItsLine() {
        let extra = GazetteerParser.parse(text: "id\tname\tkind\ngogui\tGogui\tplace\n", sourceName: "extra.tsv")
        let gaz = Gazetteer(sources: [Fixture.gazetteer.entries, extra.entries])
        let (text, offset) = cursor("[Gog$0ui]{place}")
        let doc = DocumentAnalysis.analyze(uri: "a.tally", text: text, gazetteer: gaz)
        #expect(Navigation.definition(in: doc, at: offset, workspace: WorkspaceAnalysis(documents: [doc]), gazetteer: gaz) == [.gazetteerFile(path: "extra.tsv", line: 2)])
        // A project entry can be renamed with its explicit uses; the gazetteer line is part of the plan.
        let (t2, o2) = cursor("[Gogui]{place=gog$0ui} and [the town]{place=gogui}")
        let d2 = DocumentAnalysis.analyze(uri: "a.tally", text: t2, gazetteer: gaz)
        guard case .success(let plan) = Rename.rename(in: d2, at: o2, to: "gogui-ml", workspace: WorkspaceAnalysis(documents: [d2]), gazetteer: gaz) else {
            Issue.record("rename refused")
            return
        }
        #expect(plan.edits["a.tally"]?.count == 2)
        #expect(plan.gazetteerEdit == Rename.GazetteerFileEdit(path: "extra.tsv", line: 2, oldID: "gogui", newID: "gogui-ml"))
    }

    @Test func referencesAcrossTheWorkspace() {
        let (doc, offset, ws) = setup("::: incident k place=kayes\n[Kay$0es]{place}\n:::\n", others: [("b.tally", "Later in [Kayes]{place=kayes}.")])
        let refs = Navigation.references(in: doc, at: offset, workspace: ws)
        #expect(refs.map(\.uri) == ["a.tally", "a.tally", "b.tally"])
        #expect(refs.map { $0.range.count } == [5, 5, 5])
    }

    @Test func renameAnIncidentEverywhere() throws {
        let (doc, offset, ws) = setup("::: incident old-i$0d\n:::\n[3]{killed in=old-id}", others: [("b.tally", "[two]{killed in=old-id}\n::: incident other\n:::\n")])
        guard case .success(let plan) = Rename.rename(in: doc, at: offset, to: "new-id", workspace: ws, gazetteer: Fixture.gazetteer) else {
            Issue.record("rename refused")
            return
        }
        let a = String(decoding: plan.edits["a.tally"]!.applied(to: doc.tree.bytes), as: UTF8.self)
        #expect(a == "::: incident new-id\n:::\n[3]{killed in=new-id}")
        let b = try #require(ws.documents["b.tally"])
        #expect(String(decoding: plan.edits["b.tally"]!.applied(to: b.tree.bytes), as: UTF8.self).hasPrefix("[two]{killed in=new-id}"))
        // The article text does not change.
        #expect(SyntaxTree.parse(a).articleText() == doc.tree.articleText())
    }

    @Test func renameRefusals() {
        let (doc, offset, ws) = setup("[Ka$0yes]{place}")
        guard case .failure(let r) = Rename.prepare(in: doc, at: offset, gazetteer: Fixture.gazetteer) else {
            Issue.record("an embedded id must not be renamable")
            return
        }
        #expect(r.message.contains("embedded gazetteer"))
        let (d2, o2, w2) = setup("::: incident a$0\n:::\n::: incident b\n:::\n")
        guard case .failure(let clash) = Rename.rename(in: d2, at: o2, to: "b", workspace: w2, gazetteer: Fixture.gazetteer) else {
            Issue.record("renaming onto an existing id must be refused")
            return
        }
        #expect(clash.message.contains("already exists"))
        guard case .failure = Rename.rename(in: d2, at: o2, to: "bad id", workspace: w2, gazetteer: Fixture.gazetteer) else {
            Issue.record("an invalid id must be refused")
            return
        }
        _ = ws
    }

    @Test func outlineAndWorkspaceSymbols() throws {
        let (doc, _, ws) = setup("---\ntitle: T\n---\n::: incident west date=2025-07-01 killed=1\nIn [Kayes]{place}, [one civilian]{killed victim=civilians}$0.\n:::\n")
        let outline = Symbols.outline(doc, gazetteer: Fixture.gazetteer)
        #expect(outline.map(\.name) == ["T", "west"])
        let inc = try #require(outline.last)
        #expect(inc.detail == "2025-07-01 · killed 1")
        #expect(inc.children.map(\.name) == ["Kayes", "killed 1"])
        let found = Symbols.workspace(ws, query: "kys", gazetteer: Fixture.gazetteer)
        #expect(found.first?.name == "Kayes")
        #expect(Symbols.workspace(ws, query: "wst", gazetteer: Fixture.gazetteer).first?.name == "west")
    }
}

@Suite struct EditorFeatureTests {
    @Test func semanticTokensCoverMarkupNotProse() {
        let doc = Fixture.analyze("%% c\n::: incident a killed=3\nSome [three people]{killed victim=civilians}.\n:::\n")
        let items = SemanticTokens.items(doc.tree)
        let named = items.map { (doc.tree.text($0.range), SemanticTokens.types[$0.type]) }
        #expect(named.contains { $0 == ("%% c", "comment") })
        #expect(named.contains { $0 == ("a", "function") })
        #expect(named.contains { $0 == ("3", "number") })
        #expect(named.contains { $0 == ("three people", "parameter") })
        #expect(named.contains { $0 == ("victim", "property") })
        #expect(named.contains { $0 == ("civilians", "variable") })
        #expect(!named.contains { $0.0.contains("Some") })
    }

    @Test func foldingAndSelection() {
        let text = "---\ntitle: T\n---\n%% a\n%% b\n::: incident a\n[three people]{killed}\n:::\n"
        let doc = Fixture.analyze(text)
        let folds = Structure.foldingRegions(doc.tree)
        #expect(folds.map(\.kind) == [.imports, .comment, .region])
        let (t2, o) = cursor("::: incident a\nThe [three pe$0ople]{killed} died.\n:::\n")
        let tree = SyntaxTree.parse(t2)
        let sel = Structure.selectionRanges(tree, at: o).map { tree.text($0) }
        #expect(Array(sel.prefix(4)) == ["people", "three people", "[three people]{killed}", "The [three people]{killed} died."])
        #expect(sel.last == t2)
    }

    @Test func inlayHintsForInferredIDsAndReadCounts() {
        let doc = Fixture.analyze("::: incident a\n[Kayes]{place} [at least 130 people]{killed} [41 soldiers]{killed=41}\n:::\n")
        #expect(InlayHints.hints(doc).map(\.label) == ["=kayes", "≥130"])
        #expect(InlayHints.hints(doc, counts: false).map(\.label) == ["=kayes"])
    }

    @Test func codeLensTotals() {
        let doc = Fixture.analyze("::: incident a killed=41\n[41 soldiers]{killed} and [42 soldiers]{killed}\n:::\n")
        let lens = CodeLenses.lenses(doc, workspace: WorkspaceAnalysis(documents: [doc]))
        #expect(lens.map(\.title) == ["killed 41 ⚠ · 2 figures"])
    }

    @Test func documentLinks() {
        let doc = Fixture.analyze("---\nurl: https://example.org/a\n---\n[Kayes]{place}")
        let links = DocumentLinks.links(doc, gazetteer: Fixture.gazetteer)
        #expect(links.first?.target == "https://example.org/a")
        #expect(links.last?.target.hasPrefix("https://www.openstreetmap.org/?mlat=14.4") == true)
    }

    @Test func untaggedMentionsAndTheirFixes() throws {
        let text = "[Kayes]{place} was hit. In Kayes, and again in KAYES, people fled; Kayesville is elsewhere.\n"
        let doc = Fixture.analyze(text)
        let hints = doc.diagnostics.filter { $0.rule == "untagged-mention" }
        #expect(hints.map { doc.tree.text($0.range) } == ["Kayes", "KAYES"])
        #expect(hints.allSatisfy { $0.severity == .hint })
        let all = try #require(hints.first?.fixes.last)
        #expect(all.title == "Tag all 2 untagged mentions of 'Kayes'")
        let fixed = String(decoding: all.edits["test.tally"]!.applied(to: doc.tree.bytes), as: UTF8.self)
        #expect(fixed == "[Kayes]{place} was hit. In [Kayes]{place=kayes}, and again in [KAYES]{place=kayes}, people fled; Kayesville is elsewhere.\n")
        #expect(SyntaxTree.parse(fixed).articleText() == doc.tree.articleText())
        // Off when hints are not computed.
        let quiet = Fixture.analyze(text, settings: AnalysisSettings(computeHints: false))
        #expect(!quiet.diagnostics.contains { $0.rule == "untagged-mention" })
    }

    @Test func wrapSelectionInAnIncidentBlock() throws {
        let text = "Intro.\nThree people died in the raid.\nMore.\n"
        let doc = Fixture.analyze(text)
        let start = text.utf8.count - "Three people died in the raid.\nMore.\n".utf8.count
        let r = try #require(CodeActions.refactorings(doc, selection: start..<(start + 5)).first)
        let out = String(decoding: r.edits["test.tally"]!.applied(to: doc.tree.bytes), as: UTF8.self)
        #expect(out == "Intro.\n::: incident incident-1\nThree people died in the raid.\n:::\nMore.\n")
        #expect(SyntaxTree.parse(out).articleText() == doc.tree.articleText())
        #expect(SyntaxTree.parse(out).diagnostics.isEmpty)
    }
}
