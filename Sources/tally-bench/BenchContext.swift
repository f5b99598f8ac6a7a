import Foundation

/// What the benchmarks share: options, a scratch directory, the binaries
/// under test, and the table being filled.
final class BenchContext {
    let options: BenchOptions
    let scratch: String
    var table = BenchTable()
    /// The largest RSS floor met when measuring children (see `Subprocess.run`).
    var floorRSS = 0
    private(set) var tallyBinary: String?
    private(set) var rumdlBinary: String?

    init(options: BenchOptions) throws {
        self.options = options
        let template = NSTemporaryDirectory() + "tally-bench-XXXXXX"
        var bytes = Array(template.utf8CString)
        guard let made = bytes.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw BenchUsageError(message: "cannot create a scratch directory")
        }
        scratch = String(cString: made)
    }

    /// The package root (three levels above this file).
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    func log(_ message: String) {
        FileHandle.standardError.write(Data(("tally-bench: " + message + "\n").utf8))
    }

    /// The release `tally` binary next to this executable, built when missing.
    func tally() throws -> String {
        if let tallyBinary { return tallyBinary }
        let own = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let sibling = own.deletingLastPathComponent().appendingPathComponent("tally").path
        let release = own.path.contains("/release/")
        if !release {
            log("warning: not a release build; figures will be slow (use swift run -c release tally-bench)")
        }
        if access(sibling, X_OK) != 0 || isOlder(sibling, than: own.path) {
            log("building tally (swift build\(release ? " -c release" : "") --product tally)…")
            let result = try Subprocess.run("/usr/bin/env", ["swift", "build"] + (release ? ["-c", "release"] : [])
                                                + ["--product", "tally", "--package-path", Self.packageRoot])
            guard result.exit.status == 0, access(sibling, X_OK) == 0 else {
                throw BenchUsageError(message: "could not build tally (swift build --product tally)")
            }
        }
        tallyBinary = sibling
        return sibling
    }

    private func isOlder(_ a: String, than b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        #if canImport(Darwin)
        return sa.st_mtimespec.tv_sec < sb.st_mtimespec.tv_sec
        #else
        return sa.st_mtim.tv_sec < sb.st_mtim.tv_sec
        #endif
    }

    /// rumdl from `.build/bench-venv`, installed there with pip when missing;
    /// nil when it cannot be had (the rumdl column then says so).
    func rumdl() -> String? {
        guard options.rumdl else { return nil }
        if let rumdlBinary { return rumdlBinary }
        let venv = Self.packageRoot + "/.build/bench-venv"
        let binary = venv + "/bin/rumdl"
        if access(binary, X_OK) != 0 {
            log("installing rumdl into .build/bench-venv (pip install rumdl)…")
            _ = try? Subprocess.run("/usr/bin/env", ["python3", "-m", "venv", venv])
            _ = try? Subprocess.run(venv + "/bin/pip", ["install", "--quiet", "rumdl"])
        }
        guard access(binary, X_OK) == 0 else {
            log("rumdl is not available; its column stays empty")
            return nil
        }
        rumdlBinary = binary
        return binary
    }

    /// The rumdl version, for the report.
    func rumdlVersion() -> String? {
        guard let r = rumdl(), let out = try? Subprocess.run(r, ["--version"], captureOutput: true) else { return nil }
        return out.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    func removeScratch() {
        try? FileManager.default.removeItem(atPath: scratch)
    }
}
