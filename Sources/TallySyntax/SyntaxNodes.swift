/// `key=value` in a tag or on an incident line. Ranges are byte offsets.
public struct Attribute: Sendable, Hashable {
    public var key: String
    public var keyRange: Range<Int>
    /// The value with quotes removed and escapes resolved; empty when missing.
    public var value: String
    /// The value as written (quotes included), or nil when there is no `=`.
    public var valueRange: Range<Int>?
    public var isQuoted: Bool
    /// From the key to the end of the value.
    public var range: Range<Int>

    public init(key: String, keyRange: Range<Int>, value: String, valueRange: Range<Int>?, isQuoted: Bool, range: Range<Int>) {
        self.key = key
        self.keyRange = keyRange
        self.value = value
        self.valueRange = valueRange
        self.isQuoted = isQuoted
        self.range = range
    }

    /// The comma-separated items of the value with their byte ranges.
    ///
    /// The ranges are exact when the value is valid UTF-8. Otherwise `value`
    /// (where each invalid byte became the 3-byte U+FFFD) is longer than the
    /// source, so offsets are clamped to stay inside `valueRange`.
    public var listItems: [(value: String, range: Range<Int>)] {
        guard let vr = valueRange, !isQuoted else {
            return value.isEmpty ? [] : [(value, valueRange ?? keyRange)]
        }
        var items: [(String, Range<Int>)] = []
        func clamped(_ r: Range<Int>) -> Range<Int> {
            min(r.lowerBound, vr.upperBound)..<min(r.upperBound, vr.upperBound)
        }
        var start = vr.lowerBound
        var current: [UInt8] = []
        var offset = vr.lowerBound
        for b in value.utf8 {
            if b == UInt8(ascii: ",") {
                if !current.isEmpty { items.append((String(decoding: current, as: UTF8.self), clamped(start..<offset))) }
                current.removeAll(keepingCapacity: true)
                start = offset + 1
            } else {
                current.append(b)
            }
            offset += 1
        }
        if !current.isEmpty { items.append((String(decoding: current, as: UTF8.self), clamped(start..<offset))) }
        return items
    }
}

/// One `key: value` line of the front matter.
public struct FrontMatterEntry: Sendable, Hashable {
    public var key: String
    public var keyRange: Range<Int>
    public var value: String
    public var valueRange: Range<Int>
    public var lineRange: Range<Int>
}

/// The `---` block at the top of a document.
public struct FrontMatter: Sendable, Hashable {
    /// From the opening `---` to the end of the closing line.
    public var range: Range<Int>
    public var entries: [FrontMatterEntry]
    public var isClosed: Bool

    public func entry(_ key: String) -> FrontMatterEntry? { entries.first { $0.key == key } }
}

/// An inline tag `[TEXT]{KIND[=VALUE] KEY=VALUE ...}`.
public struct Tag: Sendable, Hashable {
    /// From `[` to `}` (or to the end of the line when the braces are unclosed).
    public var range: Range<Int>
    /// The article text inside the brackets.
    public var textRange: Range<Int>
    /// From `{` to `}` inclusive.
    public var braceRange: Range<Int>
    /// The kind as written, and its range (empty range when missing).
    public var kindName: String
    public var kindRange: Range<Int>
    /// The kind, or nil when the name is not a v1 kind.
    public var kind: TagKind?
    /// The value after `KIND=`, if any, as written (quotes removed).
    public var value: String?
    public var valueRange: Range<Int>?
    /// The attributes after the head.
    public var attributes: [Attribute]
    /// Index of the enclosing incident block in `SyntaxTree.incidents`.
    public var enclosingIncident: Int?
    public var isClosed: Bool

    public func attribute(_ key: String) -> Attribute? { attributes.first { $0.key == key } }
}

/// A `::: incident ID ...` block up to its closing `:::`.
public struct IncidentBlock: Sendable, Hashable {
    /// From the opening line's start to the end of the closing line (or the end of the content when unclosed).
    public var range: Range<Int>
    /// The opening line without its line break.
    public var openingLine: Range<Int>
    public var blockType: String
    public var id: String
    public var idRange: Range<Int>
    public var attributes: [Attribute]
    /// The closing `:::` line without its line break, when present.
    public var closingLine: Range<Int>?
    /// Range between the opening and the closing lines.
    public var contentRange: Range<Int>
    /// Indices in `SyntaxTree.tags` of the tags inside.
    public var tagIndices: Range<Int>

    public func attribute(_ key: String) -> Attribute? { attributes.first { $0.key == key } }
}
