/// A short label shown after a construct, in the editor's text.
public struct InlayHint: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case resolvedID, count }
    public var offset: Int
    public var label: String
    public var kind: Kind
    public var tooltip: String?
}

public enum InlayHints {
    /// `=kayes` after a tag whose id was inferred from its text, and `≥130` after a figure
    /// whose count was read from its text.
    public static func hints(_ document: DocumentAnalysis, in range: Range<Int>? = nil,
                             ids: Bool = true, counts: Bool = true) -> [InlayHint] {
        let tree = document.tree
        var out: [InlayHint] = []
        func inRange(_ o: Int) -> Bool { range.map { $0.lowerBound <= o && o <= $0.upperBound } ?? true }
        if ids {
            for r in document.references where r.role == .tag && r.isInferred {
                guard let id = r.entryID, let ti = r.tagIndex else { continue }
                let at = tree.tags[ti].kindRange.upperBound
                if inRange(at) { out.append(InlayHint(offset: at, label: "=\(id)", kind: .resolvedID, tooltip: "resolved from '\(r.surface)'")) }
            }
        }
        if counts {
            for f in document.figures where f.given == nil {
                guard let r = f.reading else { continue }
                let at = tree.tags[f.tagIndex].kindRange.upperBound
                if inRange(at) { out.append(InlayHint(offset: at, label: r.interval.display, kind: .count, tooltip: "read from '\(r.words)'")) }
            }
        }
        return out.sorted { $0.offset < $1.offset }
    }
}
