import Foundation
import Testing
import TallyAnalysis
@testable import TallyProtocol

/// The Tally language service in process, over pipes: workspace indexing,
/// pushed and pulled diagnostics, settings, watched files, completion, hover.
@Suite struct TallyLanguageServiceTests {
    static let faulty = """
        ::: incident kayes-2025-07-01 date=2025-07-01 type=violence-against-civilians place=kayes by=jnim
        Fighters of [JNIM]{actor=jnim} attacked [Kayes]{place=kayes} on 1 July.
        [Three Indian nationals]{abducted=4 by=jnim} were taken from a cement plant.
        Later reports placed the raid at [Kayse]{place}.
        :::

        """

    /// Incident `shared` with 10 killed; `sharedOther` gives 50 for the same id.
    static func shared(_ killed: Int) -> String {
        """
        ::: incident shared-2025-07-01 date=2025-07-01 type=armed-clash place=kayes killed=\(killed)
        The attack in [Kayes]{place=kayes} left [\(killed) dead]{killed}.
        :::

        """
    }

    // MARK: Helpers

    /// A temporary workspace folder with `files` (relative path → text).
    static func makeFolder(_ files: [String: String]) throws -> String {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("tally-service-\(UUID().uuidString)").resolvingSymlinksInPath().path
        for (name, text) in files {
            let path = folder + "/" + name
            try FileManager.default.createDirectory(atPath: ProjectConfiguration.directoryOf(path), withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    static func start(folder: String?, capabilities: JSONValue = [:], initializationOptions: JSONValue? = nil) throws -> LSPTestClient {
        let client = LSPTestClient { TallyLanguageService.install(on: $0) }
        var params: JSONObject = ["processId": nil, "capabilities": capabilities, "clientInfo": ["name": "service-tests"]]
        if let folder {
            params["workspaceFolders"] = [["uri": .string(FileURI.uri(ofPath: folder)), "name": "w"]]
            params["rootUri"] = .string(FileURI.uri(ofPath: folder))
        }
        if let initializationOptions { params["initializationOptions"] = initializationOptions }
        let response = try client.call("initialize", .object(params))
        guard response["result"] != nil else { throw LSPTestClient.Failure(description: "initialize: \(response)") }
        client.notify("initialized", [:])
        return client
    }

    static func open(_ client: LSPTestClient, _ uri: String, _ text: String, version: Int = 1) {
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "tally",
                                                                "version": .int(Int64(version)), "text": .string(text)]])
    }

    static func replaceAll(_ client: LSPTestClient, _ uri: String, _ text: String, version: Int) {
        client.notify("textDocument/didChange", ["textDocument": ["uri": .string(uri), "version": .int(Int64(version))],
                                                  "contentChanges": [["text": .string(text)]]])
    }

    /// Waits for diagnostics of `uri` that satisfy `accept`; returns the params.
    static func diagnostics(_ client: LSPTestClient, _ uri: String,
                            until accept: (JSONValue) -> Bool = { _ in true }) throws -> JSONValue {
        let message = try client.awaitMessage({ message in
            guard message["method"] == "textDocument/publishDiagnostics", let params = message["params"],
                  params["uri"]?.string == uri else { return false }
            return accept(params)
        })
        return message["params"]!
    }

    static func codes(_ params: JSONValue) -> [String] {
        (params["diagnostics"]?.array ?? []).compactMap { $0["code"]?.string }
    }

    static func has(_ code: String) -> (JSONValue) -> Bool { { codes($0).contains(code) } }
    static func lacks(_ code: String) -> (JSONValue) -> Bool { { !codes($0).contains(code) } }

    // MARK: Push diagnostics

    @Test func editsArePublishedWithTheirVersionRuleCodesAndLinks() throws {
        let client = try Self.start(folder: nil, capabilities: [
            "textDocument": ["publishDiagnostics": ["codeDescriptionSupport": true, "relatedInformation": true]]])
        let uri = "untitled:Report-1"
        Self.open(client, uri, Self.faulty)
        let first = try Self.diagnostics(client, uri)
        #expect(first["version"] == 1)
        #expect(Set(Self.codes(first)) == ["count-text-mismatch", "unknown-place"])
        let mismatch = try #require(first["diagnostics"]?.array?.first { $0["code"] == "count-text-mismatch" })
        #expect(mismatch["source"] == "tally")
        #expect(mismatch["severity"] == 1)
        #expect(mismatch[path: "range", "start", "line"] == 2)
        // A link only where the reference can be found (it is, from a checkout).
        #expect(mismatch[path: "codeDescription", "href"]?.string == ReferenceLink.url(for: "count-text-mismatch"))

        // Fix the misspelt place with an incremental edit: "Kayse" → "Kayes" on line 3.
        let line3 = String(Self.faulty.split(separator: "\n", omittingEmptySubsequences: false)[3])
        let column = line3[..<line3.range(of: "Kayse")!.lowerBound].utf16.count
        client.notify("textDocument/didChange", [
            "textDocument": ["uri": .string(uri), "version": 2],
            "contentChanges": [["range": ["start": ["line": 3, "character": .int(Int64(column))],
                                          "end": ["line": 3, "character": .int(Int64(column + 5))]], "text": "Kayes"]]])
        let second = try Self.diagnostics(client, uri) { $0["version"] == 2 }
        #expect(Self.codes(second) == ["count-text-mismatch"])
    }

    @Test func withoutCodeDescriptionSupportNoLinkIsSent() throws {
        let client = try Self.start(folder: nil)
        Self.open(client, "untitled:a", Self.faulty)
        let params = try Self.diagnostics(client, "untitled:a")
        let first = try #require(params["diagnostics"]?[0])
        #expect(first["codeDescription"] == nil)
        #expect(first["code"] != nil)
    }

    @Test(arguments: ["utf-8", "utf-16", "utf-32"])
    func rangesFollowTheNegotiatedEncodingOnAccentsEmojiAndCRLF(encoding: String) throws {
        let client = try Self.start(folder: nil, capabilities: ["general": ["positionEncodings": [.string(encoding)]]])
        let text = "::: incident k date=2025-07-01 type=armed-clash place=kayes\r\nLes « témoins » 😀 ont vu [Kayse]{place} à l’aube.\r\n:::\r\n"
        let uri = "untitled:crlf"
        Self.open(client, uri, text)
        let params = try Self.diagnostics(client, uri, until: Self.has("unknown-place"))
        let d = try #require(params["diagnostics"]?.array?.first { $0["code"] == "unknown-place" })
        // The expected character, counted independently of the server.
        let analysis = DocumentAnalysis.analyze(uri: uri, text: text, gazetteer: ProjectLoader.embedded)
        let range = try #require(analysis.diagnostics.first { $0.rule == "unknown-place" }?.range)
        let bytes = Array(text.utf8)
        let lineStart = try #require(bytes[..<range.lowerBound].lastIndex(of: 0x0A)).advanced(by: 1)
        let before = String(decoding: bytes[lineStart..<range.lowerBound], as: UTF8.self)
        let expected: Int
        switch encoding {
        case "utf-8": expected = before.utf8.count
        case "utf-16": expected = before.utf16.count
        default: expected = before.unicodeScalars.count
        }
        #expect(d[path: "range", "start", "line"] == 1)
        #expect(d[path: "range", "start", "character"]?.int == expected)
    }

    @Test func indexingReportsProgressAndPublishesWorkspaceFiles() throws {
        let folder = try Self.makeFolder(["a.tally": Self.faulty, "sub/b.tally": Self.shared(10), "notes.txt": "not tally"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let client = try Self.start(folder: folder, capabilities: ["window": ["workDoneProgress": true]])
        let create = try client.nextMessage(method: "window/workDoneProgress/create")
        let token = try #require(create[path: "params", "token"])
        client.reply(to: create, result: nil)
        var kinds: [String] = []
        while kinds.last != "end" {
            let progress = try client.nextMessage(method: "$/progress")
            guard progress[path: "params", "token"] == token else { continue }
            kinds.append(progress[path: "params", "value", "kind"]?.string ?? "?")
        }
        #expect(kinds.first == "begin")
        let params = try Self.diagnostics(client, FileURI.uri(ofPath: folder + "/a.tally"))
        // A file's diagnostics carry no version.
        #expect(params["version"] == nil)
        #expect(Set(Self.codes(params)) == ["count-text-mismatch", "unknown-place"])
    }

    @Test func crossDocumentConflictsAreRepublishedInBothDocuments() throws {
        let folder = try Self.makeFolder(["one.tally": Self.shared(10), "two.tally": Self.shared(50)])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let client = try Self.start(folder: folder, capabilities: [
            "textDocument": ["publishDiagnostics": ["relatedInformation": true]]])
        let one = FileURI.uri(ofPath: folder + "/one.tally"), two = FileURI.uri(ofPath: folder + "/two.tally")
        let conflict = try Self.diagnostics(client, two, until: Self.has("cross-document-conflict"))
        let related = conflict["diagnostics"]?.array?.first { $0["code"] == "cross-document-conflict" }?["relatedInformation"]?[0]
        #expect(related?[path: "location", "uri"]?.string == one)
        #expect(related?[path: "location", "range", "start", "line"] == 0)

        // Editing one document to agree clears the conflict in the other, unopened one.
        Self.open(client, one, Self.shared(10))
        Self.replaceAll(client, one, Self.shared(50), version: 2)
        let cleared = try Self.diagnostics(client, two, until: Self.lacks("cross-document-conflict"))
        #expect(cleared["version"] == nil)
    }

    @Test func closingFallsBackToTheFileOrClearsOutsideTheWorkspace() throws {
        let folder = try Self.makeFolder(["clean.tally": Self.shared(10)])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let client = try Self.start(folder: folder)
        let inside = FileURI.uri(ofPath: folder + "/clean.tally")
        Self.open(client, inside, Self.faulty)
        _ = try Self.diagnostics(client, inside, until: Self.has("unknown-place"))
        client.notify("textDocument/didClose", ["textDocument": ["uri": .string(inside)]])
        // Back to the file's text, which is clean.
        let back = try Self.diagnostics(client, inside) { $0["version"] == nil }
        #expect(Self.codes(back).isEmpty)

        let outside = "file:///nowhere/outside.tally"
        Self.open(client, outside, Self.faulty)
        _ = try Self.diagnostics(client, outside, until: Self.has("unknown-place"))
        client.notify("textDocument/didClose", ["textDocument": ["uri": .string(outside)]])
        let cleared = try Self.diagnostics(client, outside)
        #expect(Self.codes(cleared).isEmpty)
    }

    @Test func aFolderWithItsOwnConfigurationUsesIt() throws {
        let folder = try Self.makeFolder([
            "root.tally": Self.faulty,
            "quiet/tally.json": #"{"rules": {"unknown-place": "off"}}"#,
            "quiet/inner.tally": Self.faulty,
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let client = try Self.start(folder: folder)
        let inner = FileURI.uri(ofPath: folder + "/quiet/inner.tally"), root = FileURI.uri(ofPath: folder + "/root.tally")
        Self.open(client, inner, Self.faulty)
        Self.open(client, root, Self.faulty)
        let innerParams = try Self.diagnostics(client, inner) { $0["version"] == 1 }
        let rootParams = try Self.diagnostics(client, root) { $0["version"] == 1 }
        #expect(Self.codes(innerParams) == ["count-text-mismatch"])
        #expect(Set(Self.codes(rootParams)) == ["count-text-mismatch", "unknown-place"])
    }

    // MARK: Pull diagnostics

    @Test func pullClientsGetReportsWithResultIdsAndNoPushes() throws {
        let folder = try Self.makeFolder(["w.tally": Self.faulty])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let client = try Self.start(folder: folder, capabilities: ["textDocument": ["diagnostic": ["dynamicRegistration": false]]])
        let uri = FileURI.uri(ofPath: folder + "/w.tally")
        Self.open(client, uri, Self.faulty)
        let full = try #require(try client.call("textDocument/diagnostic", ["textDocument": ["uri": .string(uri)]])["result"])
        #expect(full["kind"] == "full")
        #expect(Set((full["items"]?.array ?? []).compactMap { $0["code"]?.string }) == ["count-text-mismatch", "unknown-place"])
        let resultId = try #require(full["resultId"]?.string)

        let same = try client.call("textDocument/diagnostic", ["textDocument": ["uri": .string(uri)], "previousResultId": .string(resultId)])
        #expect(same[path: "result", "kind"] == "unchanged")
        #expect(same[path: "result", "resultId"]?.string == resultId)

        Self.replaceAll(client, uri, Self.shared(10), version: 2)
        let changed = try client.call("textDocument/diagnostic", ["textDocument": ["uri": .string(uri)], "previousResultId": .string(resultId)])
        #expect(changed[path: "result", "kind"] == "full")
        #expect(changed[path: "result", "items"] == [])
        #expect(changed[path: "result", "resultId"]?.string != resultId)

        let workspace = try client.call("workspace/diagnostic", ["previousResultIds": []])
        let items = workspace[path: "result", "items"]?.array ?? []
        #expect(items.count == 1)
        #expect(items.first?["uri"]?.string == uri)
        #expect(items.first?["version"] == 2)
        #expect(!client.skipped.contains { $0["method"] == "textDocument/publishDiagnostics" })
    }

    // MARK: Settings

    @Test func initializationOptionsTurnRulesOff() throws {
        let client = try Self.start(folder: nil, initializationOptions: ["rules": ["count-text-mismatch": "off"]])
        Self.open(client, "untitled:x", Self.faulty)
        #expect(Self.codes(try Self.diagnostics(client, "untitled:x")) == ["unknown-place"])
    }

    @Test func configurationChangesArePulledFromClientsThatSupportIt() throws {
        let client = try Self.start(folder: nil, capabilities: ["workspace": ["configuration": true]])
        let first = try client.awaitMessage({ $0["method"] == "workspace/configuration" })
        #expect(first[path: "params", "items", "0"] == nil)  // an array, not an object
        #expect(first[path: "params", "items"]?[0]?["section"] == "tally")
        client.reply(to: first, result: [nil])
        Self.open(client, "untitled:y", Self.faulty)
        _ = try Self.diagnostics(client, "untitled:y", until: Self.has("unknown-place"))
        client.notify("workspace/didChangeConfiguration", ["settings": nil])
        let request = try client.awaitMessage({ $0["method"] == "workspace/configuration" })
        client.reply(to: request, result: [["rules": ["unknown-place": "off"]]])
        let after = try Self.diagnostics(client, "untitled:y", until: Self.lacks("unknown-place"))
        #expect(Self.codes(after) == ["count-text-mismatch"])
    }

    @Test func configurationChangesCarryTheSettingsOtherwise() throws {
        let client = try Self.start(folder: nil)
        Self.open(client, "untitled:z", Self.faulty)
        _ = try Self.diagnostics(client, "untitled:z", until: Self.has("unknown-place"))
        client.notify("workspace/didChangeConfiguration", ["settings": ["tally": ["rules": ["unknown-place": "hint"]]]])
        let after = try Self.diagnostics(client, "untitled:z") { params in
            params["diagnostics"]?.array?.first { $0["code"] == "unknown-place" }?["severity"] == 4
        }
        #expect(Self.codes(after).count == 2)
    }

    @Test func watchedGazetteerChangesAreReloaded() throws {
        let header = "id\tname\tkind\tcategory\tcountry\tlatitude\tlongitude\n"
        let folder = try Self.makeFolder([
            "tally.json": #"{"gazetteers": ["extra.tsv"]}"#,
            "extra.tsv": header,
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let client = try Self.start(folder: folder, capabilities: [
            "workspace": ["didChangeWatchedFiles": ["dynamicRegistration": true]]])
        let uri = FileURI.uri(ofPath: folder + "/report.tally")
        let text = "::: incident v date=2025-07-01 type=armed-clash\nThey reached [Zorbatown]{place=zorbatown}.\n:::\n"
        Self.open(client, uri, text)
        _ = try Self.diagnostics(client, uri, until: Self.has("unknown-place"))

        // The server watches configurations, documents and the gazetteer in use.
        var patterns: [String] = []
        while !patterns.contains(folder + "/extra.tsv") {
            let registration = try client.awaitMessage({ $0["method"] == "client/registerCapability" })
            client.reply(to: registration, result: nil)
            let watchers = registration[path: "params", "registrations"]?[0]?[path: "registerOptions", "watchers"]?.array ?? []
            patterns = watchers.compactMap { $0["globPattern"]?.string }
        }
        #expect(patterns.contains("**/tally.json"))
        #expect(patterns.contains("**/*.tally"))

        try (header + "zorbatown\tZorbatown\tplace\ttown\tML\t14.0\t-10.0\n").write(toFile: folder + "/extra.tsv", atomically: true, encoding: .utf8)
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(FileURI.uri(ofPath: folder + "/extra.tsv")), "type": 2]]])
        let after = try Self.diagnostics(client, uri, until: Self.lacks("unknown-place"))
        #expect(after["version"] == 1)
    }

    // MARK: Completion and hover

    @Test func completionProposesGazetteerEntriesWithTextEdits() throws {
        let client = try Self.start(folder: nil)
        let uri = "untitled:c"
        let text = "::: incident s date=2025-07-02 place=Seg\n:::\n"
        Self.open(client, uri, text)
        let response = try client.call("textDocument/completion", [
            "textDocument": ["uri": .string(uri)], "position": ["line": 0, "character": 40]])
        let items = response[path: "result", "items"]?.array ?? []
        let segou = try #require(items.first { $0["label"] == "Ségou" })
        #expect(segou[path: "textEdit", "range", "start", "character"] == 37)
        #expect(segou[path: "textEdit", "range", "end", "character"] == 40)
        #expect(segou[path: "textEdit", "newText"]?.string?.hasPrefix("segou") == true)
        #expect(segou["kind"] == 9)
        #expect(segou["insertTextFormat"] == 1)
        #expect(response[path: "result", "isIncomplete"]?.bool != nil)
    }

    @Test func snippetsOnlyForClientsThatTakeThem() throws {
        for snippets in [false, true] {
            let client = try Self.start(folder: nil, capabilities: [
                "textDocument": ["completion": ["completionItem": ["snippetSupport": .bool(snippets)]]]])
            let uri = "untitled:s"
            Self.open(client, uri, "The raid on [Kay\n")
            let response = try client.call("textDocument/completion", [
                "textDocument": ["uri": .string(uri)], "position": ["line": 0, "character": 16]])
            let items = response[path: "result", "items"]?.array ?? []
            #expect(!items.isEmpty)
            let formats = Set(items.compactMap { $0["insertTextFormat"]?.int })
            #expect(snippets ? formats.contains(2) : formats == [1])
        }
    }

    @Test func hoverIsMarkdownUnlessTheClientTakesOnlyPlainText() throws {
        for formats: JSONValue in [["markdown", "plaintext"], ["plaintext"]] {
            let client = try Self.start(folder: nil, capabilities: ["textDocument": ["hover": ["contentFormat": formats]]])
            let uri = "untitled:h"
            Self.open(client, uri, Self.faulty)
            let response = try client.call("textDocument/hover", [
                "textDocument": ["uri": .string(uri)], "position": ["line": 1, "character": 42]])
            let contents = response[path: "result", "contents"]
            #expect(contents?["kind"]?.string == formats[0]?.string)
            #expect(contents?["value"]?.string?.contains("Kayes") == true)
            #expect(response[path: "result", "range", "start", "line"] == 1)
        }
    }

    @Test func completionAndHoverCapabilitiesAreAdvertised() throws {
        let client = LSPTestClient { TallyLanguageService.install(on: $0) }
        let result = try client.initialize()
        let capabilities = result["capabilities"]
        #expect(capabilities?[path: "completionProvider", "triggerCharacters"] == ["{", "=", ",", "["])
        #expect(capabilities?["hoverProvider"] == true)
        #expect(capabilities?["diagnosticProvider"] == nil)
    }
}
