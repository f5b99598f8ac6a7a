/// The Tally language features on top of the protocol core: workspace
/// indexing, diagnostics (push or pull), completion, hover, configuration
/// and file watching.
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

        server.onDeferredRequest("textDocument/diagnostic") { params, context, responder in
            coordinator.documentDiagnostic(params, context: context, responder: responder)
        }
        server.onDeferredRequest("workspace/diagnostic") { params, context, responder in
            coordinator.workspaceDiagnostic(params, context: context, responder: responder)
        }
    }
}
