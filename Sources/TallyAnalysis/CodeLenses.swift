/// A line of information above an incident's opening line.
public struct CodeLensInfo: Sendable, Hashable {
    public var range: Range<Int>
    public var title: String
    public var incidentID: String
}

public enum CodeLenses {
    /// Totals per kind and the number of supporting figures, for each incident.
    public static func lenses(_ document: DocumentAnalysis, workspace: WorkspaceAnalysis) -> [CodeLensInfo] {
        document.incidents.map { inc in
            let totals = IncidentTotal.totals(of: inc, figures: document.figures)
            let figures = inc.figureIndices.count
            var parts = totals.map { "\($0.kind.rawValue) \($0.interval.display)" + ($0.isInconsistent ? " ⚠" : "") }
            parts.append("\(figures) figure\(figures == 1 ? "" : "s")")
            let elsewhere = (workspace.incidentDefinitions[inc.id] ?? []).filter { $0.uri != document.uri }.count
            if elsewhere > 0 { parts.append("also in \(elsewhere) other document\(elsewhere == 1 ? "" : "s")") }
            return CodeLensInfo(range: inc.idRange, title: parts.joined(separator: " · "), incidentID: inc.id)
        }
    }
}
