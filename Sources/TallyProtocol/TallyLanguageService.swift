/// The Tally language features on top of the protocol core: workspace
/// indexing, diagnostics (push or pull), completion, hover, navigation
/// (definition, references, highlights, rename, symbols), semantic tokens,
/// folding and selection ranges, code actions, inlay hints, code lenses,
/// document links, formatting, the `tally-gazetteer:` documents,
/// configuration and file watching.
/// It translates and schedules; the analysis itself lives in TallyAnalysis.
///
/// ```swift
/// LSPServerCommand.run(arguments: args) { TallyLanguageService.install(on: $0) }
/// ```
public enum TallyLanguageService {
    /// Registers the Tally handlers on `server` (before `run()`).
    public static func install(on server: LanguageServer) {
        let coordinator = WorkspaceCoordinator(client: server.client, logger: server.logger)

        server.onInitialize { session in coordinator.initialize(session) }
        server.onInitialized { _ in coordinator.initialized() }
        server.addCapabilities { session in
            var capabilities = [ServerCapability("workspace", "workspaceFolders",
                                                 value: ["supported": true, "changeNotifications": true])]
            // Rename with a preparation step when the client can ask for one.
            capabilities.append(ServerCapability("renameProvider", value: session.supports("textDocument", "rename", "prepareSupport")
                ? ["prepareProvider": true] : true))
            if WorkspaceCoordinator.usesPull(session) {
                capabilities.append(ServerCapability("diagnosticProvider", value: [
                    "identifier": "tally", "interFileDependencies": true, "workspaceDiagnostics": true,
                ]))
            }
            return capabilities
        }

        server.onDocumentChange { change, _ in coordinator.documentChanged(change) }
        server.onNotification("workspace/didChangeConfiguration") { params, _ in coordinator.configurationChanged(params) }
        server.onNotification("workspace/didChangeWatchedFiles") { params, _ in coordinator.watchedFilesChanged(params) }
        server.onNotification("workspace/didChangeWorkspaceFolders") { params, _ in coordinator.workspaceFoldersChanged(params) }
        server.onNotification("textDocument/didSave") { _, _ in }

        let features = LanguageFeatures(coordinator: coordinator)
        server.onRequest("textDocument/completion",
                         capability: ServerCapability("completionProvider", value: [
                             "triggerCharacters": .array(LanguageFeatures.triggerCharacters), "resolveProvider": false,
                         ]),
                         execution: .concurrent) { params, context in try features.completion(params, context) }
        server.onRequest("textDocument/hover", capability: ServerCapability("hoverProvider", value: true),
                         execution: .concurrent) { params, context in try features.hover(params, context) }

        Self.installNavigation(on: server, features: features)
        Self.installPresentation(on: server, features: features)

        server.onDeferredRequest("textDocument/diagnostic") { params, context, responder in
            coordinator.documentDiagnostic(params, context: context, responder: responder)
        }
        server.onDeferredRequest("workspace/diagnostic") { params, context, responder in
            coordinator.workspaceDiagnostic(params, context: context, responder: responder)
        }
    }

    private static func installNavigation(on server: LanguageServer, features: LanguageFeatures) {
        server.onRequest("textDocument/definition", capability: ServerCapability("definitionProvider", value: true),
                         execution: .concurrent) { params, context in try features.definition(params, context) }
        server.onRequest("textDocument/references", capability: ServerCapability("referencesProvider", value: true),
                         execution: .concurrent) { params, context in try features.references(params, context) }
        server.onRequest("textDocument/documentHighlight", capability: ServerCapability("documentHighlightProvider", value: true),
                         execution: .concurrent) { params, context in try features.documentHighlight(params, context) }
        server.onRequest("textDocument/prepareRename", execution: .concurrent) { params, context in
            try features.prepareRename(params, context)
        }
        server.onRequest("textDocument/rename", execution: .concurrent) { params, context in try features.rename(params, context) }
        server.onRequest("textDocument/documentSymbol", capability: ServerCapability("documentSymbolProvider", value: true),
                         execution: .concurrent) { params, context in try features.documentSymbol(params, context) }
        server.onRequest("workspace/symbol", capability: ServerCapability("workspaceSymbolProvider", value: true),
                         execution: .concurrent) { params, context in try features.workspaceSymbol(params, context) }
        server.onRequest("workspace/textDocumentContent",
                         capability: ServerCapability("workspace", "textDocumentContent",
                                                      value: ["schemes": [.string(EmbeddedEntryDocument.scheme)]]),
                         execution: .concurrent) { params, context in try features.textDocumentContent(params, context) }
    }

    private static func installPresentation(on server: LanguageServer, features: LanguageFeatures) {
        server.onRequest("textDocument/semanticTokens/full",
                         capability: ServerCapability("semanticTokensProvider", value: [
                             "legend": SemanticTokenEncoding.legend, "full": true, "range": true,
                         ]),
                         execution: .concurrent) { params, context in try features.semanticTokens(params, context, range: false) }
        server.onRequest("textDocument/semanticTokens/range", execution: .concurrent) { params, context in
            try features.semanticTokens(params, context, range: true)
        }
        server.onRequest("textDocument/foldingRange", capability: ServerCapability("foldingRangeProvider", value: true),
                         execution: .concurrent) { params, context in try features.foldingRange(params, context) }
        server.onRequest("textDocument/selectionRange", capability: ServerCapability("selectionRangeProvider", value: true),
                         execution: .concurrent) { params, context in try features.selectionRange(params, context) }
        server.onRequest("textDocument/codeAction",
                         capability: ServerCapability("codeActionProvider", value: [
                             "codeActionKinds": ["quickfix", "refactor.rewrite"], "resolveProvider": false,
                         ]),
                         execution: .concurrent) { params, context in try features.codeAction(params, context) }
        server.onRequest("textDocument/inlayHint", capability: ServerCapability("inlayHintProvider", value: true),
                         execution: .concurrent) { params, context in try features.inlayHint(params, context) }
        server.onRequest("textDocument/codeLens", capability: ServerCapability("codeLensProvider", value: ["resolveProvider": false]),
                         execution: .concurrent) { params, context in try features.codeLens(params, context) }
        server.onRequest("textDocument/documentLink",
                         capability: ServerCapability("documentLinkProvider", value: ["resolveProvider": false]),
                         execution: .concurrent) { params, context in try features.documentLink(params, context) }
        server.onRequest("textDocument/formatting", capability: ServerCapability("documentFormattingProvider", value: true),
                         execution: .concurrent) { params, context in try features.formatting(params, context, range: false) }
        server.onRequest("textDocument/rangeFormatting",
                         capability: ServerCapability("documentRangeFormattingProvider", value: true),
                         execution: .concurrent) { params, context in try features.formatting(params, context, range: true) }
    }
}
