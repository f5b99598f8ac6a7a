import Foundation
import TallyProtocol

/// Drives the built `tally lsp` as a subprocess over its standard input and
/// output, as an editor does. Server-to-client requests are answered
/// automatically (`workspace/configuration` with `configuration`, the others
/// with null) and recorded. Every wait has a safety limit so that a broken
/// server fails the test instead of hanging it; nothing asserts on timing.
final class LSPProcessClient: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private final class Shared: @unchecked Sendable {
        let lock = NSLock()
        var inbox: [JSONValue] = []
        var serverRequests: [JSONValue] = []
        var configuration: JSONValue = nil
        let arrived = DispatchSemaphore(value: 0)
    }

    static let safetyLimit = 30.0

    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errorFile: URL
    private let writer: MessageWriter
    private let shared = Shared()
    private var nextID: Int64 = 1
    /// Messages passed over while waiting for others.
    private(set) var skipped: [JSONValue] = []

    init(arguments: [String] = ["lsp"]) throws {
        errorFile = FileManager.default.temporaryDirectory.appendingPathComponent("tally-lsp-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.executableURL = TallyProcess.binary
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: errorFile)
        writer = MessageWriter(fileDescriptor: input.fileHandleForWriting.fileDescriptor)
        signal(SIGPIPE, SIG_IGN)
        try process.run()

        let shared = self.shared
        let fd = output.fileHandleForReading.fileDescriptor
        let replies = writer
        let reader = Thread {
            let reader = MessageReader(fileDescriptor: fd)
            while true {
                guard let body = try? reader.readMessage() else { break }
                let message = (try? JSONParser.parse(body)) ?? ["unparseable": .string(String(decoding: body, as: UTF8.self))]
                if let method = message["method"]?.string, let id = message["id"] {
                    shared.lock.lock()
                    shared.serverRequests.append(message)
                    let result: JSONValue = method == "workspace/configuration" ? [shared.configuration] : nil
                    shared.lock.unlock()
                    try? replies.write(["jsonrpc": "2.0", "id": id, "result": result])
                }
                shared.lock.lock()
                shared.inbox.append(message)
                shared.lock.unlock()
                shared.arrived.signal()
            }
        }
        reader.start()
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: errorFile)
    }

    /// What the server wrote to standard error.
    var standardError: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }

    /// The `tally` settings section returned to `workspace/configuration`.
    func setConfiguration(_ value: JSONValue) {
        shared.lock.lock()
        shared.configuration = value
        shared.lock.unlock()
    }

    /// Server-to-client requests received so far.
    var serverRequests: [JSONValue] {
        shared.lock.lock()
        defer { shared.lock.unlock() }
        return shared.serverRequests
    }

    // MARK: Sending

    func sendRaw(_ bytes: [UInt8]) {
        try? input.fileHandleForWriting.write(contentsOf: Data(bytes))
    }

    func send(_ message: JSONValue) {
        try? writer.write(message)
    }

    @discardableResult
    func request(_ method: String, _ params: JSONValue? = nil) -> Int64 {
        let id = nextID
        nextID += 1
        var message: JSONObject = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method)]
        if let params { message["params"] = params }
        send(.object(message))
        return id
    }

    func notify(_ method: String, _ params: JSONValue? = nil) {
        var message: JSONObject = ["jsonrpc": "2.0", "method": .string(method)]
        if let params { message["params"] = params }
        send(.object(message))
    }

    func call(_ method: String, _ params: JSONValue? = nil) throws -> JSONValue {
        try response(to: request(method, params))
    }

    // MARK: Receiving

    func nextMessage() throws -> JSONValue {
        guard shared.arrived.wait(timeout: .now() + Self.safetyLimit) == .success else {
            throw Failure(description: "no message from the server; its log:\n\(standardError)")
        }
        shared.lock.lock()
        defer { shared.lock.unlock() }
        return shared.inbox.removeFirst()
    }

    /// The first message, among those passed over and those to come, that satisfies `accept`.
    func awaitMessage(_ accept: (JSONValue) -> Bool) throws -> JSONValue {
        if let k = skipped.firstIndex(where: accept) { return skipped.remove(at: k) }
        while true {
            let message = try nextMessage()
            if accept(message) { return message }
            skipped.append(message)
        }
    }

    func response(to id: Int64) throws -> JSONValue {
        try awaitMessage { $0["method"] == nil && $0["id"] == .int(id) }
    }

    /// The next diagnostics published for `uri` that satisfy `accept` (their params).
    func diagnostics(_ uri: String, until accept: (JSONValue) -> Bool = { _ in true }) throws -> JSONValue {
        try awaitMessage { message in
            guard message["method"] == "textDocument/publishDiagnostics", let params = message["params"],
                  params["uri"]?.string == uri else { return false }
            return accept(params)
        }["params"]!
    }

    // MARK: Ending

    /// Closes the server's input and waits for it to exit; its status, or nil if it did not.
    func closeAndWait() -> Int32? {
        try? input.fileHandleForWriting.close()
        return waitForExit()
    }

    func waitForExit() -> Int32? {
        let deadline = Date().addingTimeInterval(Self.safetyLimit)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if process.isRunning {
            process.terminate()
            return nil
        }
        return process.terminationStatus
    }
}
