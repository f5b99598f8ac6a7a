/// How much the server logs: each level includes the ones before it.
public enum LogLevel: Int, Sendable, Hashable, Comparable, CaseIterable {
    case error = 0
    case warn = 1
    case info = 2
    case debug = 3

    /// Parses `error`, `warn` (or `warning`), `info`, `debug`.
    public init?(name: String) {
        switch name.lowercased() {
        case "error": self = .error
        case "warn", "warning": self = .warn
        case "info": self = .info
        case "debug": self = .debug
        default: return nil
        }
    }

    public var name: String {
        switch self {
        case .error: return "error"
        case .warn: return "warn"
        case .info: return "info"
        case .debug: return "debug"
        }
    }

    /// The LSP `MessageType` for `window/logMessage` (Error 1, Warning 2,
    /// Info 3, Log 4).
    public var messageType: Int {
        switch self {
        case .error: return 1
        case .warn: return 2
        case .info: return 3
        case .debug: return 4
        }
    }

    public static func < (a: LogLevel, b: LogLevel) -> Bool { a.rawValue < b.rawValue }
}
