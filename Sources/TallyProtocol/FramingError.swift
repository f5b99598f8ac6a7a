/// A problem with the `Content-Length` framing of the incoming byte stream.
///
/// After a recoverable error the reader resynchronises on the next
/// `Content-Length` header, so the server can report the problem and go on.
/// `isFatal` errors mean the stream is over (end of input inside a message,
/// or a failed read).
public enum FramingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The header block had no `Content-Length` header.
    case missingContentLength
    /// `Content-Length` was not a decimal number, or two headers disagreed.
    case invalidContentLength(String)
    /// A header line was not `Name: value` with a valid name.
    case malformedHeader(String)
    /// The header block exceeded `MessageReader.maximumHeaderSize`.
    case headerTooLarge(limit: Int)
    /// The body was larger than the reader's limit; it was skipped unread.
    case messageTooLarge(length: Int, limit: Int)
    /// The input ended inside a header block or body.
    case unexpectedEndOfInput(inBody: Bool)
    /// read(2) failed with this errno.
    case readFailed(errno: Int32)

    public var isFatal: Bool {
        switch self {
        case .unexpectedEndOfInput, .readFailed: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .missingContentLength:
            return "message header has no Content-Length"
        case .invalidContentLength(let value):
            return "invalid Content-Length '\(value)'"
        case .malformedHeader(let line):
            return "malformed header line '\(line)'"
        case .headerTooLarge(let limit):
            return "message header longer than \(limit) bytes"
        case .messageTooLarge(let length, let limit):
            return "message of \(length) bytes exceeds the limit of \(limit) bytes; skipped"
        case .unexpectedEndOfInput(let inBody):
            return inBody ? "input ended inside a message body" : "input ended inside a message header"
        case .readFailed(let code):
            return "read failed (errno \(code))"
        }
    }
}
