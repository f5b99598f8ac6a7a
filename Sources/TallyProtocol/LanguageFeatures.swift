import Dispatch
import TallyAnalysis

/// The request handlers that read the analysis (completion, hover). They
/// run concurrently, off the server's queue, on the document as it was when
/// the request arrived: the analysis of that version, waiting for it if it
/// is under way; if a later version was analysed instead, that text alone is
/// analysed again with its project's gazetteer (the workspace analysis may
/// then be one edit behind).
struct LanguageFeatures: Sendable {
    let coordinator: WorkspaceCoordinator

    static let triggerCharacters: [JSONValue] = ["{", "=", ",", "["]

    /// Whether a `contentFormat`/`documentationFormat` list admits Markdown
    /// (a client that states no list gets Markdown).
    static func acceptsMarkdown(_ formats: JSONValue?) -> Bool {
        guard let list = formats?.array else { return true }
        return list.contains { $0.string == "markdown" }
    }

    /// The analysis of `document`'s current text, its workspace and gazetteer.
    func inputs(for document: TextDocument) -> (DocumentAnalysis, WorkspaceAnalysis, Gazetteer)? {
        func isCurrent(_ done: AnalyzedDocument) -> Bool {
            done.version == document.version && done.uri == document.uri && done.text.bytes.count == document.bytes.count
        }
        var snapshot = coordinator.snapshots.snapshot
        if snapshot.document(uri: document.uri).map(isCurrent) != true {
            // The analysis of this text is queued or running (the edit was
            // handed over before this request): waiting for it costs less
            // than analysing again. This waits on a worker thread, not on
            // the server's queue.
            coordinator.scheduler.queue.sync {}
            snapshot = coordinator.snapshots.snapshot
        }
        guard let done = snapshot.document(uri: document.uri), let project = snapshot.project(of: done) else { return nil }
        let gazetteer = project.project.gazetteer
        if isCurrent(done) { return (done.analysis, project.workspace, gazetteer) }
        // A later edit was analysed instead (latest wins): analyse this text alone.
        let fresh = DocumentAnalysis.analyze(uri: document.uri, bytes: document.bytes, gazetteer: gazetteer,
                                             settings: project.project.settings)
        return (fresh, project.workspace, gazetteer)
    }

    func completion(_ params: JSONValue?, _ context: HandlerContext) throws -> JSONValue {
        let (document, _, offset) = try context.textDocumentPosition(params)
        try context.checkCancellation()
        guard let (analysis, workspace, gazetteer) = inputs(for: document) else {
            return ["isIncomplete": true, "items": []]
        }
        try context.checkCancellation()
        let translation = CompletionTranslation(session: context.session)
        let result = Completion.complete(in: analysis, at: offset, workspace: workspace, gazetteer: gazetteer,
                                         options: CompletionOptions(snippets: translation.snippets, limit: 50))
        return translation.list(result, text: document.content)
    }

    func hover(_ params: JSONValue?, _ context: HandlerContext) throws -> JSONValue {
        let (document, _, offset) = try context.textDocumentPosition(params)
        try context.checkCancellation()
        guard let (analysis, workspace, gazetteer) = inputs(for: document),
              let info = Hover.hover(in: analysis, at: offset, workspace: workspace, gazetteer: gazetteer) else {
            return .null
        }
        let markdown = Self.acceptsMarkdown(context.session.capability("textDocument", "hover", "contentFormat"))
        return [
            "contents": ["kind": markdown ? "markdown" : "plaintext", "value": .string(info.markdown)],
            "range": document.range(of: info.range, encoding: context.positionEncoding).json,
        ]
    }
}
