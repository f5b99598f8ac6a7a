import TallyAnalysis

/// What a feature request works on: the analysis of the requested
/// document's text, the workspace analysis and gazetteer of its project, and
/// the texts the analysis was made from (to convert ranges of other
/// documents).
struct FeatureInputs: Sendable {
    /// The document as it was when the request arrived.
    let document: TextDocument
    let analysis: DocumentAnalysis
    let workspace: WorkspaceAnalysis
    let project: ServiceProject
    let snapshot: AnalysisSnapshot
    /// True when `analysis` is the one the workspace analysis holds (false
    /// when this text was analysed alone because a later edit was analysed).
    let isCurrent: Bool

    var gazetteer: Gazetteer { project.gazetteer }

    /// The diagnostics of the document: with the cross-document ones when
    /// the workspace analysis was made from this very text.
    var diagnostics: [Diagnostic] {
        isCurrent ? workspace.diagnostics(for: document.uri) : analysis.diagnostics
    }

    /// The text the analysis of `uri` was made from (the requested
    /// document's current text for its own URI); nil when unknown.
    func text(of uri: String) -> PositionConverter? {
        if uri == document.uri { return document.content }
        return snapshot.document(uri: uri)?.text
    }

    /// The editor's version of the text the analysis of `uri` was made
    /// from; nil for file texts and unknown documents.
    func version(of uri: String) -> Int? {
        if uri == document.uri { return document.version }
        return snapshot.document(uri: uri)?.version
    }
}
