import TallySyntax

/// The canonical layout of Tally markup, as minimal text edits.
///
/// Only markup is laid out: the attributes of tags (`{...}`), incident opening
/// and closing lines, and front-matter lines. Article text, prose, line breaks
/// and `%%` comments are never touched. In the canonical form:
///
/// - a tag reads `{HEAD KEY=VALUE ...}`: no blanks inside the braces except
///   one space between items, the head first, then `victim`, `by`, `in`, `note`;
/// - an incident line reads `::: incident ID` and then `date`, `type`, `place`,
///   `by`, `victim`, the totals (killed, injured, abducted, missing, arrested,
///   displaced) and `note`, separated by single spaces; a closing line is `:::`;
/// - a front-matter line reads `key: value`, the keys in the order title,
///   source, url, published, author, language, unknown keys after them;
/// - a value written in quotes keeps its quotes only when it needs them (it is
///   empty or holds a blank, `}`, `[`, `"` or `=`), with `"` and `\` escaped;
///   a bare value is kept as written.
///
/// A tag or line that any syntax diagnostic overlaps is left as it is, and
/// formatting twice gives the same text as formatting once.
public enum Formatter {
    /// The order of the attributes after a figure tag's head.
    public static let tagAttributeOrder: [String] = ["victim", "by", "in", "note"]
    /// The order of the attributes on an incident opening line.
    public static let incidentAttributeOrder: [String] =
        ["date", "type", "place", "by", "victim"] + TagKind.figureKinds.map(\.rawValue) + ["note"]
    /// The order of the known front-matter keys.
    public static let frontMatterOrder: [String] = FrontMatterKey.keys

    /// The edits that bring `tree`'s markup into canonical form, sorted by
    /// offset and not overlapping. With `range`, only the tags and lines that
    /// intersect it are formatted (an empty range selects what touches its offset).
    public static func edits(for tree: SyntaxTree, range: Range<Int>? = nil) -> [TextEdit] {
        let layout = Layout(tree: tree, selection: range)
        var edits: [TextEdit] = []
        layout.frontMatterEdits(into: &edits)
        for block in tree.incidents {
            layout.openingLineEdit(block, into: &edits)
            if let closing = block.closingLine { layout.closingLineEdit(closing, into: &edits) }
        }
        for tag in tree.tags { layout.tagEdit(tag, into: &edits) }
        edits.sort { $0.range.lowerBound < $1.range.lowerBound }
        return edits
    }

    /// `text` with its markup in canonical form.
    public static func formatted(_ text: String) -> String {
        String(decoding: formatted(bytes: Array(text.utf8)), as: UTF8.self)
    }

    /// The bytes of a document with its markup in canonical form. Bytes that
    /// are not valid UTF-8 are kept as they are.
    public static func formatted(bytes: [UInt8]) -> [UInt8] {
        let tree = SyntaxTree.parse(bytes: bytes)
        let edits = edits(for: tree)
        return edits.isEmpty ? bytes : edits.applied(to: bytes)
    }
}

/// The work of one `Formatter.edits` call: the tree, the selection and an
/// index of the diagnostics for overlap queries.
private struct Layout {
    let tree: SyntaxTree
    let bytes: [UInt8]
    let selection: Range<Int>?
    /// Diagnostic ranges sorted by start, each at least one byte long.
    let problemStarts: [Int]
    /// `problemEndsSoFar[k]`: the largest end among the first `k + 1` ranges.
    let problemEndsSoFar: [Int]
    /// True when some byte of the document is not valid UTF-8.
    let hasInvalidUTF8: Bool

    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let equals = UInt8(ascii: "=")
    static let lf: UInt8 = 0x0A
    static let cr: UInt8 = 0x0D

    init(tree: SyntaxTree, selection: Range<Int>?) {
        self.tree = tree
        self.bytes = tree.bytes
        self.selection = selection
        let ranges = tree.diagnostics
            .map { $0.range.lowerBound..<max($0.range.upperBound, $0.range.lowerBound + 1) }
            .sorted { $0.lowerBound < $1.lowerBound }
        problemStarts = ranges.map(\.lowerBound)
        var ends: [Int] = []
        ends.reserveCapacity(ranges.count)
        var most = Int.min
        for r in ranges {
            most = max(most, r.upperBound)
            ends.append(most)
        }
        problemEndsSoFar = ends
        hasInvalidUTF8 = tree.diagnostics.contains { $0.rule == "invalid-utf8" }
    }

    // MARK: - Deciding what may change

    /// True when some diagnostic overlaps `r`.
    func hasProblem(_ r: Range<Int>) -> Bool {
        // The number of diagnostics starting before r ends.
        var lo = 0
        var hi = problemStarts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if problemStarts[mid] < r.upperBound { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 && problemEndsSoFar[lo - 1] > r.lowerBound
    }

    func isSelected(_ r: Range<Int>) -> Bool {
        guard let s = selection else { return true }
        if s.isEmpty { return r.lowerBound <= s.lowerBound && s.lowerBound <= r.upperBound }
        return r.lowerBound < s.upperBound && s.lowerBound < r.upperBound
    }

    /// True when the markup in `r` may be rewritten: selected, free of
    /// diagnostics, and valid UTF-8 (so that no byte is lost in a `String`).
    func mayRewrite(_ r: Range<Int>) -> Bool {
        guard isSelected(r), !hasProblem(r) else { return false }
        if hasInvalidUTF8 && UTF8Check.firstInvalidOffset(Array(bytes[r])) != nil { return false }
        for t in tree.tokens(in: r) where t.kind == .invalid { return false }
        return true
    }

    /// Adds an edit replacing `r` with `canonical` when they differ.
    func propose(_ r: Range<Int>, _ canonical: [UInt8], into edits: inout [TextEdit]) {
        guard !bytes[r].elementsEqual(canonical) else { return }
        edits.append(TextEdit(range: r, newText: String(decoding: canonical, as: UTF8.self)))
    }

    // MARK: - Values

    /// A value as it should be written: a bare value as written, a quoted one
    /// without quotes when it can do without them.
    func appendValue(_ valueRange: Range<Int>, unquoted value: String, to out: inout [UInt8]) {
        guard !valueRange.isEmpty, bytes[valueRange.lowerBound] == Self.quote else {
            out.append(contentsOf: bytes[valueRange])
            return
        }
        guard Self.needsQuotes(value) else {
            out.append(contentsOf: value.utf8)
            return
        }
        out.append(Self.quote)
        for b in value.utf8 {
            if b == Self.quote || b == Self.backslash { out.append(Self.backslash) }
            out.append(b)
        }
        out.append(Self.quote)
    }

    /// True when a value cannot be written bare: it is empty, or a bare value
    /// would end early or read differently.
    static func needsQuotes(_ value: String) -> Bool {
        if value.isEmpty { return true }
        for b in value.utf8 {
            switch b {
            case space, tab, cr, lf, quote, equals, UInt8(ascii: "}"), UInt8(ascii: "["): return true
            default: continue
            }
        }
        return false
    }

    /// Positions in `order`; keys not in it go after, in their original order.
    static func canonicalOrder(_ keys: [String], _ order: [String]) -> [Int] {
        let rank = keys.enumerated().map { i, k in (order.firstIndex(of: k) ?? order.count, i) }
        return rank.indices.sorted { rank[$0] < rank[$1] }
    }

    func appendAttribute(_ a: Attribute, to out: inout [UInt8]) {
        out.append(contentsOf: bytes[a.keyRange])
        out.append(Self.equals)
        appendValue(a.valueRange!, unquoted: a.value, to: &out)
    }

    // MARK: - Tags

    func tagEdit(_ tag: Tag, into edits: inout [TextEdit]) {
        guard tag.isClosed, tag.kind != nil, !tag.kindRange.isEmpty, mayRewrite(tag.range) else { return }
        guard tag.attributes.allSatisfy({ $0.valueRange != nil }) else { return }
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.append(contentsOf: bytes[tag.kindRange])
        if let vr = tag.valueRange, let v = tag.value {
            out.append(Self.equals)
            appendValue(vr, unquoted: v, to: &out)
        }
        for i in Self.canonicalOrder(tag.attributes.map(\.key), Formatter.tagAttributeOrder) {
            out.append(Self.space)
            appendAttribute(tag.attributes[i], to: &out)
        }
        out.append(UInt8(ascii: "}"))
        propose(tag.braceRange, out, into: &edits)
    }

    // MARK: - Incident lines

    func openingLineEdit(_ block: IncidentBlock, into edits: inout [TextEdit]) {
        let line = block.openingLine
        guard block.blockType == "incident", !block.idRange.isEmpty, mayRewrite(line) else { return }
        guard block.attributes.allSatisfy({ $0.valueRange != nil }) else { return }
        var out: [UInt8] = Array(":::".utf8)
        out.append(Self.space)
        out.append(contentsOf: "incident".utf8)
        out.append(Self.space)
        out.append(contentsOf: bytes[block.idRange])
        for i in Self.canonicalOrder(block.attributes.map(\.key), Formatter.incidentAttributeOrder) {
            out.append(Self.space)
            appendAttribute(block.attributes[i], to: &out)
        }
        propose(line, out, into: &edits)
    }

    func closingLineEdit(_ line: Range<Int>, into edits: inout [TextEdit]) {
        guard mayRewrite(line) else { return }
        propose(line, Array(":::".utf8), into: &edits)
    }

    // MARK: - Front matter

    func frontMatterEdits(into edits: inout [TextEdit]) {
        guard let fm = tree.frontMatter, fm.isClosed else { return }
        // The lines between the fences, without their line breaks.
        var lines: [Range<Int>] = []
        var s = afterBreak(lineEnd(from: 0))
        while s < fm.range.upperBound {
            let e = lineEnd(from: s)
            if e - s == 3 && bytes[s..<e].elementsEqual("---".utf8) { break }
            lines.append(s..<e)
            s = afterBreak(e)
        }
        var entryAt: [Int: FrontMatterEntry] = [:]
        for entry in fm.entries { entryAt[entry.lineRange.lowerBound] = entry }

        // The canonical text of each line; nil for a line that stays as it is.
        let canonical: [[UInt8]?] = lines.map { line in
            if let entry = entryAt[line.lowerBound] {
                var out = Array(bytes[entry.keyRange])
                out.append(UInt8(ascii: ":"))
                if !entry.valueRange.isEmpty {
                    out.append(Self.space)
                    out.append(contentsOf: bytes[entry.valueRange])
                }
                return out
            }
            // A line of blanks becomes empty; `#` comments are left alone.
            return bytes[line].allSatisfy({ $0 == Self.space || $0 == Self.tab }) ? [] : nil
        }

        // Reorder when every line is a clean entry and the order is not canonical.
        let keys = lines.compactMap { entryAt[$0.lowerBound]?.key }
        let order = Self.canonicalOrder(keys, Formatter.frontMatterOrder)
        if let first = lines.first, let last = lines.last, keys.count == lines.count,
           order != Array(order.indices), !hasProblem(fm.range) {
            let region = first.lowerBound..<last.upperBound
            guard mayRewrite(region) else { return }
            var out: [UInt8] = []
            for (k, i) in order.enumerated() {
                if k > 0 { out.append(contentsOf: bytes[lines[k - 1].upperBound..<lines[k].lowerBound]) }
                out.append(contentsOf: canonical[i]!)
            }
            propose(region, out, into: &edits)
            return
        }
        for (line, text) in zip(lines, canonical) {
            guard let text, mayRewrite(line) else { continue }
            propose(line, text, into: &edits)
        }
    }

    /// End of the line holding `i`, before its line break.
    func lineEnd(from i: Int) -> Int {
        var j = i
        while j < bytes.count && bytes[j] != Self.lf { j += 1 }
        if j > i && bytes[j - 1] == Self.cr { j -= 1 }
        return j
    }

    /// The offset after the line break at `i`.
    func afterBreak(_ i: Int) -> Int {
        var j = i
        if j < bytes.count && bytes[j] == Self.cr { j += 1 }
        if j < bytes.count && bytes[j] == Self.lf { j += 1 }
        return j
    }
}
