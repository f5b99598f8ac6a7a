/// What a token is. Every byte of a document belongs to exactly one token,
/// so concatenating the tokens' bytes gives back the document.
public enum TokenKind: UInt8, Sendable, Hashable, CaseIterable {
    /// Article prose outside any tag.
    case text
    /// A line break (`\n` or `\r\n`) that belongs to the article.
    case newline
    /// A line break ending a markup-only line (front matter, comment, fence line).
    case markupNewline
    /// `\[`: an escaped bracket; the article has `[` here.
    case escape
    /// `---` opening or closing the front matter.
    case frontMatterFence
    case frontMatterKey
    case frontMatterColon
    case frontMatterValue
    /// A whole `%%` comment line, without its line break.
    case comment
    /// `:::` at the start of an incident line or closing line.
    case fence
    /// The block type after `:::`, normally `incident`.
    case blockType
    /// The incident id on an opening line.
    case incidentID
    /// `[` that opens a tag.
    case tagOpen
    /// The article text inside a tag's brackets.
    case tagText
    /// `]` that closes a tag's text.
    case tagClose
    /// `{` and `}` around a tag's attributes.
    case braceOpen
    case braceClose
    /// The kind at the head of a tag: `killed`, `place`, ...
    case kind
    /// An attribute key: `victim`, `date`, `killed` on an incident line, ...
    case attributeKey
    /// `=` between a key (or kind) and its value.
    case equals
    /// A value that is a gazetteer or incident id.
    case identifier
    /// A value that is a count: `4`, `130+`, `10-20`.
    case count
    /// A date value: `2025-06-18`, `2025-06`, `2025-06-18/2025-06-19`.
    case date
    /// Any other bare value.
    case value
    /// A double-quoted value, quotes included.
    case quotedValue
    /// `,` separating ids in a list value.
    case comma
    /// Spaces and tabs inside markup.
    case whitespace
    /// Bytes inside markup that could not be understood.
    case invalid

    /// True when the token's bytes are part of the article (what `strip` keeps).
    public var isArticleText: Bool {
        switch self {
        case .text, .newline, .tagText, .escape: return true
        default: return false
        }
    }
}

/// A token: a kind and the byte range it covers.
public struct Token: Sendable, Hashable {
    public var kind: TokenKind
    public var start: Int
    public var end: Int

    public init(kind: TokenKind, start: Int, end: Int) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    public var range: Range<Int> { start..<end }
}
