import Foundation
import Testing
import TallyProtocol

/// A hostile client against the real `tally lsp` binary: each bad message gets its error or a
/// logged refusal, and the server goes on serving.
@Suite(.serialized) struct HostileClientTests {
    func started() throws -> LSPProcessClient {
        let client = try LSPProcessClient()
        _ = try client.call("initialize", ["processId": nil, "rootUri": nil, "capabilities": [:]])
        client.notify("initialized", [:])
        return client
    }

    func stillServing(_ client: LSPProcessClient) throws {
        #expect(try client.call("workspace/diagnostic", ["previousResultIds": []])["result"] != nil)
    }

    func parseError(_ client: LSPProcessClient) throws -> JSONValue {
        try client.awaitMessage { $0["error"] != nil && $0["id"] == .null }
    }

    @Test func framingErrorsAreAnsweredAndSkipped() throws {
        let client = try started()
        // A Content-Length that is not a number.
        client.sendRaw(Array("Content-Length: twelve\r\n\r\n{}".utf8))
        #expect(try parseError(client)[path: "error", "code"] == -32700)
        try stillServing(client)
        // No Content-Length at all.
        client.sendRaw(Array("Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}".utf8))
        #expect(try parseError(client)[path: "error", "code"] == -32700)
        try stillServing(client)
        // Invalid UTF-8 inside a JSON string.
        let body = Array("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"x\",\"params\":{\"t\":\"".utf8) + [0xC3, 0x28] + Array("\"}}".utf8)
        client.sendRaw(Array("Content-Length: \(body.count)\r\n\r\n".utf8) + body)
        #expect(try parseError(client)[path: "error", "code"] == -32700)
        try stillServing(client)
        #expect(try client.call("shutdown")["result"] == .null)
        client.notify("exit")
        #expect(client.waitForExit() == 0)
    }

    @Test func oversizedMessageIsSkippedNotHeld() throws {
        let client = try started()
        // 100 MB declared and sent: over the documented 64 MiB limit.
        let size = 100 * 1024 * 1024
        client.sendRaw(Array("Content-Length: \(size)\r\n\r\n".utf8))
        let chunk = [UInt8](repeating: UInt8(ascii: " "), count: 1 << 20)
        for _ in 0..<100 { client.sendRaw(chunk) }
        let error = try parseError(client)
        #expect(error[path: "error", "code"] == -32700)
        #expect(error[path: "error", "message"]?.string?.contains("limit") == true)
        try stillServing(client)
        #expect(try client.call("shutdown")["result"] == .null)
        client.notify("exit")
        #expect(client.waitForExit() == 0)
    }

    @Test func protocolMisuseIsRefusedAndServingGoesOn() throws {
        let client = try started()
        // A notification method sent as a request (with an id).
        client.send(["jsonrpc": "2.0", "id": 7001, "method": "textDocument/didClose", "params": ["textDocument": ["uri": "untitled:a"]]])
        #expect(try client.response(to: 7001)[path: "error", "code"] == -32600)
        // Edits to a document never opened: refused (logged), nothing published, server fine.
        client.notify("textDocument/didChange", ["textDocument": ["uri": "untitled:never", "version": 2],
                                                  "contentChanges": [["text": "[x]{killed}"]]])
        try stillServing(client)
        // Positions past the end are clamped, not errors.
        client.notify("textDocument/didOpen", ["textDocument": ["uri": "untitled:b", "languageId": "tally", "version": 1,
                                                                "text": "[Kayes]{place}\n"]])
        _ = try client.diagnostics("untitled:b")
        let far = try client.call("textDocument/hover", ["textDocument": ["uri": "untitled:b"], "position": ["line": 999, "character": 999]])
        #expect(far["error"] == nil)
        let edit = ["textDocument": ["uri": "untitled:b", "version": 2] as JSONValue,
                    "contentChanges": [["range": ["start": ["line": 0, "character": 500], "end": ["line": 40, "character": 0]],
                                        "text": " and [three people]{killed}"]]] as JSONObject
        client.notify("textDocument/didChange", .object(edit))
        let after = try client.diagnostics("untitled:b") { $0["version"] == 2 }
        #expect(after["diagnostics"]?.array?.contains { $0["code"] == "unattached-figure" } == true)
        // Out-of-order and string ids are matched.
        client.send(["jsonrpc": "2.0", "id": "b", "method": "workspace/diagnostic", "params": ["previousResultIds": []]])
        client.send(["jsonrpc": "2.0", "id": "a", "method": "tally/nothing", "params": [:]])
        let a = try client.awaitMessage { $0["id"] == "a" }
        let b = try client.awaitMessage { $0["id"] == "b" }
        #expect(a[path: "error", "code"] == -32601)
        #expect(b["result"] != nil)
        #expect(try client.call("shutdown")["result"] == .null)
        // Requests after shutdown.
        #expect(try client.call("textDocument/hover", [:])[path: "error", "code"] == -32600)
        client.notify("exit")
        #expect(client.waitForExit() == 0)
    }

    @Test func headerWithoutBodyEndsTheSession() throws {
        let client = try started()
        client.sendRaw(Array("Content-Length: 50\r\n\r\n{\"jsonrpc\"".utf8))
        // The input ends inside the message: the server stops, without shutdown, status 1.
        #expect(client.closeAndWait() == 1)
    }
}
