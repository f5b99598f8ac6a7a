import Foundation
import Testing

/// Helpers for tests that run programs outside the package: the package root,
/// the CI switch, PATH lookup, subprocesses with a time limit, and the
/// skip-or-fail rule for missing tools.
enum ExternalTool {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TallyCommandLineTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// A missing prerequisite fails the test in CI and skips it, with the
    /// reason printed, on a developer machine.
    static func unavailable(_ test: String, _ reason: String) {
        if isCI {
            Issue.record("\(test) cannot run in CI: \(reason)")
        } else {
            print("SKIPPED \(test): \(reason)")
        }
    }

    static func find(_ program: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(program)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    static func makeTemporaryDirectory(_ prefix: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)")
            .resolvingSymlinksInPath()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    struct Run {
        let status: Int32
        let output: String
        let timedOut: Bool
    }

    /// Runs a program with stdout and stderr captured together; stops it after `timeout` seconds.
    static func run(
        _ executable: URL, _ arguments: [String], environment: [String: String] = [:],
        input: URL? = nil, directory: URL? = nil, timeout: TimeInterval
    ) throws -> Run {
        let folder = try makeTemporaryDirectory("tally-run")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outputFile = folder.appendingPathComponent("output")
        guard FileManager.default.createFile(atPath: outputFile.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown)
        }
        let output = try FileHandle(forWritingTo: outputFile)
        defer { try? output.close() }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = output
        process.standardError = output
        process.standardInput = try input.map { try FileHandle(forReadingFrom: $0) } ?? FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        let timedOut = process.isRunning
        if timedOut { process.terminate() }
        process.waitUntilExit()
        let text = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        return Run(status: process.terminationStatus, output: text, timedOut: timedOut)
    }

    /// Sends initialize, shutdown and exit to `tally lsp`; nil when it answers
    /// initialize with capabilities, otherwise what went wrong.
    static func languageServerProblem(_ server: URL) -> String? {
        func frame(_ json: String) -> String { "Content-Length: \(json.utf8.count)\r\n\r\n\(json)" }
        let messages = [
            #"{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}"#,
            #"{"jsonrpc":"2.0","method":"initialized","params":{}}"#,
            #"{"jsonrpc":"2.0","id":2,"method":"shutdown","params":null}"#,
            #"{"jsonrpc":"2.0","method":"exit","params":null}"#,
        ]
        do {
            let folder = try makeTemporaryDirectory("tally-probe")
            defer { try? FileManager.default.removeItem(at: folder) }
            let input = folder.appendingPathComponent("input")
            try messages.map(frame).joined().write(to: input, atomically: true, encoding: .utf8)
            let run = try run(server, ["lsp"], input: input, timeout: 20)
            if run.output.contains("\"capabilities\"") { return nil }
            let excerpt = run.output.prefix(300)
            return run.timedOut ? "no answer within 20 s" : "exit status \(run.status), output: \(excerpt)"
        } catch {
            return "could not run it: \(error)"
        }
    }
}
