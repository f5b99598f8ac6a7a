import Foundation
import Testing
@testable import TallyProtocol

/// The lifecycle and bad inputs, driven over pipes with `LSPTestClient`.
@Suite struct LanguageServerLifecycleTests {
    private func code(_ response: JSONValue) -> Int? { response["error"]?["code"]?.int }

    @Test(arguments: [
        (JSONValue.null, "utf-16"), (["utf-16"], "utf-16"), (["utf-16", "utf-8"], "utf-8"),
        (["utf-32", "utf-16"], "utf-32"), (["utf-32", "utf-8", "utf-16"], "utf-8"),
    ] as [(JSONValue, String)])
    func initializeNegotiatesThePositionEncoding(offered: JSONValue, expected: String) throws {
        let client = LSPTestClient()
        let capabilities: JSONValue = offered.isNull ? [:] : ["general": ["positionEncodings": offered]]
        let result = try client.initialize(capabilities: capabilities)
        #expect(result[path: "capabilities", "positionEncoding"]?.string == expected)
        #expect(client.finish() == 1)
    }

    @Test func capabilitiesComeFromWhatIsRegistered() throws {
        let client = LSPTestClient { server in
            server.onRequest("textDocument/hover", capability: ServerCapability("hoverProvider", value: true)) { _, _ in nil }
            server.addCapability(ServerCapability("completionProvider", "triggerCharacters", value: ["{", "="]))
            server.addCapabilities { session in
                session.supports("workspace", "workspaceFolders")
                    ? [ServerCapability("workspace", "workspaceFolders", value: ["supported": true])] : []
            }
        }
        let result = try client.initialize(capabilities: ["workspace": ["workspaceFolders": true]])
        let caps = result["capabilities"]
        #expect(caps?["hoverProvider"] == true)
        #expect(caps?[path: "completionProvider", "triggerCharacters"] == ["{", "="])
        #expect(caps?[path: "workspace", "workspaceFolders", "supported"] == true)
        #expect(caps?[path: "textDocumentSync", "change"] == 2)
        #expect(caps?[path: "textDocumentSync", "openClose"] == true)
        #expect(caps?["definitionProvider"] == nil)
        #expect(result[path: "serverInfo", "name"] == "tally")
    }

    @Test func requestBeforeInitializeIsServerNotInitialized() throws {
        let client = LSPTestClient()
        #expect(code(try client.call("textDocument/hover", [:])) == -32002)
        #expect(code(try client.call("shutdown")) == -32002)
        // Notifications before initialize are dropped; the server still serves.
        client.notify("textDocument/didOpen", ["textDocument": ["uri": "u", "languageId": "tally", "version": 1, "text": "x"]])
        try client.initialize()
        #expect(code(try client.call("initialize", ["capabilities": [:]])) == -32600)
    }

    @Test func shutdownThenExitEndsWithZero() throws {
        let client = LSPTestClient()
        try client.initialize()
        // `params: null` is accepted for shutdown.
        client.send(["jsonrpc": "2.0", "id": 99, "method": "shutdown", "params": nil])
        let response = try client.response(to: .int(99))
        #expect(response["result"] == .null)
        #expect(response["error"] == nil)
        client.notify("exit")
        #expect(client.waitForExit() == 0)
    }

    @Test func exitWithoutShutdownEndsWithOne() throws {
        let client = LSPTestClient()
        try client.initialize()
        client.notify("exit")
        #expect(client.waitForExit() == 1)
    }

    @Test func endOfInputEndsTheServer() throws {
        let client = LSPTestClient()
        try client.initialize()
        #expect(client.finish() == 1)
    }

    @Test func requestsAfterShutdownAreInvalid() throws {
        let client = LSPTestClient { server in
            server.onRequest("test/echo") { params, _ in params ?? nil }
        }
        try client.initialize()
        #expect(try client.call("shutdown")["result"] == .null)
        #expect(code(try client.call("test/echo", ["x": 1])) == -32600)
        #expect(code(try client.call("shutdown")) == -32600)
        client.notify("exit")
        #expect(client.waitForExit() == 0)
    }

    @Test func unknownMethodsAndNotifications() throws {
        let client = LSPTestClient { server in
            server.onRequest("test/echo") { params, _ in params ?? nil }
        }
        try client.initialize()
        #expect(code(try client.call("textDocument/unheardOf", [:])) == -32601)
        // Unknown `$/` notifications are ignored silently...
        client.notify("$/somethingNew", ["a": 1])
        // ...other unknown notifications are logged, not answered.
        client.notify("tally/unknown", [:])
        let id = client.request("test/echo", ["ok": true])
        var seen: [JSONValue] = []
        while true {
            let m = try client.nextMessage()
            if m["id"] == id.json { #expect(m["result"] == ["ok": true]); break }
            seen.append(m)
        }
        #expect(seen.count == 1)
        #expect(seen.first?["method"] == "window/logMessage")
        #expect(seen.first?[path: "params", "message"]?.string?.contains("tally/unknown") == true)
    }

    @Test func notificationSentWithAnIdIsAnInvalidRequest() throws {
        let client = LSPTestClient()
        try client.initialize()
        let response = try client.call("textDocument/didClose", ["textDocument": ["uri": "file:///x"]])
        #expect(code(response) == -32600)
    }

    @Test func invalidJSONIsAParseErrorAndTheServerKeepsServing() throws {
        let client = LSPTestClient { server in
            server.onRequest("test/echo") { params, _ in params ?? nil }
        }
        try client.initialize()
        client.sendRaw(MessageWriter.frame(Array(#"{"jsonrpc":"2.0","id":5,"method":"#.utf8)))
        let error = try client.nextMessage(matching: { $0["error"] != nil })
        #expect(code(error) == -32700)
        #expect(error["id"] == .null)
        client.sendRaw(MessageWriter.frame([0x22, 0xFF, 0x22]))
        #expect(code(try client.nextMessage(matching: { $0["error"] != nil })) == -32700)
        #expect(try client.call("test/echo", [1])["result"] == [1])
    }

    @Test func structurallyInvalidMessagesAreInvalidRequests() throws {
        let client = LSPTestClient()
        try client.initialize()
        client.send(["id": 7, "method": "shutdown"])  // no jsonrpc member
        let response = try client.response(to: .int(7))
        #expect(code(response) == -32600)
        client.send([1, 2])
        #expect(code(try client.nextMessage(matching: { $0["error"] != nil })) == -32600)
    }

    @Test func wrongContentLengthIsReportedAndRecovered() throws {
        let client = LSPTestClient { server in
            server.onRequest("test/echo") { params, _ in params ?? nil }
        }
        try client.initialize()
        // Missing altogether.
        client.sendRaw("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}")
        #expect(code(try client.nextMessage(matching: { $0["error"] != nil })) == -32700)
        // Not a number. (The reader then skips to the next Content-Length.)
        client.sendRaw("Content-Length: many\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":50,\"method\":\"test/echo\"}")
        #expect(code(try client.nextMessage(matching: { $0["error"] != nil })) == -32700)
        // Too short: the truncated body is a parse error, the tail is skipped.
        client.sendRaw("Content-Length: 10\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":51,\"method\":\"test/echo\"}")
        #expect(code(try client.nextMessage(matching: { $0["error"] != nil })) == -32700)
        #expect(try client.call("test/echo", ["still": "here"])["result"] == ["still": "here"])
    }

    @Test func oversizedMessageIsSkippedWithAnError() throws {
        let client = LSPTestClient(options: LanguageServer.Options(logLevel: .error, maximumMessageSize: 4096, logFileDescriptor: nil)) { server in
            server.onRequest("test/echo") { params, _ in params ?? nil }
        }
        try client.initialize()
        let big = JSONRPCMessage.notification(method: "test/big", params: ["s": .string(String(repeating: "x", count: 100_000))])
        client.sendRaw(MessageWriter.frame(big.encoded()))
        let error = try client.nextMessage(matching: { $0["error"] != nil })
        #expect(code(error) == -32700)
        #expect(error[path: "error", "message"]?.string?.contains("exceeds the limit of 4096") == true)
        #expect(try client.call("test/echo", [2])["result"] == [2])
    }

    @Test func messageAboveTheDefaultLimitIsNeverReadWhole() throws {
        let client = LSPTestClient(options: LanguageServer.Options(logLevel: .error, logFileDescriptor: nil)) { server in
            server.onRequest("test/echo") { params, _ in params ?? nil }
        }
        try client.initialize()
        let size = MessageReader.maximumMessageSize + 1024 * 1024
        let chunk = [UInt8](repeating: 0x20, count: 1 << 20)
        let sender = Thread {
            client.sendRaw("Content-Length: \(size)\r\n\r\n")
            for _ in 0..<(size / chunk.count) { client.sendRaw(chunk) }
            client.sendRaw(MessageWriter.frame(JSONRPCMessage.request(id: .int(1000), method: "test/echo", params: [3]).encoded()))
        }
        sender.start()
        let error = try client.nextMessage(matching: { $0["error"] != nil })
        #expect(error[path: "error", "message"]?.string?.contains("exceeds the limit") == true)
        #expect(try client.response(to: .int(1000))["result"] == [3])
    }

    @Test func invalidParamsAreReported() throws {
        let client = LSPTestClient { server in
            server.onRequest("textDocument/hover") { params, context in
                let (document, _, offset) = try context.textDocumentPosition(params)
                return .int(Int64(offset + document.bytes.count * 0))
            }
        }
        #expect(code(try client.call("initialize", ["processId": "nope", "capabilities": [:]])) == -32602)
        #expect(code(try client.call("initialize", ["capabilities": 3])) == -32602)
        try client.initialize()
        let uri = "file:///w/a.tally"
        client.notify("textDocument/didOpen", ["textDocument": ["uri": .string(uri), "languageId": "tally", "version": 1, "text": "abc"]])
        #expect(code(try client.call("textDocument/hover", ["textDocument": ["uri": .string(uri)]])) == -32602)
        #expect(code(try client.call("textDocument/hover", ["position": ["line": 0, "character": 0]])) == -32602)
        let ok = try client.call("textDocument/hover", ["textDocument": ["uri": .string(uri)], "position": ["line": 0, "character": 2]])
        #expect(ok["result"] == 2)
    }

    @Test func handlerErrorsBecomeInternalErrors() throws {
        struct Boom: Error {}
        let client = LSPTestClient { server in
            server.onRequest("test/boom") { _, _ in throw Boom() }
            server.onRequest("test/failed") { _, _ in throw ResponseError.requestFailed("no luck") }
        }
        try client.initialize()
        #expect(code(try client.call("test/boom")) == -32603)
        let failed = try client.call("test/failed")
        #expect(code(failed) == -32803)
        #expect(failed[path: "error", "message"] == "no luck")
    }

    @Test func clientProcessDeathEndsTheServer() throws {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/sh")
        child.arguments = ["-c", "exit 0"]
        try child.run()
        child.waitUntilExit()
        let pid = child.processIdentifier
        let client = LSPTestClient(options: LanguageServer.Options(logLevel: .error, parentProcessPollInterval: 0.05, logFileDescriptor: nil))
        try client.initialize(processId: .int(Int64(pid)))
        // No shutdown, no exit, input still open: the watch ends the run.
        #expect(client.waitForExit() == 1)
    }

    @Test func manyRequestsWithoutReadingResponses() throws {
        let client = LSPTestClient(options: LanguageServer.Options(logLevel: .error, maximumMessagesInFlight: 16, logFileDescriptor: nil)) { server in
            server.onRequest("test/echo") { params, _ in params ?? nil }
        }
        try client.initialize()
        let count = 3_000
        let padding = String(repeating: "p", count: 200)
        let sent = Recorder<Int>()
        client.pauseReading()
        let sender = Thread {
            for k in 0..<count {
                client.send(JSONRPCMessage.request(id: .string("r\(k)"), method: "test/echo", params: [.int(Int64(k)), .string(padding)]).json)
                sent.append(k)
            }
        }
        sender.start()
        // 400 requests with ~250-byte responses overflow the server's
        // output pipe, so its writer blocks and back-pressure reaches the
        // reader; the sender gets that far whatever the scheduling.
        let limit = Date().addingTimeInterval(LSPTestClient.safetyLimit)
        while sent.all.count < 400 && Date() < limit { usleep(1_000) }
        #expect(sent.all.count >= 400)
        client.resumeReading()
        var answered = Set<String>()
        while answered.count < count {
            let m = try client.nextMessage()
            if let id = m["id"]?.string, m[path: "result"]?[0]?.int != nil { answered.insert(id) }
        }
        #expect(answered.count == count)
    }
}

extension LSPTestClient {
    func nextMessage(matching predicate: (JSONValue) -> Bool) throws -> JSONValue {
        while true {
            let m = try nextMessage()
            if predicate(m) { return m }
        }
    }
}
