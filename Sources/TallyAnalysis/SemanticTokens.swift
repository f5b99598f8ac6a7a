/// Semantic highlighting: each markup token gets a type (and modifiers) from a fixed legend,
/// so editors without the TextMate grammar still colour Tally files.
public enum SemanticTokens {
    /// Token types, in legend order. Standard LSP names, so ordinary themes colour them.
    public static let types: [String] = [
        "comment",    // 0 %% comment lines
        "keyword",    // 1 ::: fences, the block type, tag kinds
        "operator",   // 2 [ ] { } = , and front-matter fences and colons
        "parameter",  // 3 tag text (the article words a tag marks)
        "property",   // 4 attribute and front-matter keys
        "variable",   // 5 gazetteer and incident ids in values
        "number",     // 6 counts and dates
        "string",     // 7 quoted values and front-matter values
        "function",   // 8 the incident id on its opening line
    ]
    /// Modifiers, in legend order (a bit set).
    public static let modifiers: [String] = ["declaration", "readonly"]

    public struct Item: Sendable, Hashable {
        public var range: Range<Int>
        public var type: Int
        public var modifiers: Int
    }

    /// The items of `tree` overlapping `range` (all when nil), in order. Prose gets none.
    public static func items(_ tree: SyntaxTree, in range: Range<Int>? = nil) -> [Item] {
        var out: [Item] = []
        let tokens = range.map { tree.tokens(in: $0) } ?? tree.tokens[...]
        for t in tokens {
            let type: Int
            var mods = 0
            switch t.kind {
            case .comment: type = 0
            case .fence, .blockType, .kind: type = 1
            case .tagOpen, .tagClose, .braceOpen, .braceClose, .equals, .comma, .frontMatterFence, .frontMatterColon: type = 2
            case .tagText: type = 3
            case .attributeKey, .frontMatterKey: type = 4
            case .identifier: type = 5
            case .count, .date: type = 6
            case .quotedValue, .frontMatterValue, .value: type = 7
            case .incidentID: type = 8; mods = 1
            case .text, .newline, .markupNewline, .escape, .whitespace, .invalid: continue
            }
            out.append(Item(range: t.range, type: type, modifiers: mods))
        }
        return out
    }
}
