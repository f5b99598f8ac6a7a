import Foundation
import TallyProtocol

/// The real stdio servers: process start → `initialize` reply, and edit →
/// diagnostics on a 1 MB document (`didChange` with a one-character edit,
/// alternately inserted and deleted, then the time until the server's
/// `publishDiagnostics` for that version has been read; servers that only
/// offer pull diagnostics are asked with `textDocument/diagnostic`).
enum ServerBenchmark {
    /// How a server is started and what it edits.
    struct Server {
        var name: String
        var executable: String
        var arguments: [String]
        var fileExtension: String
        var languageID: String
        var document: (Int, UInt64) -> String
    }

    struct Figures {
        var startP50: Double
        var startRuns: Int
        var edit: (p50: Double, p99: Double, count: Int, mode: String)?
        var note: String?
    }

    static func run(_ context: BenchContext) throws {
        let tally = Server(name: "tally", executable: try context.tally(), arguments: ["lsp"], fileExtension: "tally",
                           languageID: "tally") { DocumentGenerator.tally(bytes: $0, seed: $1) }
        let t = try measure(context, tally)
        var r: Figures? = nil
        if let rumdl = context.rumdl() {
            let server = Server(name: "rumdl", executable: rumdl, arguments: ["server"], fileExtension: "md",
                                languageID: "markdown") { DocumentGenerator.markdown(bytes: $0, seed: $1) }
            r = try? measure(context, server)
        }
        context.table.add(.init(
            measurement: "Server start → `initialize` reply, p50 of \(t.startRuns) runs",
            tally: BenchFormat.ms(t.startP50),
            rumdl: r.map { BenchFormat.ms($0.startP50) } ?? "n/a",
            target: "≤ 10 ms (aim 5)", met: t.startP50 <= 0.010))
        let size = BenchFormat.size(context.options.editDocumentSize)
        func edit(_ f: Figures?) -> String {
            guard let f else { return "n/a" }
            guard let e = f.edit else { return f.note ?? "n/a" }
            return BenchFormat.ms(e.p50) + " / " + BenchFormat.ms(e.p99)
        }
        context.table.add(.init(
            measurement: "Edit → diagnostics p50 / p99, \(size) document, stdio server, \(t.edit?.count ?? 0) edits" + (r?.edit.map { " (rumdl: \($0.mode))" } ?? ""),
            tally: edit(t), rumdl: edit(r),
            target: "p99 ≤ 5 ms", met: t.edit.map { $0.p99 <= 0.005 }))
    }

    static func measure(_ context: BenchContext, _ server: Server) throws -> Figures {
        let root = context.scratch + "/server-" + server.name
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        context.log("server: \(server.name) start-up")
        var starts: [Double] = []
        for _ in 0..<context.options.startRuns {
            let t0 = Stopwatch.now()
            let process = try Subprocess.spawn(server.executable, server.arguments,
                                               stdin: .pipe, stdout: .pipe, stderr: .null)
            let client = LSPPipeClient(process: process)
            let id = client.request("initialize", LSPPipeClient.initializeParams(rootDirectory: root))
            guard let reply = client.response(to: id, timeout: 30) else {
                process.kill()
                throw BenchUsageError(message: "\(server.name) did not answer initialize")
            }
            starts.append(Double(reply.receivedAt - t0) / 1e9)
            client.close()
        }
        var figures = Figures(startP50: Stopwatch.median(starts), startRuns: starts.count)

        context.log("server: \(server.name) edit → diagnostics")
        let text = server.document(context.options.editDocumentSize, context.options.seed)
        let path = root + "/edited." + server.fileExtension
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let uri = "file://" + path
        let process = try Subprocess.spawn(server.executable, server.arguments,
                                           stdin: .pipe, stdout: .pipe, stderr: .null)
        let client = LSPPipeClient(process: process)
        defer { client.close() }
        let id = client.request("initialize", LSPPipeClient.initializeParams(rootDirectory: root))
        guard let reply = client.response(to: id, timeout: 30), let initialize = reply.json else {
            figures.note = "n/a (no initialize reply)"
            return figures
        }
        let pullOffered = initialize["result"]?["capabilities"]?["diagnosticProvider"] != nil
        client.notify("initialized", .object(JSONObject()))
        client.notify("textDocument/didOpen", .object(JSONObject([("textDocument", .object(JSONObject([
            ("uri", .string(uri)), ("languageId", .string(server.languageID)), ("version", 1), ("text", .string(text)),
        ])))])))
        func isDiagnostics(_ m: LSPPipeClient.Message, version: Int) -> Bool {
            guard m.contains("publishDiagnostics"), let json = m.json, json["method"]?.string == "textDocument/publishDiagnostics",
                  json["params"]?["uri"]?.string == uri else { return false }
            if let v = json["params"]?["version"]?.int { return v >= version }
            return true
        }
        let pushes = client.wait(timeout: 20) { isDiagnostics($0, version: 1) } != nil
        guard pushes || pullOffered else {
            figures.note = server.name == "tally" ? "n/a (server not ready)" : "n/a (no diagnostics)"
            return figures
        }
        // The edit: a character at the start of a line in the middle, inserted then deleted.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var line = lines.count / 2
        while line < lines.count - 1, lines[line].isEmpty || lines[line].hasPrefix(":::") || lines[line].hasPrefix("#") { line += 1 }
        var latencies: [Double] = []
        var version = 1
        for edit in 0..<(context.options.edits + 5) {
            version += 1
            let insert = edit % 2 == 0
            let end = insert ? 0 : 1
            let range = JSONValue.object(JSONObject([
                ("start", .object(JSONObject([("line", .int(Int64(line))), ("character", 0)]))),
                ("end", .object(JSONObject([("line", .int(Int64(line))), ("character", .int(Int64(end)))]))),
            ]))
            let t0 = Stopwatch.now()
            client.notify("textDocument/didChange", .object(JSONObject([
                ("textDocument", .object(JSONObject([("uri", .string(uri)), ("version", .int(Int64(version)))]))),
                ("contentChanges", .array([.object(JSONObject([("range", range), ("text", .string(insert ? "x" : ""))]))])),
            ])))
            let received: LSPPipeClient.Message?
            if pushes {
                received = client.wait(timeout: 20) { isDiagnostics($0, version: version) }
            } else {
                let rid = client.request("textDocument/diagnostic", .object(JSONObject([
                    ("textDocument", .object(JSONObject([("uri", .string(uri))]))),
                ])))
                received = client.response(to: rid, timeout: 20)
            }
            guard let received else {
                figures.note = "n/a (diagnostics stopped after \(edit) edits)"
                return figures
            }
            if edit >= 5 { latencies.append(Double(received.receivedAt - t0) / 1e9) }
        }
        figures.edit = (Stopwatch.percentile(latencies, 50), Stopwatch.percentile(latencies, 99), latencies.count,
                        pushes ? "push" : "pull")
        return figures
    }
}
