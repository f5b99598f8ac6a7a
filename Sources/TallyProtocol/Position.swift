/// An LSP position: zero-based line and zero-based character offset, the
/// latter counted in the negotiated `PositionEncoding`.
public struct Position: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var character: Int

    public init(line: Int, character: Int) {
        self.line = line
        self.character = character
    }

    /// Reads `{"line": n, "character": n}`; nil unless both are non-negative
    /// integers.
    public init?(json: JSONValue?) {
        guard let line = json?["line"]?.int, let character = json?["character"]?.int,
              line >= 0, character >= 0 else { return nil }
        self.init(line: line, character: character)
    }

    public var json: JSONValue {
        ["line": .int(Int64(line)), "character": .int(Int64(character))]
    }

    public static func < (a: Position, b: Position) -> Bool {
        a.line != b.line ? a.line < b.line : a.character < b.character
    }

    public var description: String { "\(line):\(character)" }
}
