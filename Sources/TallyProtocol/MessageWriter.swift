import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes `Content-Length`-framed messages to a file descriptor with write(2).
///
/// Thread-safe: a lock is held while one message (header and body, assembled
/// into a single buffer) is written, so messages from different threads never
/// interleave. After a failed write (for example the client closed the pipe)
/// every later write fails at once with the same error.
public final class MessageWriter: @unchecked Sendable {
    public struct WriteError: Error, Sendable, Hashable, CustomStringConvertible {
        public let errno: Int32
        public var description: String { "write failed (errno \(errno))" }
    }

    private let fileDescriptor: Int32
    private let lock = NSLock()
    private var failure: WriteError? = nil

    public init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    /// The framed bytes for `body`: `Content-Length: N\r\n\r\n` then the body.
    public static func frame(_ body: [UInt8]) -> [UInt8] {
        var out = Array("Content-Length: \(body.count)\r\n\r\n".utf8)
        out.reserveCapacity(out.count + body.count)
        out.append(contentsOf: body)
        return out
    }

    public func write(_ value: JSONValue) throws(WriteError) {
        try write(body: JSONSerializer.serialize(value))
    }

    public func write(body: [UInt8]) throws(WriteError) {
        let framed = Self.frame(body)
        lock.lock()
        defer { lock.unlock() }
        if let failure { throw failure }
        var written = 0
        let result: WriteError? = framed.withUnsafeBytes { raw in
            while written < raw.count {
                let n = Foundation.write(fileDescriptor, raw.baseAddress! + written, raw.count - written)
                if n > 0 {
                    written += n
                } else if n < 0 && errno == EINTR {
                    continue
                } else {
                    return WriteError(errno: n < 0 ? errno : EIO)
                }
            }
            return nil
        }
        if let result {
            failure = result
            throw result
        }
    }
}
