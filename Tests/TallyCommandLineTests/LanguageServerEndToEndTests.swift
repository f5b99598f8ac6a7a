import Foundation
import Testing
import TallyProtocol

/// `tally lsp` as a subprocess, driven over pipes through whole sessions:
/// every position encoding, edits, diagnostics, completion, hover,
/// configuration, watched files, pull diagnostics, cancellation, bad input
/// and the exit codes.
@Suite struct LanguageServerEndToEndTests {
    static let header = "id\tname\tkind\tcategory\tcountry\tlatitude\tlongitude\n"

    /// Line 1 has accents, curly quotes and an emoji before a misspelt
    /// place; line 2 a count that disagrees with its text. CRLF line ends.
    static let document = [
        "::: incident kayes-2025-07-01 date=2025-07-01 type=violence-against-civilians place=kayes by=jnim",
        "Les « témoins » 😀 ont vu [Kayse]{place} à l’aube, près de [Kayes]{place=kayes}.",
        "[Three Indian nationals]{abducted=4 by=jnim} were taken near [Zorbatown]{place=zorbatown}.",
        ":::",
        "",
    ].joined(separator: "\r\n")

    static func makeWorkspace() throws -> String {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("tally-e2e-\(UUID().uuidString)").resolvingSymlinksInPath().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try #"{"gazetteers": ["extra.tsv"]}"#.write(toFile: folder + "/tally.json", atomically: true, encoding: .utf8)
        try header.write(toFile: folder + "/extra.tsv", atomically: true, encoding: .utf8)
        return folder
    }

    /// Characters before `needle` in `line`, in `encoding`.
    static func column(of needle: String, in line: String, encoding: String) -> Int {
        let prefix = line[..<line.range(of: needle)!.lowerBound]
        switch encoding {
        case "utf-8": return prefix.utf8.count
        case "utf-16": return prefix.utf16.count
        default: return prefix.unicodeScalars.count
        }
    }

    static func codes(_ params: JSONValue) -> [String] {
        (params["diagnostics"]?.array ?? []).compactMap { $0["code"]?.string }
    }

    static func position(_ line: Int, _ character: Int) -> JSONValue {
        ["line": .int(Int64(line)), "character": .int(Int64(character))]
    }

    @Test(arguments: ["utf-8", "utf-16", "utf-32"])
    func wholeSession(encoding: String) throws {
        let folder = try Self.makeWorkspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let client = try LSPProcessClient(arguments: ["lsp", "--stdio", "--log-level", "debug"])
        let root = FileURI.uri(ofPath: folder)
        let initialize = try client.call("initialize", [
            "processId": .int(Int64(getpid())), "rootUri": .string(root),
            "workspaceFolders": [["uri": .string(root), "name": "e2e"]],
            "capabilities": [
                "general": ["positionEncodings": [.string(encoding)]],
                "window": ["workDoneProgress": true],
                "workspace": ["configuration": true, "didChangeWatchedFiles": ["dynamicRegistration": true]],
                "textDocument": ["publishDiagnostics": ["relatedInformation": true, "codeDescriptionSupport": true],
                                 "hover": ["contentFormat": ["markdown", "plaintext"]],
                                 "completion": ["completionItem": ["snippetSupport": true]]],
            ],
        ])
        #expect(initialize[path: "result", "capabilities", "positionEncoding"]?.string == encoding)
        #expect(initialize[path: "result", "capabilities", "hoverProvider"] == true)
        client.notify("initialized", [:])

        // Indexing an empty folder still begins and ends a progress.
        let end = try client.awaitMessage { $0["method"] == "$/progress" && $0[path: "params", "value", "kind"] == "end" }
        #expect(end[path: "params", "token"] != nil)

        let uri = FileURI.uri(ofPath: folder + "/réunion.tally")
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "tally", "version": 1,
                                                                 "text": .string(Self.document)]])
        let lines = Self.document.components(separatedBy: "\r\n")
        let first = try client.diagnostics(uri) { $0["version"] == 1 }
        #expect(Set(Self.codes(first)) == ["unknown-place", "count-text-mismatch"])
        let kayse = try #require(first["diagnostics"]?.array?.first {
            $0["code"] == "unknown-place" && $0[path: "range", "start", "line"] == 1 })
        #expect(kayse[path: "range", "start", "character"]?.int == Self.column(of: "Kayse", in: lines[1], encoding: encoding))
        #expect(kayse[path: "codeDescription", "href"]?.string?.hasSuffix("#unknown-place") == true)

        // An incremental edit before the fault, inserting an emoji: the range moves by its width.
        let emoji = Self.column(of: "😀", in: lines[1], encoding: encoding)
        client.notify("textDocument/didChange", [
            "textDocument": ["uri": .string(uri), "version": 2],
            "contentChanges": [["range": ["start": Self.position(1, emoji), "end": Self.position(1, emoji)], "text": "🎉"]]])
        let second = try client.diagnostics(uri) { $0["version"] == 2 }
        let moved = try #require(second["diagnostics"]?.array?.first {
            $0["code"] == "unknown-place" && $0[path: "range", "start", "line"] == 1 })
        let width = encoding == "utf-8" ? 4 : encoding == "utf-16" ? 2 : 1
        #expect(moved[path: "range", "start", "character"]?.int == Self.column(of: "Kayse", in: lines[1], encoding: encoding) + width)

        // Completion after "place=Seg" on a new line, and hovers at several positions.
        let kayesColumn = Self.column(of: "Kayes]", in: lines[1], encoding: encoding) + width
        client.notify("textDocument/didChange", [
            "textDocument": ["uri": .string(uri), "version": 3],
            "contentChanges": [["range": ["start": Self.position(3, 0), "end": Self.position(3, 0)],
                                "text": "[Later]{place=Seg}\r\n"]]])
        let completion = try client.call("textDocument/completion", [
            "textDocument": ["uri": .string(uri)], "position": Self.position(3, 17),
            "context": ["triggerKind": 1]])
        let items = completion[path: "result", "items"]?.array ?? []
        let segou = try #require(items.first { $0["label"] == "Ségou" }, "\(items.prefix(5))")
        #expect(segou[path: "textEdit", "range", "start"] == Self.position(3, 14))
        #expect(segou[path: "textEdit", "range", "end"] == Self.position(3, 17))

        let hoverKayes = try client.call("textDocument/hover", ["textDocument": ["uri": .string(uri)], "position": Self.position(1, kayesColumn + 1)])
        #expect(hoverKayes[path: "result", "contents", "kind"] == "markdown")
        #expect(hoverKayes[path: "result", "contents", "value"]?.string?.contains("Kayes") == true)
        let hoverIncident = try client.call("textDocument/hover", ["textDocument": ["uri": .string(uri)], "position": Self.position(0, 16)])
        #expect(hoverIncident[path: "result", "contents", "value"]?.string?.contains("kayes-2025-07-01") == true)
        let hoverFigure = try client.call("textDocument/hover", ["textDocument": ["uri": .string(uri)], "position": Self.position(2, 3)])
        #expect(hoverFigure["error"] == nil)
        #expect(hoverFigure[path: "result", "contents", "value"]?.string?.isEmpty == false)

        // Configuration change: the client now turns count-text-mismatch off.
        client.setConfiguration(["rules": ["count-text-mismatch": "off"]])
        client.notify("workspace/didChangeConfiguration", ["settings": nil])
        let quiet = try client.diagnostics(uri) { !Self.codes($0).contains("count-text-mismatch") }
        #expect(Self.codes(quiet).contains("unknown-place"))

        // The project gazetteer gains Zorbatown; the watched-file change makes it known.
        let zorbatown = { (params: JSONValue) in
            (params["diagnostics"]?.array ?? []).contains { $0["code"] == "unknown-place" && $0[path: "range", "start", "line"] == 2 }
        }
        #expect(zorbatown(quiet))
        let registration = try #require(client.serverRequests.first { $0["method"] == "client/registerCapability" })
        let watchers = registration[path: "params", "registrations"]?[0]?[path: "registerOptions", "watchers"]?.array ?? []
        #expect(watchers.contains { $0["globPattern"]?.string == folder + "/extra.tsv" })
        try (Self.header + "zorbatown\tZorbatown\tplace\ttown\tML\t14.0\t-10.0\n")
            .write(toFile: folder + "/extra.tsv", atomically: true, encoding: .utf8)
        client.notify("workspace/didChangeWatchedFiles", ["changes": [["uri": .string(FileURI.uri(ofPath: folder + "/extra.tsv")), "type": 2]]])
        let known = try client.diagnostics(uri) { !zorbatown($0) }
        #expect(known["version"] == 3)

        #expect(try client.call("shutdown")["result"] == .null)
        client.notify("exit")
        #expect(client.waitForExit() == 0)
    }

    @Test func pullDiagnosticsAndCancellation() throws {
        let folder = try Self.makeWorkspace()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let client = try LSPProcessClient()
        _ = try client.call("initialize", [
            "processId": nil, "rootUri": .string(FileURI.uri(ofPath: folder)),
            "capabilities": ["textDocument": ["diagnostic": ["dynamicRegistration": false]]]])
        client.notify("initialized", [:])
        let uri = FileURI.uri(ofPath: folder + "/pull.tally")
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "tally", "version": 1,
                                                                 "text": .string(Self.document)]])
        let full = try client.call("textDocument/diagnostic", ["textDocument": ["uri": .string(uri)]])
        #expect(full[path: "result", "kind"] == "full")
        let resultId = try #require(full[path: "result", "resultId"]?.string)
        #expect((full[path: "result", "items"]?.array ?? []).contains { $0["code"] == "count-text-mismatch" })
        let unchanged = try client.call("textDocument/diagnostic", ["textDocument": ["uri": .string(uri)], "previousResultId": .string(resultId)])
        #expect(unchanged[path: "result", "kind"] == "unchanged")
        let workspace = try client.call("workspace/diagnostic", ["previousResultIds": [["uri": .string(uri), "value": .string(resultId)]]])
        #expect(workspace[path: "result", "items"]?[0]?["kind"] == "unchanged")

        // A pull request waits for the analysis of a large document; cancelled meanwhile, it says so.
        let big = String(repeating: Self.document, count: 800)
        client.notify("textDocument/didOpen", ["textDocument": ["uri": "untitled:big", "languageId": "tally", "version": 1,
                                                                 "text": .string(big)]])
        let id = client.request("textDocument/diagnostic", ["textDocument": ["uri": "untitled:big"]])
        client.notify("$/cancelRequest", ["id": .int(id)])
        let cancelled = try client.response(to: id)
        #expect(cancelled[path: "error", "code"] == -32800)
        // The server goes on serving.
        #expect(try client.call("textDocument/diagnostic", ["textDocument": ["uri": .string(uri)]])[path: "result", "kind"] == "full")
        #expect(!client.skipped.contains { $0["method"] == "textDocument/publishDiagnostics" })
        #expect(try client.call("shutdown")["error"] == nil)
        client.notify("exit")
        #expect(client.waitForExit() == 0)
    }

    @Test func badInputsAreAnsweredAndTheServerGoesOn() throws {
        let client = try LSPProcessClient()
        // Before initialize.
        #expect(try client.call("textDocument/hover", [:])[path: "error", "code"] == -32002)
        _ = try client.call("initialize", ["processId": nil, "rootUri": nil, "capabilities": [:]])
        client.notify("initialized", [:])
        // Unparseable JSON: a ParseError with a null id, then a valid request is still answered.
        let garbage = Array("{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": ".utf8)
        client.sendRaw(Array("Content-Length: \(garbage.count)\r\n\r\n".utf8) + garbage)
        let parseError = try client.awaitMessage { $0["error"] != nil && $0["id"] == .null }
        #expect(parseError[path: "error", "code"] == -32700)
        #expect(try client.call("workspace/diagnostic", ["previousResultIds": []])["result"] != nil)
        // Unknown methods; unknown $/ notifications are ignored.
        #expect(try client.call("tally/unknownThing", [:])[path: "error", "code"] == -32601)
        client.notify("$/somethingNew", [:])
        // Bad params.
        #expect(try client.call("textDocument/hover", ["textDocument": ["uri": "untitled:none"], "position": Self.position(0, 0)])[path: "error", "code"] == -32602)
        client.notify("textDocument/didOpen", ["textDocument": ["uri": "untitled:p", "languageId": "tally", "version": 1, "text": "x"]])
        #expect(try client.call("textDocument/completion", ["textDocument": ["uri": "untitled:p"]])[path: "error", "code"] == -32602)
        #expect(try client.call("textDocument/hover", ["textDocument": ["uri": "untitled:p"], "position": ["line": -1, "character": "a"]])[path: "error", "code"] == -32602)
        // Still serving, then a clean exit; eglot sends "params": null with shutdown.
        #expect(try client.call("textDocument/hover", ["textDocument": ["uri": "untitled:p"], "position": Self.position(0, 0)])["error"] == nil)
        #expect(try client.call("shutdown", .null)["result"] == .null)
        #expect(try client.call("textDocument/hover", [:])[path: "error", "code"] == -32600)
        client.notify("exit")
        #expect(client.waitForExit() == 0)
    }

    @Test func exitWithoutShutdownIsOne() throws {
        let client = try LSPProcessClient()
        _ = try client.call("initialize", ["processId": nil, "rootUri": nil, "capabilities": [:]])
        client.notify("exit")
        #expect(client.waitForExit() == 1)
    }

    @Test func endOfInputWithoutShutdownIsOne() throws {
        let client = try LSPProcessClient()
        _ = try client.call("initialize", ["processId": nil, "rootUri": nil, "capabilities": [:]])
        #expect(client.closeAndWait() == 1)
    }
}
