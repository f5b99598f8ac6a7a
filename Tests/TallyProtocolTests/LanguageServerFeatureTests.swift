import Foundation
import Testing
@testable import TallyProtocol

/// Thread-safe list for collecting what handlers and hooks saw.
final class Recorder<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [T] = []
    func append(_ item: T) { lock.lock(); items.append(item); lock.unlock() }
    var all: [T] { lock.lock(); defer { lock.unlock() }; return items }
}

/// The plug-in points features will use: handlers, documents, the
/// post-change hook, cancellation, and server-to-client requests.
@Suite struct LanguageServerFeatureTests {
    private func code(_ response: JSONValue) -> Int? { response["error"]?["code"]?.int }

    /// Registers `test/doc`, answering the stored text and version of a URI.
    private static func registerDocumentProbe(_ server: LanguageServer) {
        server.onRequest("test/doc") { params, context in
            guard let uri = params?["uri"]?.string else { throw ResponseError.invalidParams("uri") }
            guard let d = context.documents[uri] else { return nil }
            return ["text": .string(d.text), "version": .int(Int64(d.version))]
        }
    }

    private func change(_ uri: String, _ version: Int, _ l1: Int, _ c1: Int, _ l2: Int, _ c2: Int, _ text: String) -> JSONValue {
        ["textDocument": ["uri": .string(uri), "version": .int(Int64(version))],
         "contentChanges": [["range": ["start": ["line": .int(Int64(l1)), "character": .int(Int64(c1))],
                                       "end": ["line": .int(Int64(l2)), "character": .int(Int64(c2))]],
                             "text": .string(text)]]]
    }

    @Test(arguments: [("utf-16", 7, 9, 13), ("utf-8", 10, 12, 20), ("utf-32", 7, 9, 12)])
    func documentsFollowOpenChangeCloseInTheNegotiatedEncoding(encoding: String, from: Int, to: Int, afterEmoji: Int) throws {
        let changes = Recorder<String>()
        let client = LSPTestClient { server in
            Self.registerDocumentProbe(server)
            server.onDocumentChange { change, context in
                let version = change.document.map { String($0.version) } ?? "-"
                // The context already sees the new state.
                let stored = context.documents[change.uri].map { String($0.version) } ?? "-"
                changes.append("\(change.kind) \(version) \(stored)")
            }
        }
        let result = try client.initialize(capabilities: ["general": ["positionEncodings": [.string(encoding)]]])
        #expect(result[path: "capabilities", "positionEncoding"]?.string == encoding)
        let uri = "file:///w/s%C3%A9gou.tally"
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "tally", "version": 1,
                                                                 "text": "Ségou “27” 😀\r\nline two"]])
        client.notify("textDocument/didChange", change(uri, 2, 0, from, 0, to, "30"))
        client.notify("textDocument/didChange", change(uri, 3, 0, afterEmoji, 0, afterEmoji, "!"))
        client.notify("textDocument/didChange", change(uri, 4, 1, 4, 1, 99, ""))
        // Past the end: clamped to the end of the document.
        client.notify("textDocument/didChange", change(uri, 5, 7, 0, 9, 0, "\r\nend"))
        // Edits to a document never opened are refused; the server goes on.
        client.notify("textDocument/didChange", change("file:///w/never.tally", 1, 0, 0, 0, 0, "x"))
        let doc = try client.call("test/doc", ["uri": .string(uri)])["result"]
        #expect(doc?["text"]?.string == "Ségou “30” 😀!\r\nline\r\nend")
        #expect(doc?["version"] == 5)
        client.notify("textDocument/didClose", ["textDocument": ["uri": .string(uri)]])
        #expect(try client.call("test/doc", ["uri": .string(uri)])["result"] == .null)
        #expect(changes.all == ["opened 1 1", "changed 2 2", "changed 3 3", "changed 4 4", "changed 5 5", "closed - -"])
    }

    @Test func fullChangesReplaceTheText() throws {
        let client = LSPTestClient { server in Self.registerDocumentProbe(server) }
        try client.initialize()
        client.notify("textDocument/didOpen", ["textDocument": ["uri": "u", "languageId": "tally", "version": 1, "text": "a"]])
        client.notify("textDocument/didChange", ["textDocument": ["uri": "u", "version": 2], "contentChanges": [["text": "b\nc"]]])
        #expect(try client.call("test/doc", ["uri": "u"])["result"]?["text"] == "b\nc")
    }

    @Test func cancellingARunningRequest() throws {
        let client = LSPTestClient { server in
            server.onRequest("test/wait", execution: .concurrent) { _, context in
                let limit = Date().addingTimeInterval(LSPTestClient.safetyLimit)
                while !context.isCancelled && Date() < limit { usleep(1_000) }
                try context.checkCancellation()
                return "finished without cancellation"
            }
            server.onRequest("test/echo") { params, _ in params ?? nil }
        }
        try client.initialize()
        let id = client.request("test/wait")
        // A concurrent handler does not hold up other requests.
        #expect(try client.call("test/echo", ["x"])["result"] == ["x"])
        client.notify("$/cancelRequest", ["id": id.json])
        #expect(code(try client.response(to: id)) == -32800)
    }

    @Test func cancellingAQueuedRequest() throws {
        let gate = DispatchSemaphore(value: 0)
        let client = LSPTestClient { server in
            server.onRequest("test/block") { _, _ in
                _ = gate.wait(timeout: .now() + LSPTestClient.safetyLimit)
                return "unblocked"
            }
            server.onRequest("test/echo") { params, _ in params ?? nil }
        }
        try client.initialize()
        let blocker = client.request("test/block")
        let queued = client.request("test/echo", ["never"])
        client.notify("$/cancelRequest", ["id": queued.json])
        // Reusing a pending id is refused at once by the reader, which
        // proves the cancellation before it has been read too.
        client.send(JSONRPCMessage.request(id: blocker, method: "test/echo", params: nil).json)
        let duplicate = try client.nextMessage(matching: { $0["id"] != nil })
        #expect(duplicate["id"] == blocker.json)
        #expect(code(duplicate) == -32600)
        gate.signal()
        #expect(try client.response(to: blocker)["result"] == "unblocked")
        #expect(code(try client.response(to: queued)) == -32800)
    }

    @Test func serverToClientRequestsAreMatchedById() throws {
        let client = LSPTestClient { server in
            server.onDeferredRequest("test/config") { _, context, responder in
                let sent = context.client.requestConfiguration(items: [["section": "tally"]]) { result in
                    switch result {
                    case .success(let value): responder.succeed(["config": value])
                    case .failure(let error): responder.fail(ResponseError(.requestFailed, "client said: \(error.message)"))
                    }
                }
                if !sent { responder.succeed("unsupported") }
            }
        }
        try client.initialize(capabilities: ["workspace": ["configuration": true]])
        let first = client.request("test/config")
        let second = client.request("test/config")
        let askFirst = try client.nextMessage(method: "workspace/configuration")
        let askSecond = try client.nextMessage(method: "workspace/configuration")
        #expect(askFirst[path: "params", "items"] == [["section": "tally"]])
        #expect(askFirst["id"] != askSecond["id"])
        // Reply out of order; each answer reaches its own request.
        client.send(["jsonrpc": "2.0", "id": askSecond["id"] ?? nil, "error": ["code": -32603, "message": "nope"]])
        client.reply(to: askFirst, result: [["strict": true]])
        #expect(try client.response(to: first)["result"] == ["config": [["strict": true]]])
        let failed = try client.response(to: second)
        #expect(code(failed) == -32803)
        #expect(failed[path: "error", "message"] == "client said: nope")
        // A reply nobody asked for is ignored.
        client.send(["jsonrpc": "2.0", "id": 424242, "result": nil])
        let third = client.request("test/config")
        client.reply(to: try client.nextMessage(method: "workspace/configuration"), result: [3])
        #expect(try client.response(to: third)["result"] == ["config": [3]])
    }

    @Test func clientRequestsAreOnlySentWhenSupported() throws {
        let client = LSPTestClient { server in
            server.onRequest("test/try") { _, context in
                let config = context.client.requestConfiguration(items: []) { _ in }
                let progress = context.client.createWorkDoneProgress(token: "t") { _ in }
                let register = context.client.registerCapability(id: "w", method: "workspace/didChangeWatchedFiles") { _ in }
                return [.bool(config), .bool(progress), .bool(register)]
            }
        }
        try client.initialize(capabilities: ["window": ["workDoneProgress": false]])
        let response = try client.call("test/try")
        #expect(response["result"] == [false, false, false])
        #expect(client.skipped.allSatisfy { $0["method"]?.string == "window/logMessage" })
    }

    @Test func initializedHookRegistersCapabilitiesDynamically() throws {
        let replies = Recorder<String>()
        let client = LSPTestClient { server in
            server.onInitialized { context in
                context.client.registerCapability(
                    id: "watch", method: "workspace/didChangeWatchedFiles",
                    registerOptions: ["watchers": [["globPattern": "**/tally.json"]]]) { result in
                    replies.append((try? result.get()).map { "ok \($0)" } ?? "failed")
                }
                context.client.createWorkDoneProgress(token: "index") { _ in
                    context.client.sendProgress(token: "index", value: ["kind": "begin", "title": "Indexing"])
                }
            }
            server.onRequest("test/replies") { _, _ in .array(replies.all.map { .string($0) }) }
        }
        try client.initialize(capabilities: [
            "workspace": ["didChangeWatchedFiles": ["dynamicRegistration": true]],
            "window": ["workDoneProgress": true],
        ])
        let register = try client.nextMessage(method: "client/registerCapability")
        #expect(register[path: "params", "registrations"]?[0]?["method"] == "workspace/didChangeWatchedFiles")
        #expect(register[path: "params", "registrations"]?[0]?[path: "registerOptions", "watchers"]?[0]?["globPattern"] == "**/tally.json")
        client.reply(to: register, result: nil)
        let create = try client.nextMessage(method: "window/workDoneProgress/create")
        client.reply(to: create, result: nil)
        let progress = try client.nextMessage(method: "$/progress")
        #expect(progress[path: "params", "value", "kind"] == "begin")
        #expect(try client.call("test/replies")["result"] == ["ok null"])
    }

    @Test func debouncedWorkComesBackThroughPerform() throws {
        let debouncer = Debouncer<String>(delay: 0.02)
        let client = LSPTestClient { server in
            server.onDocumentChange { change, context in
                guard change.kind != .closed else { return }
                let server = context.server
                debouncer.schedule(change.uri) {
                    server.perform { context in
                        guard let d = context.documents[change.uri] else { return }
                        context.client.sendNotification("textDocument/publishDiagnostics", [
                            "uri": .string(d.uri), "version": .int(Int64(d.version)), "diagnostics": [],
                        ])
                    }
                }
            }
        }
        try client.initialize()
        client.notify("textDocument/didOpen", ["textDocument": ["uri": "u", "languageId": "tally", "version": 1, "text": ""]])
        for v in 2...6 {
            client.notify("textDocument/didChange", ["textDocument": ["uri": "u", "version": .int(Int64(v))],
                                                     "contentChanges": [["text": .string("v\(v)")]]])
        }
        // Whatever intermediate versions were published, the last one is.
        var version = 0
        while version != 6 {
            let publish = try client.nextMessage(method: "textDocument/publishDiagnostics")
            version = publish[path: "params", "version"]?.int ?? -1
            #expect(version >= 1 && version <= 6)
        }
    }

    @Test func logMessagesRespectTheLevel() throws {
        let quiet = LSPTestClient(options: LanguageServer.Options(logLevel: .error, logFileDescriptor: nil)) { server in
            server.onRequest("test/log") { _, context in
                context.logger.info("an info line")
                context.logger.error("an error line")
                return nil
            }
        }
        try quiet.initialize()
        _ = try quiet.call("test/log")
        let logs = quiet.skipped.filter { $0["method"] == "window/logMessage" }
        #expect(logs.map { $0[path: "params", "message"] } == ["an error line"])
        #expect(logs.first?[path: "params", "type"] == 1)
    }
}

@Suite struct ServerPiecesTests {
    @Test func capabilitiesMergeByPath() {
        var o = JSONObject()
        ServerCapability("workspace", "workspaceFolders", value: ["supported": true]).merge(into: &o)
        ServerCapability("workspace", value: ["fileOperations": ["didRename": true]]).merge(into: &o)
        ServerCapability("hoverProvider", value: true).merge(into: &o)
        ServerCapability("hoverProvider", value: ["workDoneProgress": false]).merge(into: &o)
        #expect(JSONValue.object(o) == [
            "workspace": ["workspaceFolders": ["supported": true], "fileOperations": ["didRename": true]],
            "hoverProvider": ["workDoneProgress": false],
        ])
    }

    @Test func sessionCapabilityQueries() {
        let session = ClientSession(capabilities: [
            "textDocument": ["completion": ["dynamicRegistration": true, "completionItem": ["snippetSupport": true]]],
            "workspace": ["configuration": true, "didChangeWatchedFiles": ["dynamicRegistration": false]],
        ])
        #expect(session.supports("workspace", "configuration"))
        #expect(session.supports("textDocument", "completion", "completionItem", "snippetSupport"))
        #expect(!session.supports("window", "workDoneProgress"))
        #expect(session.supportsDynamicRegistration(of: "textDocument/completion"))
        #expect(!session.supportsDynamicRegistration(of: "workspace/didChangeWatchedFiles"))
        #expect(!session.supportsDynamicRegistration(of: "shutdown"))
    }

    @Test func debouncerKeepsOnlyTheLatestWork() {
        let debouncer = Debouncer<String>(delay: 60)
        let ran = Recorder<String>()
        let done = DispatchSemaphore(value: 0)
        debouncer.schedule("a") { ran.append("first") }
        debouncer.schedule("a", after: 0) { ran.append("second"); done.signal() }
        debouncer.schedule("b", after: 0) { ran.append("other key"); done.signal() }
        #expect(done.wait(timeout: .now() + LSPTestClient.safetyLimit) == .success)
        #expect(done.wait(timeout: .now() + LSPTestClient.safetyLimit) == .success)
        #expect(Set(ran.all) == ["second", "other key"])
        #expect(!debouncer.isPending("a"))
        debouncer.schedule("c") { ran.append("cancelled") }
        #expect(debouncer.isPending("c"))
        debouncer.cancel("c")
        #expect(!debouncer.isPending("c"))
    }

    @Test func commandLineArguments() throws {
        func parse(_ args: [String]) -> Result<LanguageServer.Options, LSPArgumentError> {
            LSPServerCommand.parse(arguments: args)
        }
        #expect(try parse([]).get().logLevel == .info)
        #expect(try parse(["--stdio", "--log-level", "debug"]).get().logLevel == .debug)
        #expect(try parse(["--log-level=warn", "--stdio"]).get().logLevel == .warn)
        #expect(try parse(["--clientProcessId=4242"]).get().clientProcessId == 4242)
        #expect(try parse(["--clientProcessId", "17"]).get().clientProcessId == 17)
        #expect(throws: LSPArgumentError.self) { try parse(["--log-level", "loud"]).get() }
        #expect(throws: LSPArgumentError.self) { try parse(["--log-level"]).get() }
        #expect(throws: LSPArgumentError.self) { try parse(["--tcp"]).get() }
        #expect(throws: LSPArgumentError.self) { try parse(["--clientProcessId=abc"]).get() }
        guard case .failure(let help) = parse(["--help"]) else { Issue.record("help parsed as options"); return }
        #expect(help.isHelp)
        #expect(help.message.contains("--log-level"))
    }

    @Test func logLevels() {
        #expect(LogLevel(name: "WARNING") == .warn)
        #expect(LogLevel(name: "verbose") == nil)
        #expect(LogLevel.allCases.map(\.messageType) == [1, 2, 3, 4])
        #expect(LogLevel.error < LogLevel.debug)
    }
}
