/// A foldable region, by byte range.
public struct FoldingRegion: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case region, comment, imports }
    public var range: Range<Int>
    public var kind: Kind
}

/// Folding ranges and selection ranges.
public enum Structure {
    /// Incident blocks, the front matter, and runs of two or more comment lines.
    public static func foldingRegions(_ tree: SyntaxTree) -> [FoldingRegion] {
        var out: [FoldingRegion] = []
        if let fm = tree.frontMatter, fm.isClosed { out.append(FoldingRegion(range: fm.range, kind: .imports)) }
        for block in tree.incidents {
            let end = block.closingLine?.upperBound ?? block.range.upperBound
            out.append(FoldingRegion(range: block.openingLine.lowerBound..<end, kind: .region))
        }
        var runStart: Int? = nil
        var runEnd = 0
        var count = 0
        for c in tree.comments {
            if runStart != nil, tree.lineIndex.line(containing: c.lowerBound) == tree.lineIndex.line(containing: runEnd) + 1 {
                runEnd = c.upperBound
                count += 1
            } else {
                if let s = runStart, count >= 2 { out.append(FoldingRegion(range: s..<runEnd, kind: .comment)) }
                runStart = c.lowerBound
                runEnd = c.upperBound
                count = 1
            }
        }
        if let s = runStart, count >= 2 { out.append(FoldingRegion(range: s..<runEnd, kind: .comment)) }
        return out.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Ranges holding `offset`, innermost first: token, attribute, tag text or braces, tag, line, incident block, document.
    public static func selectionRanges(_ tree: SyntaxTree, at offset: Int) -> [Range<Int>] {
        var out: [Range<Int>] = []
        func add(_ r: Range<Int>) {
            guard r.lowerBound <= offset && offset <= r.upperBound else { return }
            if let last = out.last, last == r { return }
            if let last = out.last, !(r.lowerBound <= last.lowerBound && last.upperBound <= r.upperBound) { return }
            out.append(r)
        }
        if let t = tree.token(at: offset), t.kind != .newline && t.kind != .markupNewline {
            if t.kind == .text || t.kind == .tagText {
                add(word(tree, in: t.range, at: offset))
            }
            add(t.range)
        }
        if let ti = tree.tagIndex(at: offset) {
            let tag = tree.tags[ti]
            for a in tag.attributes where a.range.contains(offset) || a.range.upperBound == offset { add(a.range) }
            if tag.textRange.contains(offset) { add(tag.textRange) }
            if tag.braceRange.contains(offset) { add(tag.braceRange) }
            add(tag.range)
        }
        for block in tree.incidents where block.openingLine.contains(offset) || block.openingLine.upperBound == offset {
            for a in block.attributes where a.range.contains(offset) { add(a.range) }
        }
        let line = tree.lineIndex.line(containing: offset)
        add(tree.lineIndex.contentRange(ofLine: line, in: tree.bytes))
        if let ii = tree.incidentIndex(at: offset) {
            let b = tree.incidents[ii]
            add(b.contentRange)
            add(b.range)
        }
        add(0..<tree.bytes.count)
        return out
    }

    /// The word (letters, digits, `-`, `'`) around `offset` within `range`.
    static func word(_ tree: SyntaxTree, in range: Range<Int>, at offset: Int) -> Range<Int> {
        func isWord(_ c: UInt8) -> Bool { c >= 0x80 || (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == UInt8(ascii: "-") || c == UInt8(ascii: "'") }
        var s = offset, e = offset
        while s > range.lowerBound && isWord(tree.bytes[s - 1]) { s -= 1 }
        while e < range.upperBound && isWord(tree.bytes[e]) { e += 1 }
        return s..<e
    }
}
