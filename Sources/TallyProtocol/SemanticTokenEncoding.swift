import TallyAnalysis

/// Encodes semantic token items (byte ranges with a type and a modifier bit
/// set, legend `SemanticTokens.types`/`.modifiers`) as the LSP integer
/// array: five numbers per token, `deltaLine`, `deltaStart` (relative to the
/// previous token's start when on the same line), `length`, `tokenType`,
/// `tokenModifiers`, in the negotiated position encoding.
///
/// A token that spans a line break is split into one token per line, so
/// clients without `multilineTokenSupport` get a valid array too; empty
/// pieces are dropped.
struct SemanticTokenEncoding: Sendable {
    var encoding: PositionEncoding

    static var legend: JSONValue {
        ["tokenTypes": .array(SemanticTokens.types.map { .string($0) }),
         "tokenModifiers": .array(SemanticTokens.modifiers.map { .string($0) })]
    }

    func encode(_ items: [SemanticTokens.Item], text: PositionConverter) -> [Int] {
        var data: [Int] = []
        data.reserveCapacity(items.count * 5)
        var previousLine = 0
        var previousStart = 0
        func emit(line: Int, start: Int, length: Int, type: Int, modifiers: Int) {
            guard length > 0 else { return }
            let deltaLine = line - previousLine
            data += [deltaLine, deltaLine == 0 ? start - previousStart : start, length, type, modifiers]
            previousLine = line
            previousStart = start
        }
        for item in items {
            let start = text.position(of: item.range.lowerBound, encoding: encoding)
            let end = text.position(of: item.range.upperBound, encoding: encoding)
            if start.line == end.line {
                emit(line: start.line, start: start.character, length: end.character - start.character,
                     type: item.type, modifiers: item.modifiers)
                continue
            }
            for line in start.line...end.line {
                let from = line == start.line ? start.character : 0
                let to = line == end.line ? end.character
                    : text.position(of: text.contentRange(ofLine: line).upperBound, encoding: encoding).character
                emit(line: line, start: from, length: to - from, type: item.type, modifiers: item.modifiers)
            }
        }
        return data
    }
}
