import Foundation
import Testing

/// Runs the built `tally` binary as a subprocess, with stdout and stderr apart.
enum TallyProcess {
    /// The `tally` built next to this test bundle (so `swift test --scratch-path
    /// .build-asan --sanitize=address` runs the sanitized binary), else `.build/debug/tally`.
    static var binary: URL {
        if let exe = Bundle.main.executableURL {
            let sibling = exe.deletingLastPathComponent().appendingPathComponent("tally")
            if FileManager.default.isExecutableFile(atPath: sibling.path) { return sibling }
        }
        return ExternalTool.packageRoot.appendingPathComponent(".build/debug/tally")
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var stdoutBytes: [UInt8]
    }

    static func run(_ arguments: [String], stdin: [UInt8]? = nil, directory: URL? = nil,
                    environment: [String: String] = [:], timeout: TimeInterval = 120) throws -> Result {
        let folder = try ExternalTool.makeTemporaryDirectory("tally-cli")
        defer { try? FileManager.default.removeItem(at: folder) }
        let outURL = folder.appendingPathComponent("out"), errURL = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        defer { try? out.close(); try? err.close() }
        let p = Process()
        p.executableURL = binary
        p.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        p.environment = env.merging(environment) { _, new in new }
        p.currentDirectoryURL = directory ?? ExternalTool.packageRoot
        p.standardOutput = out
        p.standardError = err
        if let stdin {
            let inURL = folder.appendingPathComponent("in")
            try Data(stdin).write(to: inURL)
            p.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            p.standardInput = FileHandle.nullDevice
        }
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        if p.isRunning {
            p.terminate()
            Issue.record("tally \(arguments.joined(separator: " ")) did not finish within \(Int(timeout)) s")
        }
        p.waitUntilExit()
        let o = (try? Data(contentsOf: outURL)) ?? Data()
        let e = (try? Data(contentsOf: errURL)) ?? Data()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                      stderr: String(decoding: e, as: UTF8.self), stdoutBytes: [UInt8](o))
    }

    /// A fixture file under Tests/Fixtures.
    static func fixture(_ name: String) -> String {
        ExternalTool.packageRoot.appendingPathComponent("Tests/Fixtures/\(name)").path
    }
}
