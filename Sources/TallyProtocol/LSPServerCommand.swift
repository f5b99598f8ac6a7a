#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `tally lsp`: runs the language server on standard input and output.
///
/// Arguments: `--stdio` (accepted; stdio is the only transport),
/// `--log-level error|warn|info|debug` (default `info`; logs go to standard
/// error and `window/logMessage`), `--clientProcessId N` (also
/// `--clientProcessId=N`, as some clients pass it: exit when that process
/// dies), `--help`.
public enum LSPServerCommand {
    public static let usage = """
        usage: tally lsp [--stdio] [--log-level error|warn|info|debug] [--clientProcessId PID]

        Runs the Tally language server (LSP 3.17) over standard input/output.
        Logs go to standard error and to the client (window/logMessage).
        """

    /// Parsed command-line options, or a message explaining the problem.
    public static func parse(arguments: [String]) -> Result<LanguageServer.Options, LSPArgumentError> {
        var options = LanguageServer.Options()
        var k = 0
        func value(of flag: String) -> Result<String, LSPArgumentError> {
            let arg = arguments[k]
            if let eq = arg.firstIndex(of: "=") { return .success(String(arg[arg.index(after: eq)...])) }
            k += 1
            guard k < arguments.count else { return .failure(LSPArgumentError("\(flag) needs a value")) }
            return .success(arguments[k])
        }
        while k < arguments.count {
            let arg = arguments[k]
            let flag = arg.split(separator: "=", maxSplits: 1).first.map(String.init) ?? arg
            switch flag {
            case "--stdio":
                break
            case "--log-level":
                switch value(of: flag) {
                case .failure(let e): return .failure(e)
                case .success(let name):
                    guard let level = LogLevel(name: name) else {
                        return .failure(LSPArgumentError("unknown log level '\(name)' (error, warn, info, debug)"))
                    }
                    options.logLevel = level
                }
            case "--clientProcessId":
                switch value(of: flag) {
                case .failure(let e): return .failure(e)
                case .success(let text):
                    guard let pid = Int32(text), pid > 0 else {
                        return .failure(LSPArgumentError("invalid process id '\(text)'"))
                    }
                    options.clientProcessId = pid
                }
            case "--help", "-h":
                return .failure(LSPArgumentError(usage, isHelp: true))
            default:
                return .failure(LSPArgumentError("unknown argument '\(arg)'\n\n\(usage)"))
            }
            k += 1
        }
        return .success(options)
    }

    /// Runs the server until it exits; returns the process exit status
    /// (0 after shutdown+exit, 1 otherwise, 2 for bad arguments).
    /// `configure` registers features on the server before it starts.
    public static func run(arguments: [String], configure: (LanguageServer) -> Void = { _ in }) -> Int32 {
        let options: LanguageServer.Options
        switch parse(arguments: arguments) {
        case .success(let parsed):
            options = parsed
        case .failure(let error):
            // Help goes to stdout (no protocol is running); errors to stderr.
            let fd: Int32 = error.isHelp ? 1 : 2
            let text = Array((error.message + "\n").utf8)
            _ = text.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            return error.isHelp ? 0 : 2
        }
        // A client that goes away must not kill us with SIGPIPE mid-write.
        signal(SIGPIPE, SIG_IGN)
        let server = LanguageServer(input: 0, output: 1, options: options)
        configure(server)
        return server.run()
    }
}
