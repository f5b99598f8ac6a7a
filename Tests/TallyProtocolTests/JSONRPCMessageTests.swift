import Testing
@testable import TallyProtocol

@Suite struct JSONRPCMessageTests {
    private func message(_ text: String) throws -> JSONRPCMessage {
        try JSONRPCMessage.decode(Array(text.utf8))
    }

    private func invalid(_ text: String) -> JSONRPCMessage.Invalid? {
        do { _ = try message(text); return nil } catch { return error as? JSONRPCMessage.Invalid }
    }

    @Test func classifiesRequestsNotificationsAndResponses() throws {
        #expect(try message(#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#)
            == .request(id: .int(1), method: "shutdown", params: nil))
        #expect(try message(#"{"jsonrpc":"2.0","id":"a-7","method":"x","params":{"k":1}}"#)
            == .request(id: .string("a-7"), method: "x", params: ["k": 1]))
        #expect(try message(#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#)
            == .notification(method: "initialized", params: [:]))
        #expect(try message(#"{"jsonrpc":"2.0","id":3,"result":null}"#)
            == .response(id: .int(3), result: .success(.null)))
        #expect(try message(#"{"jsonrpc":"2.0","id":"x","error":{"code":-32601,"message":"no"}}"#)
            == .response(id: .string("x"), result: .failure(ResponseError(.methodNotFound, "no"))))
        #expect(try message(#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"bad"}}"#)
            == .response(id: nil, result: .failure(ResponseError(.parseError, "bad"))))
    }

    @Test func nullParamsCountAsAbsent() throws {
        #expect(try message(#"{"jsonrpc":"2.0","id":2,"method":"shutdown","params":null}"#)
            == .request(id: .int(2), method: "shutdown", params: nil))
    }

    @Test func integralDoubleIdIsAnInteger() throws {
        #expect(try message(#"{"jsonrpc":"2.0","id":4.0,"method":"m"}"#) == .request(id: .int(4), method: "m", params: nil))
    }

    @Test func invalidMessagesCarryCodeAndId() {
        #expect(invalid("{")?.error.code == .parseError)
        #expect(invalid("{")?.id == nil)
        #expect(invalid("[1]")?.error.code == .invalidRequest)
        #expect(invalid("3")?.error.code == .invalidRequest)
        let noVersion = invalid(#"{"id":5,"method":"m"}"#)
        #expect(noVersion?.error.code == .invalidRequest)
        #expect(noVersion?.id == .int(5))
        #expect(invalid(#"{"jsonrpc":"2.0","id":true,"method":"m"}"#)?.error.code == .invalidRequest)
        #expect(invalid(#"{"jsonrpc":"2.0","id":1,"method":7}"#)?.id == .int(1))
        #expect(invalid(#"{"jsonrpc":"2.0","id":1,"method":"m","params":3}"#)?.error.code == .invalidRequest)
        #expect(invalid(#"{"jsonrpc":"2.0","id":null,"method":"m"}"#)?.error.code == .invalidRequest)
        #expect(invalid(#"{"jsonrpc":"2.0"}"#)?.error.code == .invalidRequest)
        #expect(invalid(#"{"jsonrpc":"2.0","id":1}"#)?.error.code == .invalidRequest)
        #expect(invalid(#"{"jsonrpc":"2.0","id":1,"result":1,"error":{"code":1,"message":""}}"#)?.error.code == .invalidRequest)
        #expect(invalid(#"{"jsonrpc":"2.0","id":1,"error":{"code":"x"}}"#)?.error.code == .invalidRequest)
    }

    @Test func encodesResponsesInWireForm() {
        let ok = JSONRPCMessage.success(id: .int(1), result: ["capabilities": [:]])
        #expect(String(decoding: ok.encoded(), as: UTF8.self) == #"{"jsonrpc":"2.0","id":1,"result":{"capabilities":{}}}"#)
        let failed = JSONRPCMessage.failure(id: nil, error: .parseError("bad"))
        #expect(String(decoding: failed.encoded(), as: UTF8.self)
            == #"{"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"bad"}}"#)
        let withData = JSONRPCMessage.failure(id: .string("q"), error: ResponseError(.requestFailed, "f", data: [1]))
        #expect(withData.json["error"]?["data"] == [1])
        #expect(withData.json["error"]?["code"] == -32803)
    }

    @Test func errorCodesMatchTheSpecification() {
        let expected: [(ErrorCode, Int)] = [
            (.parseError, -32700), (.invalidRequest, -32600), (.methodNotFound, -32601),
            (.invalidParams, -32602), (.internalError, -32603), (.serverNotInitialized, -32002),
            (.unknownErrorCode, -32001), (.requestFailed, -32803), (.serverCancelled, -32802),
            (.contentModified, -32801), (.requestCancelled, -32800),
        ]
        for (code, raw) in expected { #expect(code.rawValue == raw) }
    }

    @Test func roundTripsThroughJSON() throws {
        let messages: [JSONRPCMessage] = [
            .request(id: .string("r"), method: "workspace/configuration", params: ["items": [["section": "tally"]]]),
            .notification(method: "window/logMessage", params: ["type": 3, "message": "hi"]),
            .failure(id: .int(9), error: .requestCancelled),
        ]
        for m in messages { #expect(try JSONRPCMessage.decode(m.encoded()) == m) }
    }
}
