/// A code action that is not attached to a diagnostic.
public struct Refactoring: Sendable, Hashable {
    public var title: String
    public var kind: String
    public var edits: [String: [TextEdit]]
}

/// Refactorings offered for a selection.
public enum CodeActions {
    /// "Wrap selection in an incident block", when the selection is outside every block.
    public static func refactorings(_ document: DocumentAnalysis, selection: Range<Int>) -> [Refactoring] {
        let tree = document.tree
        guard !selection.isEmpty else { return [] }
        for block in tree.incidents where block.range.overlaps(selection) { return [] }
        if let fm = tree.frontMatter, fm.range.overlaps(selection) { return [] }
        let idx = tree.lineIndex
        let firstLine = idx.line(containing: selection.lowerBound)
        var lastLine = idx.line(containing: max(selection.lowerBound, selection.upperBound - 1))
        if lastLine < firstLine { lastLine = firstLine }
        let start = idx.lineStarts[firstLine]
        let full = idx.fullRange(ofLine: lastLine)
        let crlf = tree.bytes[start..<full.upperBound].contains(0x0D)
        let nl = crlf ? "\r\n" : "\n"
        var used = Set(document.incidents.map(\.id))
        var n = 1
        while used.contains("incident-\(n)") { n += 1 }
        used.insert("incident-\(n)")
        var edits = [TextEdit(range: start..<start, newText: "::: incident incident-\(n)\(document.published.map { " date=\($0)" } ?? "")\(nl)")]
        let endsWithBreak = full.upperBound > full.lowerBound && tree.bytes[full.upperBound - 1] == 0x0A
        edits.append(TextEdit(range: full.upperBound..<full.upperBound, newText: endsWithBreak ? ":::\(nl)" : "\(nl):::\(nl)"))
        return [Refactoring(title: "Wrap in an incident block", kind: "refactor.rewrite", edits: [document.uri: edits])]
    }
}
