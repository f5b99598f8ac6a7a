import Foundation

/// The server's log: messages at or below `level` go to standard error
/// (never standard output, which carries only protocol bytes) and, once the
/// client has sent `initialize`, also to the client as `window/logMessage`.
/// Thread-safe.
public final class ServerLogger: @unchecked Sendable {
    public let level: LogLevel
    private let errorFileDescriptor: Int32?
    private let lock = NSLock()
    private var forward: (@Sendable (LogLevel, String) -> Void)? = nil

    /// `errorFileDescriptor` nil writes nothing locally (tests).
    public init(level: LogLevel, errorFileDescriptor: Int32? = 2) {
        self.level = level
        self.errorFileDescriptor = errorFileDescriptor
    }

    /// Sets where client-bound log messages go.
    func setForwarding(_ forward: (@Sendable (LogLevel, String) -> Void)?) {
        lock.lock()
        self.forward = forward
        lock.unlock()
    }

    public func isEnabled(_ messageLevel: LogLevel) -> Bool { messageLevel <= level }

    public func log(_ messageLevel: LogLevel, _ message: @autoclosure () -> String) {
        guard messageLevel <= level else { return }
        let text = message()
        lock.lock()
        let forward = self.forward
        if let fd = errorFileDescriptor {
            let line = Array("tally lsp [\(messageLevel.name)] \(text)\n".utf8)
            line.withUnsafeBytes { raw in
                var done = 0
                while done < raw.count {
                    let n = Foundation.write(fd, raw.baseAddress! + done, raw.count - done)
                    if n <= 0 { break }
                    done += n
                }
            }
        }
        lock.unlock()
        forward?(messageLevel, text)
    }

    public func error(_ message: @autoclosure () -> String) { log(.error, message()) }
    public func warn(_ message: @autoclosure () -> String) { log(.warn, message()) }
    public func info(_ message: @autoclosure () -> String) { log(.info, message()) }
    public func debug(_ message: @autoclosure () -> String) { log(.debug, message()) }
}
