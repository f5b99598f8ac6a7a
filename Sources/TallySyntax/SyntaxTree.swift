/// The result of parsing one document: the tokens that cover every byte, the
/// nodes built over them, and the syntax diagnostics.
public struct SyntaxTree: Sendable {
    public let bytes: [UInt8]
    public let tokens: [Token]
    public let frontMatter: FrontMatter?
    public let tags: [Tag]
    public let incidents: [IncidentBlock]
    /// Byte ranges of `%%` comment lines (without line breaks).
    public let comments: [Range<Int>]
    public let diagnostics: [SyntaxDiagnostic]
    public let lineIndex: LineIndex

    public init(bytes: [UInt8], tokens: [Token], frontMatter: FrontMatter?, tags: [Tag], incidents: [IncidentBlock],
                comments: [Range<Int>], diagnostics: [SyntaxDiagnostic], lineIndex: LineIndex) {
        self.bytes = bytes
        self.tokens = tokens
        self.frontMatter = frontMatter
        self.tags = tags
        self.incidents = incidents
        self.comments = comments
        self.diagnostics = diagnostics
        self.lineIndex = lineIndex
    }

    /// Parses `text`.
    public static func parse(_ text: String) -> SyntaxTree { Parser.parse(Array(text.utf8)) }
    public static func parse(bytes: [UInt8]) -> SyntaxTree { Parser.parse(bytes) }

    /// The text of a byte range (invalid UTF-8 is replaced).
    public func text(_ range: Range<Int>) -> String {
        let r = max(0, range.lowerBound)..<min(bytes.count, max(range.upperBound, range.lowerBound))
        return String(decoding: bytes[r], as: UTF8.self)
    }

    /// The tag text of `tag`, with escapes resolved.
    public func tagText(_ tag: Tag) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(tag.textRange.count)
        for t in tokens(in: tag.textRange) {
            if t.kind == .escape { out.append(bytes[t.end - 1]) } else { out.append(contentsOf: bytes[t.range]) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Index of the first token ending after `offset`.
    public func tokenIndex(at offset: Int) -> Int {
        var lo = 0
        var hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].end <= offset { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The token covering `offset` (the one starting there when the offset is a boundary).
    public func token(at offset: Int) -> Token? {
        let i = tokenIndex(at: offset)
        return i < tokens.count ? tokens[i] : nil
    }

    /// The tokens overlapping `range`.
    public func tokens(in range: Range<Int>) -> ArraySlice<Token> {
        let first = tokenIndex(at: range.lowerBound)
        var last = first
        while last < tokens.count && tokens[last].start < range.upperBound { last += 1 }
        return tokens[first..<last]
    }

    /// The index of the tag whose range holds `offset` (start and end inclusive).
    public func tagIndex(at offset: Int) -> Int? {
        var lo = 0
        var hi = tags.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tags[mid].range.upperBound < offset { lo = mid + 1 } else { hi = mid }
        }
        guard lo < tags.count, tags[lo].range.lowerBound <= offset, offset <= tags[lo].range.upperBound else { return nil }
        return lo
    }

    /// The index of the incident block holding `offset`.
    public func incidentIndex(at offset: Int) -> Int? {
        var lo = 0
        var hi = incidents.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if incidents[mid].range.upperBound <= offset { lo = mid + 1 } else { hi = mid }
        }
        guard lo < incidents.count, incidents[lo].range.contains(offset) else { return nil }
        return lo
    }
}
