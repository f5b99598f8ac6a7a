import Foundation

/// Child processes for the benchmarks, started with `posix_spawn` so that
/// the time to start them and their peak memory (`wait4`) can be measured.
struct Subprocess {
    let pid: pid_t
    /// Our ends of the child's standard input, output and error (when piped).
    let input: Int32?
    let output: Int32?
    var error: Int32? = nil

    enum Stream {
        case inherit
        case null
        case pipe
        case file(String)
    }

    struct Exit {
        var status: Int32
        var peakRSS: Int
    }

    struct SpawnError: Error, CustomStringConvertible {
        var description: String
    }

    /// Starts `executable` with `arguments`; `environment` entries are added
    /// to (or replace) ours.
    static func spawn(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                      stdin: Stream = .null, stdout: Stream = .null, stderr: Stream = .null) throws -> Subprocess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var toClose: [Int32] = []
        var ours: [Int32?] = [nil, nil, nil]
        for (fd, stream) in [(Int32(0), stdin), (Int32(1), stdout), (Int32(2), stderr)] {
            switch stream {
            case .inherit:
                break
            case .null:
                posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0)
            case .file(let path):
                posix_spawn_file_actions_addopen(&actions, fd, path, fd == 0 ? O_RDONLY : O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            case .pipe:
                var p: [Int32] = [0, 0]
                guard pipe(&p) == 0 else { throw SpawnError(description: "pipe failed") }
                let childEnd = fd == 0 ? p[0] : p[1]
                let ourEnd = fd == 0 ? p[1] : p[0]
                _ = fcntl(ourEnd, F_SETFD, FD_CLOEXEC)
                posix_spawn_file_actions_adddup2(&actions, childEnd, fd)
                posix_spawn_file_actions_addclose(&actions, childEnd)
                toClose.append(childEnd)
                ours[Int(fd)] = ourEnd
            }
        }
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in argv { free(p) }
            for p in envp { free(p) }
        }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        for fd in toClose { close(fd) }
        guard rc == 0 else { throw SpawnError(description: "cannot start \(executable): \(String(cString: strerror(rc)))") }
        return Subprocess(pid: pid, input: ours[0], output: ours[1], error: ours[2])
    }

    /// Waits for the child; its own peak RSS comes from `wait4`.
    func wait() -> Exit {
        if let input { close(input) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        if let output { close(output) }
        if let error { close(error) }
        #if canImport(Darwin)
        let rss = Int(usage.ru_maxrss)
        #else
        let rss = Int(usage.ru_maxrss) * 1024
        #endif
        let code = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Exit(status: code, peakRSS: rss)
    }

    /// Stops the child (SIGKILL) and reaps it.
    func kill() {
        _ = Foundation.kill(pid, SIGKILL)
        _ = wait()
    }

    /// Runs to completion; returns the exit, the wall-clock seconds and what it wrote to stdout.
    ///
    /// Linux carries a process's peak RSS across `exec`, and a child started
    /// with `posix_spawn` (or `fork`) begins with its parent's: a child of
    /// this large benchmark process would report at least our own peak. So
    /// the child is started by a fresh, small copy of this executable
    /// (`--child-measure`), which reports the child's figures from `wait4`;
    /// `floorRSS` is that small process's own size, below which figures
    /// cannot go.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:],
                    captureOutput: Bool = false) throws -> (exit: Exit, seconds: Double, output: String, floorRSS: Int) {
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        let p = try spawn(me, [measureFlag, executable] + arguments, environment: environment,
                          stdout: captureOutput ? .pipe : .null, stderr: .pipe)
        let output = p.output.map(readAll) ?? []
        let report = p.error.map(readAll) ?? []
        let intermediate = p.wait()
        let fields = String(decoding: report, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard intermediate.status == 0, fields.count == 5, fields[0] == "tally-bench-measure",
              let status = Int32(fields[1]), let rss = Int(fields[2]), let seconds = Double(fields[3]), let floor = Int(fields[4]) else {
            throw SpawnError(description: "cannot run \(executable): \(String(decoding: report, as: UTF8.self))")
        }
        return (Exit(status: status, peakRSS: rss), seconds, String(decoding: output, as: UTF8.self), floor)
    }

    static let measureFlag = "--child-measure"

    /// The small intermediate process of `run`: starts the child, waits,
    /// and reports `tally-bench-measure STATUS PEAK_RSS SECONDS FLOOR` on stderr.
    static func measureMain(_ args: [String]) -> Int32 {
        guard let executable = args.first else { return 2 }
        let floor = Stopwatch.ownHighWaterRSS()
        let start = Stopwatch.now()
        guard let child = try? spawn(executable, Array(args.dropFirst()), stdin: .null, stdout: .inherit, stderr: .null) else {
            return 3
        }
        let exit = child.wait()
        let seconds = Double(Stopwatch.now() - start) / 1e9
        let line = "tally-bench-measure \(exit.status) \(exit.peakRSS) \(seconds) \(floor)\n"
        _ = line.withCString { Foundation.write(2, $0, strlen($0)) }
        return 0
    }

    static func readAll(_ fd: Int32) -> [UInt8] {
        var text: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            text += chunk[0..<n]
        }
        return text
    }
}
