import Foundation
import TallyProtocol

/// A minimal LSP client over a child's standard input and output, for
/// timing a real server: it frames and sends messages, reads framed
/// messages with a deadline, and answers the server's own requests
/// (`workspace/configuration`, `window/workDoneProgress/create`, …) with
/// empty results so that the server is never kept waiting.
final class LSPPipeClient {
    let process: Subprocess
    private var buffer: [UInt8] = []
    private var start = 0
    private var nextID = 1

    init(process: Subprocess) {
        self.process = process
    }

    /// A received message: when its last byte arrived, and its body.
    struct Message {
        var receivedAt: UInt64
        var body: [UInt8]

        func contains(_ needle: String) -> Bool {
            let n = Array(needle.utf8)
            guard n.count <= body.count, let first = n.first else { return false }
            var i = 0
            while i + n.count <= body.count {
                if body[i] == first, body[i..<(i + n.count)].elementsEqual(n) { return true }
                i += 1
            }
            return false
        }

        var json: JSONValue? { try? JSONParser.parse(body) }
    }

    // MARK: Sending

    func send(_ value: JSONValue) {
        let body = JSONSerializer.serialize(value)
        var out = Array("Content-Length: \(body.count)\r\n\r\n".utf8)
        out += body
        guard let fd = process.input else { return }
        var done = 0
        while done < out.count {
            let n = out.withUnsafeBytes { write(fd, $0.baseAddress! + done, out.count - done) }
            if n < 0 { if errno == EINTR { continue }; return }
            done += n
        }
    }

    /// Sends a request; returns its id.
    @discardableResult
    func request(_ method: String, _ params: JSONValue) -> Int {
        let id = nextID
        nextID += 1
        send(.object(JSONObject([("jsonrpc", "2.0"), ("id", .int(Int64(id))), ("method", .string(method)), ("params", params)])))
        return id
    }

    func notify(_ method: String, _ params: JSONValue) {
        send(.object(JSONObject([("jsonrpc", "2.0"), ("method", .string(method)), ("params", params)])))
    }

    // MARK: Receiving

    /// Reads messages until one satisfies `predicate` (returned) or
    /// `timeout` seconds pass (nil). Requests from the server are answered.
    func wait(timeout: Double, until predicate: (Message) -> Bool) -> Message? {
        let deadline = Stopwatch.now() + UInt64(timeout * 1e9)
        while true {
            while let message = nextBufferedMessage() {
                if answerServerRequest(message) { continue }
                if predicate(message) { return message }
            }
            let now = Stopwatch.now()
            guard now < deadline, let fd = process.output else { return nil }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ms = Int32(min(Double(deadline - now) / 1e6 + 1, 60_000))
            let ready = poll(&pfd, 1, ms)
            if ready < 0 { if errno == EINTR { continue }; return nil }
            if ready == 0 { continue }
            if start > 0 && start == buffer.count {
                buffer.removeAll(keepingCapacity: true)
                start = 0
            }
            let old = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: 1 << 16))
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + old, 1 << 16) }
            if n <= 0 {
                buffer.removeLast(1 << 16)
                if n < 0, errno == EINTR { continue }
                return nil    // the server closed its output
            }
            buffer.removeLast((1 << 16) - n)
        }
    }

    /// Waits for the response to request `id`.
    func response(to id: Int, timeout: Double) -> Message? {
        wait(timeout: timeout) { m in
            m.json.map { $0["id"]?.int == id && $0["method"] == nil } ?? false
        }
    }

    private func nextBufferedMessage() -> Message? {
        // Find the end of the header.
        var i = start
        var headerEnd = -1
        while i + 4 <= buffer.count {
            if buffer[i] == 13, buffer[i + 1] == 10, buffer[i + 2] == 13, buffer[i + 3] == 10 {
                headerEnd = i
                break
            }
            i += 1
        }
        guard headerEnd >= 0 else { return nil }
        let header = String(decoding: buffer[start..<headerEnd], as: UTF8.self)
        var length = 0
        for line in header.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "content-length" {
                length = Int(parts[1].trimmingCharacters(in: .whitespaces)) ?? 0
            }
        }
        let bodyStart = headerEnd + 4
        guard buffer.count - bodyStart >= length else { return nil }
        let body = Array(buffer[bodyStart..<(bodyStart + length)])
        start = bodyStart + length
        if start > 1 << 20 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        return Message(receivedAt: Stopwatch.now(), body: body)
    }

    /// Answers a request from the server; true when `message` was one.
    private func answerServerRequest(_ message: Message) -> Bool {
        guard message.contains("\"method\""), message.contains("\"id\""), let json = message.json,
              let method = json["method"]?.string, let id = json["id"] else { return false }
        var result: JSONValue = .null
        if method == "workspace/configuration" {
            let count = json["params"]?["items"]?.array?.count ?? 0
            result = .array(Array(repeating: .null, count: count))
        }
        send(.object(JSONObject([("jsonrpc", "2.0"), ("id", id), ("result", result)])))
        return true
    }

    // MARK: Lifecycle

    /// `initialize` parameters of a plain client rooted at `rootDirectory`.
    static func initializeParams(rootDirectory: String) -> JSONValue {
        let uri = "file://" + rootDirectory
        return .object(JSONObject([
            ("processId", .int(Int64(getpid()))),
            ("rootUri", .string(uri)),
            ("capabilities", .object(JSONObject([
                ("textDocument", .object(JSONObject([
                    ("publishDiagnostics", .object(JSONObject([("versionSupport", true)]))),
                    ("synchronization", .object(JSONObject([("dynamicRegistration", false)]))),
                ]))),
                ("general", .object(JSONObject([("positionEncodings", .array(["utf-16"]))]))),
            ]))),
            ("workspaceFolders", .array([.object(JSONObject([("uri", .string(uri)), ("name", "bench")]))])),
        ]))
    }

    /// `shutdown`, `exit`, then reap the process (killed if it lingers).
    func close() {
        let id = request("shutdown", .null)
        _ = response(to: id, timeout: 5)
        notify("exit", .null)
        var status: Int32 = 0
        let deadline = Stopwatch.now() + 3_000_000_000
        while Stopwatch.now() < deadline {
            if waitpid(process.pid, &status, WNOHANG) == process.pid {
                if let fd = process.input { Foundation.close(fd) }
                if let fd = process.output { Foundation.close(fd) }
                return
            }
            usleep(10_000)
        }
        process.kill()
    }
}
