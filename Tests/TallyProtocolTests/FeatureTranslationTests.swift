import Testing
import TallySyntax
@testable import TallyAnalysis
@testable import TallyProtocol

/// The translation layer of the editor features: semantic token encoding,
/// workspace edits, symbols, gazetteer file edits, the tally-gazetteer:
/// documents, the inlay hint settings and the code action filter.
@Suite struct FeatureTranslationTests {
    // MARK: Semantic tokens

    @Test func tokensAreRelativeAndCountedInTheEncoding() {
        // "é" is 2 UTF-8 bytes and 1 UTF-16 unit.
        let text = PositionConverter("[é]{place}\n%% c\n")
        let items = [
            SemanticTokens.Item(range: 1..<3, type: 3, modifiers: 0),    // é
            SemanticTokens.Item(range: 5..<10, type: 1, modifiers: 0),   // place
            SemanticTokens.Item(range: 12..<16, type: 0, modifiers: 2),  // %% c
        ]
        #expect(SemanticTokenEncoding(encoding: .utf8).encode(items, text: text) == [0, 1, 2, 3, 0, 0, 4, 5, 1, 0, 1, 0, 4, 0, 2])
        #expect(SemanticTokenEncoding(encoding: .utf16).encode(items, text: text) == [0, 1, 1, 3, 0, 0, 3, 5, 1, 0, 1, 0, 4, 0, 2])
    }

    @Test func aTokenOverALineBreakIsSplitPerLine() {
        let text = PositionConverter("[two\r\nmen]{killed}")
        let item = SemanticTokens.Item(range: 1..<9, type: 3, modifiers: 0)
        #expect(SemanticTokenEncoding(encoding: .utf16).encode([item], text: text) == [0, 1, 3, 3, 0, 1, 0, 3, 3, 0])
        // An empty piece (a token that starts at a line's end) is dropped.
        let atEnd = SemanticTokens.Item(range: 4..<9, type: 3, modifiers: 0)
        #expect(SemanticTokenEncoding(encoding: .utf16).encode([atEnd], text: text) == [1, 0, 3, 3, 0])
    }

    @Test func legendIsTheAnalysisLegend() {
        #expect(SemanticTokenEncoding.legend["tokenTypes"]?.array?.compactMap(\.string) == SemanticTokens.types)
        #expect(SemanticTokenEncoding.legend["tokenModifiers"]?.array?.compactMap(\.string) == SemanticTokens.modifiers)
    }

    // MARK: Workspace edits

    @Test func workspaceEditsCarryVersionsOrPlainChanges() {
        let a = PositionConverter("ab\ncd"), b = PositionConverter("xyz")
        let edits = ["file:///b": [TextEdit(range: 1..<2, newText: "Y")],
                     "file:///a": [TextEdit(range: 4..<5, newText: "D"), TextEdit(range: 0..<1, newText: "A")]]
        let texts = ["file:///a": a, "file:///b": b]
        let versioned = WorkspaceEditTranslation(encoding: .utf16, documentChanges: true)
            .workspaceEdit(edits, text: { texts[$0] }, version: { $0 == "file:///a" ? 7 : nil })
        #expect(versioned == ["documentChanges": [
            ["textDocument": ["uri": "file:///a", "version": 7], "edits": [
                ["range": ["start": ["line": 0, "character": 0], "end": ["line": 0, "character": 1]], "newText": "A"],
                ["range": ["start": ["line": 1, "character": 1], "end": ["line": 1, "character": 2]], "newText": "D"]]],
            ["textDocument": ["uri": "file:///b", "version": nil], "edits": [
                ["range": ["start": ["line": 0, "character": 1], "end": ["line": 0, "character": 2]], "newText": "Y"]]],
        ]])
        let plain = WorkspaceEditTranslation(encoding: .utf16, documentChanges: false)
            .workspaceEdit(edits, text: { texts[$0] }, version: { _ in nil })
        #expect(plain?["changes"]?["file:///b"]?.array?.count == 1)
        #expect(plain?["documentChanges"] == nil)
        // A document whose text is unknown: no edit at all.
        #expect(WorkspaceEditTranslation(encoding: .utf16, documentChanges: false)
            .workspaceEdit(edits, text: { $0 == "file:///a" ? a : nil }, version: { _ in nil }) == nil)
    }

    // MARK: Symbols

    @Test func symbolsNestOrFlatten() {
        let text = PositionConverter("::: incident x\n[3]{killed}\n:::\n")
        let child = DocumentSymbol(name: "killed 3", detail: "3", kind: .figure, range: 15..<26, selectionRange: 16..<17, children: [])
        let parent = DocumentSymbol(name: "x", detail: nil, kind: .incident, range: 0..<30, selectionRange: 13..<14, children: [child])
        let nested = SymbolTranslation(encoding: .utf16, hierarchical: true).outline([parent], uri: "u", text: text)
        #expect(nested[0]?["kind"] == 24 && nested[0]?["children"]?[0]?["kind"] == 16)
        #expect(nested[0]?["selectionRange"] == ["start": ["line": 0, "character": 13], "end": ["line": 0, "character": 14]])
        let flat = SymbolTranslation(encoding: .utf16, hierarchical: false).outline([parent], uri: "u", text: text)
        #expect(flat.array?.count == 2)
        #expect(flat[1]?["containerName"] == "x" && flat[1]?[path: "location", "uri"] == "u")
        // An empty name is not allowed by LSP; a selection outside the range is clamped into it.
        let odd = DocumentSymbol(name: "", detail: nil, kind: .place, range: 2..<4, selectionRange: 0..<9, children: [])
        let converted = SymbolTranslation(encoding: .utf16, hierarchical: true).outline([odd], uri: "u", text: text)
        #expect(converted[0]?["name"] == "?")
        #expect(converted[0]?["selectionRange"] == converted[0]?["range"])
    }

    // MARK: Gazetteer files

    static let tsv = "\nid\tname\tkind\tcountry\n# places\nkayes-x\tKayes X\tplace\tML\n"

    @Test func theIDFieldOfALine() {
        let bytes = Array(Self.tsv.utf8)
        let range = GazetteerFileEditing.idFieldRange(in: bytes, line: 4, id: "kayes-x")
        #expect(range.map { String(decoding: bytes[$0], as: UTF8.self) } == "kayes-x")
        #expect(GazetteerFileEditing.idFieldRange(in: bytes, line: 4, id: "other") == nil)   // the file changed
        #expect(GazetteerFileEditing.idFieldRange(in: bytes, line: 9, id: "kayes-x") == nil)
        // A GeoNames dump has no header: nothing to edit.
        let geonames = Array("2455518\tKayes\tKayes\t\t14.4\t-11.4\tP\tPPLA\tML\t\t03\t\t\t\t77207\t\t45\tAfrica/Bamako\t2020-01-01\n".utf8)
        #expect(GazetteerFileEditing.idFieldRange(in: geonames, line: 1, id: "2455518") == nil)
    }

    @Test func appendingARowFollowsTheHeader() throws {
        let bytes = Array(Self.tsv.utf8)
        let edit = try #require(GazetteerFileEditing.appendRow(to: bytes, id: "zorbatown", name: "Zorba\ttown", kind: .place))
        #expect(edit.range == bytes.count..<bytes.count)
        #expect(edit.newText == "zorbatown\tZorba town\tplace\t\n")
        let parsed = GazetteerParser.parse(bytes: [edit].applied(to: bytes), sourceName: "x.tsv")
        #expect(parsed.problems.isEmpty, "\(parsed.problems)")
        #expect(parsed.entries.map(\.id) == ["kayes-x", "zorbatown"])
        // CRLF files get CRLF, a missing final line break is added first, a category column stands in for kind.
        let crlf = Array("id\tname\ttype\r\nx\tX\ttown".utf8)
        let row = try #require(GazetteerFileEditing.appendRow(to: crlf, id: "jnim2", name: "JNIM 2", kind: .actor))
        #expect(row.newText == "\r\njnim2\tJNIM 2\tother\r\n")
        #expect(GazetteerParser.parse(bytes: [row].applied(to: crlf), sourceName: "x.tsv").entries.last?.kind == .actor)
        // Neither kind nor category: a row could not be read back.
        #expect(GazetteerFileEditing.appendRow(to: Array("id\tname\n".utf8), id: "a", name: "A", kind: .place) == nil)
        #expect(GazetteerFileEditing.appendRow(to: Array("name\tid\n".utf8), id: "a", name: "A", kind: .place) == nil)
    }

    @Test func theEntryAnUnknownNameAsksFor() {
        let gazetteer = ProjectLoader.embedded
        let text = "[Zorbatown]{place} and [the  camp]{place=camp-x} and [Kayse]{actor=kayes}\n"
        let analysis = DocumentAnalysis.analyze(uri: "u", text: text, gazetteer: gazetteer)
        let unknown = analysis.diagnostics.filter { LanguageFeatures.addToGazetteerRules.contains($0.rule) }
        let entries = unknown.map { LanguageFeatures.newEntry(for: $0, in: analysis, gazetteer: gazetteer) }
        #expect(unknown.count == 3)
        #expect(entries[0]! == ("zorbatown", "Zorbatown", .place))
        #expect(entries[1]! == ("camp-x", "the camp", .place))
        // An id that exists (with another kind) is not added again.
        #expect(entries[2] == nil)
    }

    // MARK: tally-gazetteer: documents

    @Test func embeddedEntryDocuments() {
        let uri = EmbeddedEntryDocument.uri(ofEntry: "kayes")
        #expect(uri == "tally-gazetteer:///embedded/kayes.md")
        #expect(EmbeddedEntryDocument.entryID(of: uri) == "kayes")
        #expect(EmbeddedEntryDocument.entryID(of: EmbeddedEntryDocument.uri(ofEntry: "geo:12.x")) == "geo:12.x")
        #expect(EmbeddedEntryDocument.uri(ofEntry: "geo:12.x") == "tally-gazetteer:///embedded/geo%3A12.x.md")
        #expect(EmbeddedEntryDocument.entryID(of: "file:///embedded/kayes.md") == nil)
        #expect(EmbeddedEntryDocument.text(of: uri, gazetteer: ProjectLoader.embedded)?.contains("**Kayes**") == true)
        #expect(EmbeddedEntryDocument.text(of: "tally-gazetteer:///embedded/no-such-id.md", gazetteer: ProjectLoader.embedded) == nil)
    }

    // MARK: Settings and filters

    @Test func inlayHintSettings() {
        let (settings, problems) = ServerSettings.parse(["inlayHints": ["ids": false, "counts": true]], baseDirectory: nil)
        #expect(problems.isEmpty)
        #expect(settings.inlayHintIDs == false && settings.inlayHintCounts == true)
        #expect(settings.forAnalysis == ServerSettings())
        let (_, bad) = ServerSettings.parse(["inlayHints": ["ids": "yes", "colour": true]], baseDirectory: nil)
        #expect(bad.count == 2)
        let later = ServerSettings.parse(["inlayHints": ["ids": true]], baseDirectory: nil).0
        let overlaid = settings.overlaid(with: later)
        #expect(overlaid.inlayHintIDs == true && overlaid.inlayHintCounts == true)
    }

    @Test func codeActionKindFilter() {
        #expect(LanguageFeatures.admits(nil, "quickfix"))
        #expect(LanguageFeatures.admits(["refactor"], "refactor.rewrite"))
        #expect(!LanguageFeatures.admits(["refactor"], "quickfix"))
        #expect(!LanguageFeatures.admits(["refactor.rewrite"], "refactor"))
        #expect(!LanguageFeatures.admits(["quick"], "quickfix"))
    }
}
