import Foundation
@testable import TallyProtocol

/// Speaks the LSP wire protocol to a server over pipes, as an editor does.
///
/// For now the server runs in this process on its own thread, reading and
/// writing real pipe file descriptors with the same framing as over stdio.
/// Every wait has a generous safety limit so that a broken server fails the
/// test instead of hanging it; no test asserts on timing.
final class LSPTestClient: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// State shared with the helper threads (which must not retain the
    /// client, so that releasing it ends the session).
    private final class Shared: @unchecked Sendable {
        let lock = NSLock()
        var inbox: [JSONValue] = []
        var paused = false
        var exitCode: Int32? = nil
        let arrived = DispatchSemaphore(value: 0)
        let readerDone = DispatchSemaphore(value: 0)
        let serverDone = DispatchSemaphore(value: 0)

        var isPaused: Bool {
            lock.lock()
            defer { lock.unlock() }
            return paused
        }
    }

    let server: LanguageServer
    private let toServer: Int32
    private let serverInput: Int32
    private let fromServer: Int32
    private let serverOutput: Int32
    private let writer: MessageWriter
    private let shared = Shared()
    private let lock = NSLock()
    private var nextID: Int64 = 1
    private var closed = false
    /// Messages skipped while waiting for a particular response.
    private(set) var skipped: [JSONValue] = []

    static let safetyLimit = 20.0

    init(options: LanguageServer.Options = LanguageServer.Options(logLevel: .info, logFileDescriptor: nil),
         configure: (LanguageServer) -> Void = { _ in }) {
        signal(SIGPIPE, SIG_IGN)
        var c2s: [Int32] = [0, 0]
        var s2c: [Int32] = [0, 0]
        precondition(pipe(&c2s) == 0 && pipe(&s2c) == 0)
        serverInput = c2s[0]
        toServer = c2s[1]
        fromServer = s2c[0]
        serverOutput = s2c[1]
        writer = MessageWriter(fileDescriptor: toServer)
        let server = LanguageServer(input: serverInput, output: serverOutput, options: options)
        self.server = server
        configure(server)

        let shared = self.shared
        let serverThread = Thread {
            let code = server.run()
            shared.lock.lock()
            shared.exitCode = code
            shared.lock.unlock()
            shared.serverDone.signal()
        }
        serverThread.start()

        let input = fromServer
        let readerThread = Thread {
            let reader = MessageReader(fileDescriptor: input)
            while true {
                while shared.isPaused { usleep(1_000) }
                do {
                    guard let body = try reader.readMessage() else { break }
                    let value = (try? JSONParser.parse(body)) ?? ["unparseable": .string(String(decoding: body, as: UTF8.self))]
                    shared.lock.lock()
                    shared.inbox.append(value)
                    shared.lock.unlock()
                    shared.arrived.signal()
                } catch {
                    if (error as? FramingError)?.isFatal ?? true { break }
                }
            }
            shared.readerDone.signal()
        }
        readerThread.start()
    }

    deinit {
        _ = finish()
    }

    /// Stops reading the server's output (after at most one more message),
    /// as a client that never reads its responses would.
    func pauseReading() {
        shared.lock.lock()
        shared.paused = true
        shared.lock.unlock()
    }

    func resumeReading() {
        shared.lock.lock()
        shared.paused = false
        shared.lock.unlock()
    }

    // MARK: Sending

    func sendRaw(_ bytes: [UInt8]) {
        var offset = 0
        bytes.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = write(toServer, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
    }

    func sendRaw(_ text: String) { sendRaw(Array(text.utf8)) }

    func send(_ message: JSONValue) {
        try? writer.write(message)
    }

    @discardableResult
    func request(_ method: String, _ params: JSONValue? = nil) -> RequestID {
        lock.lock()
        let id = RequestID.int(nextID)
        nextID += 1
        lock.unlock()
        send(JSONRPCMessage.request(id: id, method: method, params: params).json)
        return id
    }

    func notify(_ method: String, _ params: JSONValue? = nil) {
        send(JSONRPCMessage.notification(method: method, params: params).json)
    }

    /// Replies to a server-to-client request.
    func reply(to request: JSONValue, result: JSONValue) {
        send(["jsonrpc": "2.0", "id": request["id"] ?? nil, "result": result])
    }

    // MARK: Receiving

    func nextMessage() throws -> JSONValue {
        guard shared.arrived.wait(timeout: .now() + Self.safetyLimit) == .success else {
            throw Failure(description: "no message from the server")
        }
        shared.lock.lock()
        defer { shared.lock.unlock() }
        return shared.inbox.removeFirst()
    }

    /// Waits for the response to `id`, keeping other messages in `skipped`
    /// (a response that arrived while waiting for another is found there).
    func response(to id: RequestID) throws -> JSONValue {
        if let k = skipped.firstIndex(where: { $0["method"] == nil && $0["id"] == id.json }) {
            return skipped.remove(at: k)
        }
        while true {
            let message = try nextMessage()
            if message["method"] == nil, message["id"] == id.json { return message }
            skipped.append(message)
        }
    }

    /// Sends a request and waits for its response.
    func call(_ method: String, _ params: JSONValue? = nil) throws -> JSONValue {
        try response(to: request(method, params))
    }

    /// Waits for the next message with this method (request or notification).
    func nextMessage(method: String) throws -> JSONValue {
        while true {
            let message = try nextMessage()
            if message["method"]?.string == method { return message }
            skipped.append(message)
        }
    }

    /// The first message, among those skipped so far and then those still
    /// to come, that satisfies `accept`; it is taken out of `skipped`.
    func awaitMessage(_ accept: (JSONValue) -> Bool) throws -> JSONValue {
        if let k = skipped.firstIndex(where: accept) { return skipped.remove(at: k) }
        while true {
            let message = try nextMessage()
            if accept(message) { return message }
            skipped.append(message)
        }
    }

    /// initialize + initialized; returns the initialize result.
    @discardableResult
    func initialize(capabilities: JSONValue = [:], processId: JSONValue = nil,
                    initializationOptions: JSONValue? = nil) throws -> JSONValue {
        var params: JSONObject = ["processId": processId, "rootUri": nil, "capabilities": capabilities,
                                  "clientInfo": ["name": "LSPTestClient"]]
        if let initializationOptions { params["initializationOptions"] = initializationOptions }
        let response = try call("initialize", .object(params))
        guard let result = response["result"] else {
            throw Failure(description: "initialize failed: \(response)")
        }
        notify("initialized", [:])
        return result
    }

    // MARK: Ending

    /// The server's exit status once `run()` returned, waiting for it.
    func waitForExit() -> Int32? {
        guard shared.serverDone.wait(timeout: .now() + Self.safetyLimit) == .success else { return nil }
        shared.serverDone.signal()
        shared.lock.lock()
        defer { shared.lock.unlock() }
        return shared.exitCode
    }

    /// Closes the client's side, lets the server see end of input, and
    /// releases the pipes. Returns the exit status.
    @discardableResult
    func finish() -> Int32? {
        lock.lock()
        if closed {
            lock.unlock()
            shared.lock.lock()
            defer { shared.lock.unlock() }
            return shared.exitCode
        }
        closed = true
        lock.unlock()
        close(toServer)
        let code = waitForExit()
        guard code != nil, server.waitForReader(timeout: Self.safetyLimit) else { return code }
        close(serverInput)
        close(serverOutput)
        if shared.readerDone.wait(timeout: .now() + Self.safetyLimit) == .success {
            close(fromServer)
        }
        return code
    }
}
