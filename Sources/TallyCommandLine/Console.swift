import Foundation

/// Writing to standard output and standard error without buffering surprises.
public enum Console {
    public static func out(_ s: String) { write(1, s) }
    public static func err(_ s: String) { write(2, s) }

    static func write(_ fd: Int32, _ s: String) {
        var bytes = Array(s.utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Foundation.write(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 { if errno == EINTR { continue }; return }
            done += n
        }
    }

    /// Whether colour should be used on `fd`: a terminal, and NO_COLOR unset.
    public static func wantsColor(_ fd: Int32) -> Bool {
        isatty(fd) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
}

/// A usage error: printed with the command's usage, exit status 2.
public struct UsageError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
    public init(_ message: String) { self.message = message }
}
