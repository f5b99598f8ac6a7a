#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads JSON-RPC message bodies framed by a `Content-Length` header, as the
/// LSP base protocol specifies, from a file descriptor with read(2).
///
/// - Header lines end with `\r\n` (a bare `\n` is tolerated); an empty line
///   ends the header block. Header names are case-insensitive;
///   `Content-Type` and unknown headers are accepted and ignored.
/// - A body longer than `maximumMessageSize` is consumed in fixed-size chunks
///   and dropped, never held in memory whole, and reported as
///   `FramingError.messageTooLarge`.
/// - After a header error the reader skips ahead to the next
///   `Content-Length` (case-insensitive) and carries on from there.
///
/// One reader belongs to one thread; it is not thread-safe.
public final class MessageReader {
    /// Default limit on a message body: 64 MiB.
    public static let maximumMessageSize = 64 * 1024 * 1024
    /// Limit on a whole header block.
    public static let maximumHeaderSize = 8 * 1024

    public let maximumMessageSize: Int

    private enum Source {
        case fileDescriptor(Int32)
        case memory([UInt8], position: Int)
    }

    private var source: Source
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var needsResync = false
    private var sawEndOfInput = false
    private static let chunkSize = 64 * 1024
    private static let contentLength = Array("content-length".utf8)

    public init(fileDescriptor: Int32, maximumMessageSize: Int = MessageReader.maximumMessageSize) {
        self.source = .fileDescriptor(fileDescriptor)
        self.maximumMessageSize = maximumMessageSize
        self.buffer = [UInt8](repeating: 0, count: Self.chunkSize)
    }

    /// A reader over bytes already in memory (tests, fuzzing).
    public init(bytes: [UInt8], maximumMessageSize: Int = MessageReader.maximumMessageSize) {
        self.source = .memory(bytes, position: 0)
        self.maximumMessageSize = maximumMessageSize
        self.buffer = [UInt8](repeating: 0, count: Self.chunkSize)
    }

    /// The next message body, or nil when the input ends cleanly between
    /// messages. Throws a `FramingError`; after a non-fatal one the next call
    /// continues with the following message.
    public func readMessage() throws(FramingError) -> [UInt8]? {
        if needsResync {
            guard try resynchronise() else { return nil }
        }
        guard let length = try readHeader() else { return nil }
        if length > maximumMessageSize {
            try skip(length)
            throw FramingError.messageTooLarge(length: length, limit: maximumMessageSize)
        }
        return try readBody(length)
    }

    // MARK: Header

    /// Parses one header block; returns its Content-Length, or nil at a
    /// clean end of input before any byte of a new message.
    private func readHeader() throws(FramingError) -> Int? {
        var lineStart = start
        var contentLength: Int? = nil
        var lengthError: FramingError? = nil
        while true {
            // Find the end of the current line in what is buffered.
            var p = lineStart
            while p < end && buffer[p] != 0x0A { p += 1 }
            if p == end {
                if end - start >= Self.maximumHeaderSize {
                    start = end
                    needsResync = true
                    throw FramingError.headerTooLarge(limit: Self.maximumHeaderSize)
                }
                let offsetInHeader = lineStart - start
                let got = try fill()
                lineStart = start + offsetInHeader
                if got == 0 {
                    if end == start { return nil }
                    start = end
                    throw FramingError.unexpectedEndOfInput(inBody: false)
                }
                continue
            }
            if p - start >= Self.maximumHeaderSize {
                start = p + 1
                needsResync = true
                throw FramingError.headerTooLarge(limit: Self.maximumHeaderSize)
            }
            var lineEnd = p
            if lineEnd > lineStart && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let next = p + 1
            if lineEnd == lineStart {
                // Blank line: end of the header block.
                if lineStart == start {
                    // A stray line break before any header: skip it.
                    start = next
                    lineStart = next
                    continue
                }
                start = next
                if let lengthError {
                    needsResync = true
                    throw lengthError
                }
                guard let contentLength else {
                    needsResync = true
                    throw FramingError.missingContentLength
                }
                return contentLength
            }
            // `Name: value`
            guard let colon = (lineStart..<lineEnd).first(where: { buffer[$0] == UInt8(ascii: ":") }),
                  colon > lineStart,
                  (lineStart..<colon).allSatisfy({ Self.isTokenByte(buffer[$0]) })
            else {
                let text = String(decoding: buffer[lineStart..<min(lineEnd, lineStart + 80)], as: UTF8.self)
                start = lineStart + 1
                needsResync = true
                throw FramingError.malformedHeader(text)
            }
            if Self.equalsIgnoringCase(buffer[lineStart..<colon], Self.contentLength) {
                var v = colon + 1
                var w = lineEnd
                while v < w && (buffer[v] == 0x20 || buffer[v] == 0x09) { v += 1 }
                while w > v && (buffer[w - 1] == 0x20 || buffer[w - 1] == 0x09) { w -= 1 }
                let text = String(decoding: buffer[v..<w], as: UTF8.self)
                if let n = Self.parseLength(buffer[v..<w]) {
                    if let previous = contentLength, previous != n {
                        lengthError = .invalidContentLength("\(previous), \(n)")
                    }
                    contentLength = n
                } else {
                    lengthError = .invalidContentLength(text)
                }
            }
            lineStart = next
        }
    }

    /// Skips to the next `Content-Length` header; false at end of input.
    private func resynchronise() throws(FramingError) -> Bool {
        let pattern = Self.contentLength
        while true {
            var p = start
            while p + pattern.count <= end {
                if Self.lowercased(buffer[p]) == pattern[0]
                    && Self.equalsIgnoringCase(buffer[p..<(p + pattern.count)], pattern) {
                    start = p
                    needsResync = false
                    return true
                }
                p += 1
            }
            // Keep a possible partial match at the end of the buffer.
            start = max(start, end - (pattern.count - 1))
            if try fill() == 0 {
                start = end
                return false
            }
        }
    }

    // MARK: Body

    private func readBody(_ length: Int) throws(FramingError) -> [UInt8] {
        var body = [UInt8]()
        body.reserveCapacity(length)
        let buffered = min(length, end - start)
        body.append(contentsOf: buffer[start..<(start + buffered)])
        start += buffered
        if body.count < length {
            // Read the rest straight into the body, past our buffer.
            var failure: FramingError? = nil
            let missing = length - body.count
            body.append(contentsOf: repeatElement(0, count: missing))
            var filled = length - missing
            body.withUnsafeMutableBytes { raw in
                while filled < length {
                    switch rawRead(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled..<length])) {
                    case .success(0):
                        failure = .unexpectedEndOfInput(inBody: true)
                        return
                    case .success(let n):
                        filled += n
                    case .failure(let e):
                        failure = e
                        return
                    }
                }
            }
            if let failure { throw failure }
        }
        return body
    }

    private func skip(_ length: Int) throws(FramingError) {
        var remaining = length
        while remaining > 0 {
            if start == end {
                if try fill() == 0 { throw FramingError.unexpectedEndOfInput(inBody: true) }
            }
            let n = min(remaining, end - start)
            start += n
            remaining -= n
        }
    }

    // MARK: Input

    /// Appends more input to the buffer, compacting it first; returns the
    /// number of bytes read (0 at end of input).
    private func fill() throws(FramingError) -> Int {
        if sawEndOfInput { return 0 }
        if start == end {
            start = 0
            end = 0
        } else if start > 0 && end == buffer.count {
            let count = end - start
            buffer.withUnsafeMutableBytes { raw in
                let base = raw.baseAddress!
                memmove(base, base + start, count)
            }
            start = 0
            end = count
        }
        if end == buffer.count {
            buffer.append(contentsOf: repeatElement(0, count: buffer.count))
        }
        var result: Result<Int, FramingError> = .success(0)
        let from = end
        buffer.withUnsafeMutableBytes { raw in
            result = rawRead(into: UnsafeMutableRawBufferPointer(rebasing: raw[from...]))
        }
        let n = try result.get()
        if n == 0 { sawEndOfInput = true }
        end += n
        return n
    }

    private func rawRead(into target: UnsafeMutableRawBufferPointer) -> Result<Int, FramingError> {
        switch source {
        case .fileDescriptor(let fd):
            while true {
                let n = read(fd, target.baseAddress, target.count)
                if n >= 0 { return .success(n) }
                if errno == EINTR { continue }
                return .failure(.readFailed(errno: errno))
            }
        case .memory(let bytes, let position):
            let n = min(target.count, bytes.count - position)
            if n > 0 {
                bytes.withUnsafeBytes { src in
                    target.baseAddress!.copyMemory(from: src.baseAddress! + position, byteCount: n)
                }
            }
            source = .memory(bytes, position: position + n)
            return .success(n)
        }
    }

    // MARK: Helpers

    private static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(b)
        }
    }

    @inline(__always) private static func lowercased(_ b: UInt8) -> UInt8 {
        b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b
    }

    private static func equalsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ lower: [UInt8]) -> Bool {
        guard bytes.count == lower.count else { return false }
        for (a, b) in zip(bytes, lower) where lowercased(a) != b { return false }
        return true
    }

    /// A non-empty run of decimal digits, at most 18 of them (no overflow).
    private static func parseLength(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var n = 0
        for b in bytes {
            guard b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") else { return nil }
            n = n * 10 + Int(b - UInt8(ascii: "0"))
        }
        return n
    }
}
