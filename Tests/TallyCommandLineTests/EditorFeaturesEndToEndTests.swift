import Foundation
import Testing
import TallySyntax
import TallyAnalysis
import TallyProtocol

/// The editor features of `tally lsp` over its standard input and output:
/// definition, references, highlights, rename, symbols, semantic tokens,
/// folding and selection ranges, code actions, inlay hints, code lenses,
/// links and formatting. Every edit the server returns is applied and
/// checked to lose nothing (`ReturnedEdits`).
@Suite struct EditorFeaturesEndToEndTests {
    static let header = "id\tname\tkind\tcategory\tcountry\tlatitude\tlongitude\n"
    static let gazetteer = header + "gogui\tGogui\tplace\ttown\tML\t15.0\t-9.0\n"

    /// Lines (zero-based): 5 incident line, 6 inferred place and read count,
    /// 7 project place and a mismatching count, 8 an untagged mention,
    /// 10 an unknown place outside the block, 11 a non-ASCII place.
    static let a = """
        ---
        title: Attack near Kayes
        url: https://example.org/kayes
        published: 2025-07-02
        ---
        ::: incident kayes-raid   place=kayes date=2025-07-01
        Fighters attacked [Kayes]{place} at dawn; [at least 130 people]{killed} died.
        In [Gogui]{place=gogui} [two people]{injured=3   in=kayes-raid}.
        Kayes was quiet later.
        :::
        [Zorbatown]{place} is far away, « loin » of [Ségou]{place}.

        """
    static let b = "Later, [three people]{killed in=kayes-raid} died.\n"

    struct Session {
        let client: LSPProcessClient
        let folder: String
        let uri: String
        let encoding: PositionEncoding

        var textDocument: JSONValue { ["uri": .string(uri)] }

        func at(_ line: Int, _ character: Int) -> JSONValue {
            ["textDocument": textDocument, "position": ["line": .int(Int64(line)), "character": .int(Int64(character))]]
        }

        func range(_ l0: Int, _ c0: Int, _ l1: Int, _ c1: Int) -> JSONValue {
            ["start": ["line": .int(Int64(l0)), "character": .int(Int64(c0))], "end": ["line": .int(Int64(l1)), "character": .int(Int64(c1))]]
        }

        func result(_ method: String, _ params: JSONValue) throws -> JSONValue {
            let response = try client.call(method, params)
            #expect(response["error"] == nil, "\(method): \(response)")
            return response["result"] ?? .null
        }

        func finish() {
            _ = try? client.call("shutdown")
            client.notify("exit")
            _ = client.waitForExit()
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    /// A workspace with a.tally (opened) and b.tally (on disk only), and a
    /// project gazetteer; the session waits for a.tally's first diagnostics.
    static func start(encoding: String = "utf-16", capabilities extra: [(String, JSONValue)] = [],
                      options: JSONValue = nil, documentChanges: Bool = true) throws -> Session {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("tally-features-\(UUID().uuidString)").resolvingSymlinksInPath().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try #"{"gazetteers": ["extra.tsv"]}"#.write(toFile: folder + "/tally.json", atomically: true, encoding: .utf8)
        try gazetteer.write(toFile: folder + "/extra.tsv", atomically: true, encoding: .utf8)
        try a.write(toFile: folder + "/a.tally", atomically: true, encoding: .utf8)
        try b.write(toFile: folder + "/b.tally", atomically: true, encoding: .utf8)
        let client = try LSPProcessClient()
        var textDocument: JSONObject = [
            "documentSymbol": ["hierarchicalDocumentSymbolSupport": true],
            "rename": ["prepareSupport": true],
        ]
        for (key, value) in extra { textDocument[key] = value }
        let root = FileURI.uri(ofPath: folder)
        let initialize = try client.call("initialize", [
            "processId": nil, "rootUri": .string(root), "initializationOptions": options,
            "capabilities": ["general": ["positionEncodings": [.string(encoding)]],
                             "workspace": ["workspaceEdit": ["documentChanges": .bool(documentChanges)]],
                             "textDocument": .object(textDocument)],
        ])
        let negotiated = PositionEncoding(rawValue: initialize[path: "result", "capabilities", "positionEncoding"]?.string ?? "") ?? .utf16
        client.notify("initialized", [:])
        let uri = FileURI.uri(ofPath: folder + "/a.tally")
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "tally", "version": 1, "text": .string(a)]])
        _ = try client.diagnostics(uri) { $0["version"] == 1 }
        // b.tally is indexed from disk: wait until a reference into it is found.
        let session = Session(client: client, folder: folder, uri: uri, encoding: negotiated)
        for _ in 0..<200 {
            let refs = try session.result("textDocument/references", session.at(5, 15))
            if (refs.array ?? []).contains(where: { $0["uri"]?.string?.hasSuffix("b.tally") == true }) { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return session
    }

    static func lines(_ text: String) -> [String] { text.components(separatedBy: "\n") }

    // MARK: Navigation

    @Test func definitionsReferencesAndHighlights() throws {
        let s = try Self.start()
        defer { s.finish() }
        // An embedded entry: a tally-gazetteer: document, whose text the server serves.
        let embedded = try s.result("textDocument/definition", s.at(6, 20))
        let target = try #require(embedded[0]?["uri"]?.string)
        #expect(target == "tally-gazetteer:///embedded/kayes.md")
        let content = try s.result("workspace/textDocumentContent", ["uri": .string(target)])
        #expect(content["text"]?.string?.hasPrefix("**Kayes** `kayes`") == true)
        #expect(try s.client.call("workspace/textDocumentContent", ["uri": "tally-gazetteer:///embedded/no-such-entry.md"])[path: "error", "code"] == -32602)
        // A project entry: its line in the gazetteer file.
        let project = try s.result("textDocument/definition", s.at(7, 19))
        #expect(project[0]?["uri"]?.string == FileURI.uri(ofPath: s.folder + "/extra.tsv"))
        #expect(project[0]?[path: "range", "start", "line"] == 1)
        // in= → the incident's opening line.
        let incident = try s.result("textDocument/definition", s.at(7, 60))
        #expect(incident[0]?["uri"]?.string == s.uri)
        #expect(incident[0]?[path: "range", "start"] == ["line": 5, "character": 0])
        // Prose: nothing.
        #expect(try s.result("textDocument/definition", s.at(6, 3)) == [])

        // References of the incident: its id, in= here and in b.tally (on disk).
        let refs = try s.result("textDocument/references", ["textDocument": s.textDocument, "position": ["line": 5, "character": 15],
                                                            "context": ["includeDeclaration": true]])
        #expect(refs.array?.map { $0["uri"]?.string?.split(separator: "/").last.map(String.init) ?? "" } == ["a.tally", "a.tally", "b.tally"])
        #expect(refs[2]?["range"] == s.range(0, 32, 0, 42))
        let withoutDeclaration = try s.result("textDocument/references", ["textDocument": s.textDocument, "position": ["line": 5, "character": 15],
                                                                          "context": ["includeDeclaration": false]])
        #expect(withoutDeclaration.array?.count == 2)

        // Highlights: the definition is a write, the mention a read.
        let highlights = try s.result("textDocument/documentHighlight", s.at(7, 60))
        #expect(highlights.array?.map { $0["kind"]?.int ?? 0 } == [3, 2])
        #expect(highlights[0]?["range"] == s.range(5, 13, 5, 23))
    }

    // MARK: Rename

    @Test(arguments: [true, false])
    func renameAcrossDocumentsAndTheGazetteer(documentChanges: Bool) throws {
        let s = try Self.start(documentChanges: documentChanges)
        defer { s.finish() }
        // An embedded id is refused with a message, before and at rename.
        let refused = try s.client.call("textDocument/prepareRename", s.at(6, 20))
        #expect(refused[path: "error", "code"] == -32803)
        #expect(refused[path: "error", "message"]?.string?.contains("embedded gazetteer") == true)
        var renameKayes = s.at(5, 34)
        renameKayes = ["textDocument": s.textDocument, "position": renameKayes["position"]!, "newName": "kayes-town"]
        #expect(try s.client.call("textDocument/rename", renameKayes)[path: "error", "code"] == -32803)
        #expect(try s.client.call("textDocument/prepareRename", s.at(6, 3))[path: "error", "code"] == -32803)

        // The incident id, in both documents.
        let prepared = try s.result("textDocument/prepareRename", s.at(5, 15))
        #expect(prepared["placeholder"] == "kayes-raid")
        #expect(prepared["range"] == s.range(5, 13, 5, 23))
        let incidentEdit = try s.result("textDocument/rename", ["textDocument": s.textDocument, "position": ["line": 5, "character": 15], "newName": "raid-1"])
        if documentChanges {
            let versions = incidentEdit["documentChanges"]?.array?.map { $0[path: "textDocument", "version"] }
            #expect(versions == [.int(1), .null])  // a.tally is open at version 1, b.tally is a file
        } else {
            #expect(incidentEdit["changes"] != nil)
        }
        let perURI = ReturnedEdits.perURI(incidentEdit)
        #expect(Set(perURI.keys) == [s.uri, FileURI.uri(ofPath: s.folder + "/b.tally")])
        let newA = ReturnedEdits.applyToDocument(perURI[s.uri]!, Self.a, encoding: s.encoding, markupOnly: true)
        #expect(newA.contains("::: incident raid-1 ") && newA.contains("in=raid-1}") && !newA.contains("kayes-raid"))
        let newB = ReturnedEdits.applyToDocument(perURI[FileURI.uri(ofPath: s.folder + "/b.tally")]!, Self.b, encoding: s.encoding, markupOnly: true)
        #expect(newB == "Later, [three people]{killed in=raid-1} died.\n")

        // A project-gazetteer id: its uses and its line in extra.tsv.
        #expect(try s.result("textDocument/prepareRename", s.at(7, 19))["placeholder"] == "gogui")
        let entryEdit = try s.result("textDocument/rename", ["textDocument": s.textDocument, "position": ["line": 7, "character": 19], "newName": "gogui-ml"])
        let entryEdits = ReturnedEdits.perURI(entryEdit)
        let tsvURI = FileURI.uri(ofPath: s.folder + "/extra.tsv")
        let renamedA = ReturnedEdits.applyToDocument(entryEdits[s.uri]!, Self.a, encoding: s.encoding, markupOnly: true)
        #expect(renamedA.contains("[Gogui]{place=gogui-ml}"))
        let (tsv, replaced) = ReturnedEdits.apply(entryEdits[tsvURI]!, to: Array(Self.gazetteer.utf8), encoding: s.encoding)
        #expect(String(decoding: tsv, as: UTF8.self) == Self.header + "gogui-ml\tGogui\tplace\ttown\tML\t15.0\t-9.0\n")
        #expect(replaced.count == 1)
        let reparsed = GazetteerParser.parse(bytes: tsv, sourceName: "extra.tsv")
        #expect(reparsed.problems.isEmpty && reparsed.entries.map(\.id) == ["gogui-ml"])

        // Names that are not ids, and ids already taken, are refused.
        #expect(try s.client.call("textDocument/rename", ["textDocument": s.textDocument, "position": ["line": 5, "character": 15], "newName": "two words"])[path: "error", "code"] == -32803)
        #expect(try s.client.call("textDocument/rename", ["textDocument": s.textDocument, "position": ["line": 7, "character": 19], "newName": "kayes"])[path: "error", "code"] == -32803)
    }

    // MARK: Symbols

    @Test func documentAndWorkspaceSymbols() throws {
        let s = try Self.start()
        defer { s.finish() }
        let outline = try s.result("textDocument/documentSymbol", ["textDocument": s.textDocument])
        #expect(outline.array?.map { $0["name"]?.string ?? "" } == ["Attack near Kayes", "kayes-raid"])
        let incident = try #require(outline[1])
        #expect(incident["kind"] == 24)
        #expect(incident["selectionRange"] == s.range(5, 13, 5, 23))
        #expect(incident["children"]?.array?.map { $0["name"]?.string ?? "" } == ["Kayes", "killed ≥130", "Gogui", "injured 3"])

        let workspace = try s.result("workspace/symbol", ["query": "krd"])
        let names = workspace.array?.map { $0["name"]?.string ?? "" } ?? []
        #expect(names == ["kayes-raid"])
        #expect(workspace[0]?[path: "location", "uri"]?.string == s.uri)
        let places = try s.result("workspace/symbol", ["query": "gog"])
        #expect(places.array?.map { $0["name"]?.string ?? "" } == ["Gogui"])
    }

    @Test func flatSymbolsForOlderClients() throws {
        let s = try Self.start(capabilities: [("documentSymbol", [:])])
        defer { s.finish() }
        let outline = try s.result("textDocument/documentSymbol", ["textDocument": s.textDocument])
        let gogui = try #require(outline.array?.first { $0["name"] == "Gogui" })
        #expect(gogui["containerName"] == "kayes-raid")
        #expect(gogui[path: "location", "uri"]?.string == s.uri)
        #expect(gogui["children"] == nil)
    }

    // MARK: Semantic tokens

    /// The absolute (line, character, length, type name) of an encoded token array.
    static func decode(_ data: JSONValue, legend: [String]) -> [(line: Int, character: Int, length: Int, type: String, modifiers: Int)] {
        let numbers = data.array?.compactMap(\.int) ?? []
        var out: [(Int, Int, Int, String, Int)] = []
        var line = 0, character = 0
        var i = 0
        while i + 5 <= numbers.count {
            if numbers[i] != 0 { character = 0 }
            line += numbers[i]
            character += numbers[i + 1]
            out.append((line, character, numbers[i + 2], legend[numbers[i + 3]], numbers[i + 4]))
            i += 5
        }
        return out
    }

    @Test(arguments: ["utf-8", "utf-16", "utf-32"])
    func semanticTokens(encoding: String) throws {
        let s = try Self.start(encoding: encoding)
        defer { s.finish() }
        let legend = SemanticTokens.types
        let full = Self.decode(try s.result("textDocument/semanticTokens/full", ["textDocument": s.textDocument])["data"]!, legend: legend)
        let lines = Self.lines(Self.a)
        // Every token lies on its line, and they come in order.
        for (t, next) in zip(full, full.dropFirst()) {
            #expect(t.line < next.line || (t.line == next.line && t.character + t.length <= next.character))
        }
        let id = try #require(full.first { $0.line == 5 && $0.type == "function" })
        #expect(id.character == 13 && id.length == 10 && id.modifiers == 1)
        // The non-ASCII tag text "Ségou": its width depends on the encoding.
        let segou = try #require(full.first { $0.line == 10 && $0.type == "parameter" && $0.character > 30 })
        let prefix = lines[10][..<lines[10].range(of: "Ségou")!.lowerBound]
        switch encoding {
        case "utf-8": #expect(segou.character == prefix.utf8.count && segou.length == 6)
        case "utf-16": #expect(segou.character == prefix.utf16.count && segou.length == 5)
        default: #expect(segou.character == prefix.unicodeScalars.count && segou.length == 5)
        }
        // Prose gets no tokens; a range request gives the tokens of its lines only.
        #expect(!full.contains { $0.line == 8 })
        let ranged = Self.decode(try s.result("textDocument/semanticTokens/range", ["textDocument": s.textDocument, "range": s.range(7, 0, 8, 0)])["data"]!, legend: legend)
        #expect(!ranged.isEmpty && ranged.allSatisfy { $0.line == 7 })
        #expect(ranged.map(\.character) == full.filter { $0.line == 7 }.map(\.character))
    }

    // MARK: Folding and selection

    @Test func foldingAndSelectionRanges() throws {
        let s = try Self.start()
        defer { s.finish() }
        let folds = try s.result("textDocument/foldingRange", ["textDocument": s.textDocument])
        #expect(folds == [["startLine": 0, "endLine": 4, "kind": "imports"], ["startLine": 5, "endLine": 9, "kind": "region"]])
        let selection = try s.result("textDocument/selectionRange", ["textDocument": s.textDocument,
                                                                     "positions": [["line": 6, "character": 20], ["line": 8, "character": 2]]])
        #expect(selection.array?.count == 2)
        var chain: [JSONValue] = []
        var node = selection[0]
        while let n = node, let range = n["range"] {
            chain.append(range)
            node = n["parent"]
        }
        #expect(chain.first == s.range(6, 19, 6, 24))     // the word
        #expect(chain.contains(s.range(6, 18, 6, 32)))    // the tag
        #expect(chain.contains(s.range(5, 0, 9, 3)))      // the block
        #expect(selection[1]?["range"] == s.range(8, 0, 8, 5))  // "Kayes" in prose
    }

    // MARK: Code actions

    @Test func everyCodeActionLosesNothing() throws {
        let s = try Self.start()
        defer { s.finish() }
        let lines = Self.lines(Self.a)
        var titles: [String] = []
        var documentEdits = 0
        for (n, line) in lines.enumerated() where !line.isEmpty {
            let width = s.encoding == .utf8 ? line.utf8.count : line.utf16.count
            let actions = try s.result("textDocument/codeAction", ["textDocument": s.textDocument, "range": s.range(n, 0, n, width),
                                                                   "context": ["diagnostics": []]])
            for action in actions.array ?? [] {
                let title = action["title"]?.string ?? ""
                titles.append(title)
                for (uri, edits) in ReturnedEdits.perURI(action["edit"]) {
                    if uri == s.uri {
                        documentEdits += 1
                        let after = ReturnedEdits.applyToDocument(edits, Self.a, encoding: s.encoding, markupOnly: false)
                        #expect(after != Self.a, "\(title) changes nothing")
                    } else {
                        // The gazetteer gains one row and keeps every byte it had.
                        #expect(uri == FileURI.uri(ofPath: s.folder + "/extra.tsv"), "\(title) edits \(uri)")
                        let (tsv, _) = ReturnedEdits.apply(edits, to: Array(Self.gazetteer.utf8), encoding: s.encoding)
                        #expect(tsv.starts(with: Array(Self.gazetteer.utf8)))
                        let parsed = GazetteerParser.parse(bytes: tsv, sourceName: "extra.tsv")
                        #expect(parsed.problems.isEmpty)
                        #expect(parsed.entries.map(\.id) == ["gogui", "zorbatown"])
                        #expect(parsed.entries.last?.name == "Zorbatown" && parsed.entries.last?.kind == .place)
                    }
                }
            }
        }
        #expect(titles.contains("Use the text's count (2)"))
        #expect(titles.contains("Tag 'Kayes' as place=kayes"))
        #expect(titles.contains { $0.hasPrefix("Add 'Zorbatown' to the project gazetteer extra.tsv") })
        #expect(titles.contains("Wrap in an incident block"))
        #expect(documentEdits >= 4)

        // The count fix, in detail: only the value changes.
        let count = try s.result("textDocument/codeAction", ["textDocument": s.textDocument, "range": s.range(7, 45, 7, 45),
                                                             "context": ["diagnostics": [], "only": ["quickfix"]]])
        let take = try #require(count.array?.first { $0["title"] == "Use the text's count (2)" })
        #expect(take["kind"] == "quickfix")
        #expect(take["diagnostics"]?[0]?["code"] == "count-text-mismatch")
        let fixed = ReturnedEdits.applyToDocument(ReturnedEdits.perURI(take["edit"])[s.uri]!, Self.a, encoding: s.encoding, markupOnly: true)
        #expect(fixed == Self.a.replacingOccurrences(of: "{injured=3 ", with: "{injured=2 "))
        #expect(!(count.array ?? []).contains { $0["kind"] == "refactor.rewrite" })

        // Wrapping a line outside the blocks adds lines around it.
        let wrap = try s.result("textDocument/codeAction", ["textDocument": s.textDocument, "range": s.range(10, 0, 10, 5),
                                                            "context": ["diagnostics": [], "only": ["refactor"]]])
        #expect(wrap.array?.map { $0["title"]?.string ?? "" } == ["Wrap in an incident block"])
        let wrapped = ReturnedEdits.applyToDocument(ReturnedEdits.perURI(wrap[0]?["edit"])[s.uri]!, Self.a, encoding: s.encoding, markupOnly: true)
        #expect(Self.lines(wrapped)[10] == "::: incident incident-1 date=2025-07-02" && Self.lines(wrapped)[12] == ":::")
    }

    // MARK: Inlay hints, code lenses, links

    @Test func inlayHintsLensesAndLinks() throws {
        let s = try Self.start()
        defer { s.finish() }
        let hints = try s.result("textDocument/inlayHint", ["textDocument": s.textDocument, "range": s.range(0, 0, 12, 0)])
        let labels = hints.array?.map { $0["label"]?.string ?? "" } ?? []
        #expect(labels.contains("=kayes") && labels.contains("≥130"))
        let count = try #require(hints.array?.first { $0["label"] == "≥130" })
        let line6 = Self.lines(Self.a)[6]
        #expect(count["position"] == ["line": 6, "character": .int(Int64(line6[..<line6.range(of: "killed}")!.upperBound].utf16.count - 1))])
        // Outside the range: none.
        #expect(try s.result("textDocument/inlayHint", ["textDocument": s.textDocument, "range": s.range(0, 0, 4, 0)]) == [])

        let lenses = try s.result("textDocument/codeLens", ["textDocument": s.textDocument])
        #expect(lenses.array?.count == 1)
        #expect(lenses[0]?["range"] == s.range(5, 13, 5, 23))
        #expect(lenses[0]?[path: "command", "title"] == "killed ≥130 · injured 3 · 2 figures")

        let links = try s.result("textDocument/documentLink", ["textDocument": s.textDocument])
        let targets = links.array?.compactMap { $0["target"]?.string } ?? []
        #expect(targets.first == "https://example.org/kayes")
        #expect(links[0]?["range"] == s.range(2, 5, 2, 30))
        #expect(targets.contains { $0.hasPrefix("https://www.openstreetmap.org/?mlat=15.0&mlon=-9.0") })
    }

    @Test func inlayHintSettings() throws {
        let s = try Self.start(options: ["inlayHints": ["counts": false]])
        defer { s.finish() }
        let hints = try s.result("textDocument/inlayHint", ["textDocument": s.textDocument, "range": s.range(0, 0, 12, 0)])
        let labels = hints.array?.map { $0["label"]?.string ?? "" } ?? []
        #expect(labels.contains("=kayes"))
        #expect(!labels.contains("≥130"))
    }

    // MARK: Formatting

    @Test(arguments: ["utf-8", "utf-16"])
    func formattingLosesNothingAndIsIdempotent(encoding: String) throws {
        let s = try Self.start(encoding: encoding)
        defer { s.finish() }
        let edits = try s.result("textDocument/formatting", ["textDocument": s.textDocument, "options": ["tabSize": 4, "insertSpaces": true]])
        let formatted = ReturnedEdits.applyToDocument(edits.array ?? [], Self.a, encoding: s.encoding, markupOnly: true)
        #expect(formatted == Formatter.formatted(Self.a))
        #expect(formatted.contains("::: incident kayes-raid date=2025-07-01 place=kayes\n"))
        #expect(formatted.contains("{injured=3 in=kayes-raid}"))

        // The formatted text gives no more edits.
        s.client.notify("textDocument/didChange", ["textDocument": ["uri": .string(s.uri), "version": 2],
                                                   "contentChanges": [["text": .string(formatted)]]])
        #expect(try s.result("textDocument/formatting", ["textDocument": s.textDocument, "options": ["tabSize": 4, "insertSpaces": true]]) == [])

        // Range formatting of the original touches only its range.
        s.client.notify("textDocument/didChange", ["textDocument": ["uri": .string(s.uri), "version": 3],
                                                   "contentChanges": [["text": .string(Self.a)]]])
        let ranged = try s.result("textDocument/rangeFormatting", ["textDocument": s.textDocument, "range": s.range(7, 24, 7, 30),
                                                                   "options": ["tabSize": 4, "insertSpaces": true]])
        let partly = ReturnedEdits.applyToDocument(ranged.array ?? [], Self.a, encoding: s.encoding, markupOnly: true)
        #expect(partly.contains("{injured=3 in=kayes-raid}"))
        #expect(partly.contains("::: incident kayes-raid   place=kayes"))
    }
}
