/// An LSP `Range`: from `start` up to, not including, `end`.
public struct LSPRange: Sendable, Hashable, CustomStringConvertible {
    public var start: Position
    public var end: Position

    public init(start: Position, end: Position) {
        self.start = start
        self.end = end
    }

    /// Reads `{"start": Position, "end": Position}`.
    public init?(json: JSONValue?) {
        guard let start = Position(json: json?["start"]), let end = Position(json: json?["end"]) else { return nil }
        self.init(start: start, end: end)
    }

    public var json: JSONValue { ["start": start.json, "end": end.json] }

    public var description: String { "\(start)-\(end)" }
}
