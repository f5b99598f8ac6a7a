/// Why a JSON text was rejected, and where: `offset` is the zero-based byte
/// offset of the offending byte (the input length for a premature end).
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    public let offset: Int
    public let message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }

    public var description: String { "byte \(offset): \(message)" }
}
