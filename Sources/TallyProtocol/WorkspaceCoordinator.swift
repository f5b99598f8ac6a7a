import Foundation
import TallyAnalysis

/// Connects the server loop to the analysis: turns notifications into
/// `WorkspaceEvent`s for the `AnalysisScheduler`, and after each analysis
/// run sends what changed — pushed diagnostics or pull results, progress,
/// file-watch registrations, project problems.
///
/// Threads: the public entry points run on the server's serial queue;
/// `run` and everything it touches (`state`, `reports`) on the analysis
/// queue; settings and the session are shared under a lock.
final class WorkspaceCoordinator: @unchecked Sendable {
    let client: ClientConnection
    let logger: ServerLogger
    let scheduler = AnalysisScheduler()
    let snapshots = SnapshotBox()

    // Analysis queue only.
    private let state: WorkspaceState
    private let reports = DiagnosticReports()
    private var shownProblems: Set<String> = []
    private var watchedGazetteers: [String]? = nil
    private var watcherRegistration: String? = nil
    private var registrationCounter = 0

    // Shared under `lock`.
    private let lock = NSLock()
    private var session = ClientSession()
    private var initialSettings = ServerSettings()
    private var baseDirectory: String? = nil
    private var folders: [String] = []
    /// Set once `initialized` arrived: server-to-client requests may follow.
    private var clientReady = false

    static let watcherMethod = "workspace/didChangeWatchedFiles"

    init(client: ClientConnection, logger: ServerLogger) {
        self.client = client
        self.logger = logger
        self.state = WorkspaceState(logger: logger)
        scheduler.setRunner { [weak self] events in self?.run(events) }
    }

    private var currentSession: ClientSession {
        lock.lock()
        defer { lock.unlock() }
        return session
    }

    /// Whether the client pulls diagnostics (it declared `textDocument.diagnostic`).
    static func usesPull(_ session: ClientSession) -> Bool {
        session.capability("textDocument", "diagnostic")?.object != nil
    }

    // MARK: - Lifecycle (server queue)

    func initialize(_ session: ClientSession) {
        let folders = Self.folders(of: session)
        let (settings, problems) = ServerSettings.parse(session.initializationOptions, baseDirectory: folders.first)
        for problem in problems { logger.warn("initializationOptions: \(problem)") }
        lock.lock()
        self.session = session
        self.folders = folders
        self.baseDirectory = folders.first
        self.initialSettings = settings
        lock.unlock()
        logger.info("workspace folders: \(folders.isEmpty ? "none" : folders.joined(separator: ", "))")
        // Loads the projects and the gazetteer off the request path.
        scheduler.submit(.configure(folders: folders, settings: settings))
    }

    func initialized() {
        let session = currentSession
        if session.supports("workspace", "configuration") { requestConfiguration() }
        lock.lock()
        let hasFolders = !folders.isEmpty
        clientReady = true
        lock.unlock()
        // Indexing; the run after it also registers file watching.
        let progress = hasFolders ? WorkDoneProgress.create(client: client, token: "tally-index-\(UUID().uuidString)",
                                                            title: "Tally: indexing") : nil
        progress?.begin()
        scheduler.submit(.index(progress: progress))
    }

    /// The workspace folders as paths: `workspaceFolders`, else `rootUri`,
    /// else `rootPath`.
    static func folders(of session: ClientSession) -> [String] {
        if let list = session.workspaceFolders?.array {
            let paths = list.compactMap { $0["uri"]?.string.flatMap(FileURI.path(of:)) }
            if !paths.isEmpty { return paths }
        }
        if let uri = session.rootURI, let path = FileURI.path(of: uri) { return [path] }
        if let path = session.rootPath, path.hasPrefix("/") { return [path] }
        return []
    }

    // MARK: - Notifications (server queue)

    func documentChanged(_ change: DocumentChange) {
        switch change.kind {
        case .opened, .changed:
            if let document = change.document { scheduler.submit(.edited(document)) }
        case .closed:
            scheduler.submit(.closed(uri: change.uri))
        }
    }

    func configurationChanged(_ params: JSONValue?) {
        if currentSession.supports("workspace", "configuration") {
            requestConfiguration()
            return
        }
        // Clients without workspace/configuration send the settings along.
        var value = params?["settings"]
        if let inner = value?["tally"] {
            value = inner
        } else if let object = value?.object,
                  !object.keys.contains(where: { ["gazetteers", "defaultGazetteer", "rules"].contains($0) }) {
            value = nil
        }
        applyEditorSettings(value)
    }

    func watchedFilesChanged(_ params: JSONValue?) {
        guard let list = params?["changes"]?.array else {
            logger.warn("workspace/didChangeWatchedFiles without changes")
            return
        }
        let changes = list.compactMap { item -> (uri: String, type: Int)? in
            guard let uri = item["uri"]?.string, let type = item["type"]?.int else { return nil }
            return (uri, type)
        }
        guard !changes.isEmpty else { return }
        scheduler.submit(.watched(changes))
    }

    func workspaceFoldersChanged(_ params: JSONValue?) {
        let added = params?[path: "event", "added"]?.array?.compactMap { $0["uri"]?.string.flatMap(FileURI.path(of:)) } ?? []
        let removed = params?[path: "event", "removed"]?.array?.compactMap { $0["uri"]?.string.flatMap(FileURI.path(of:)) } ?? []
        lock.lock()
        folders.removeAll { removed.contains($0) }
        for folder in added where !folders.contains(folder) { folders.append(folder) }
        let (folders, settings) = (self.folders, effectiveSettings)
        lock.unlock()
        scheduler.submit(.configure(folders: folders, settings: settings), .index(progress: nil))
    }

    private var editorSettings = ServerSettings()

    /// Initialization options with the configuration's settings laid over them (call under `lock`).
    private var effectiveSettings: ServerSettings { initialSettings.overlaid(with: editorSettings) }

    private func requestConfiguration() {
        client.requestConfiguration(items: [["section": "tally"]]) { [weak self] result in
            guard let self else { return }
            switch result {
            case .success(let value):
                self.applyEditorSettings(value[0])
            case .failure(let error):
                self.logger.warn("workspace/configuration failed: \(error.message)")
            }
        }
    }

    private func applyEditorSettings(_ value: JSONValue?) {
        lock.lock()
        let base = baseDirectory
        lock.unlock()
        let (parsed, problems) = ServerSettings.parse(value, baseDirectory: base)
        if !problems.isEmpty {
            client.showMessage(type: 2, "Tally settings: " + problems.joined(separator: "; "))
        }
        lock.lock()
        editorSettings = parsed
        let settings = effectiveSettings
        lock.unlock()
        scheduler.submit(.settings(settings))
    }

    // MARK: - Pull diagnostics (answered on the analysis queue)

    func documentDiagnostic(_ params: JSONValue?, context: HandlerContext, responder: Responder) {
        guard let uri = params?[path: "textDocument", "uri"]?.string else {
            responder.fail(.invalidParams("missing textDocument.uri"))
            return
        }
        let previous = params?["previousResultId"]?.string
        scheduler.afterPendingWork { [self] in
            if context.isCancelled {
                responder.fail(.requestCancelled)
                return
            }
            guard let report = reports.report(uri: uri) else {
                responder.succeed(["kind": "full", "items": []])
                return
            }
            if let previous, previous == report.resultId {
                responder.succeed(["kind": "unchanged", "resultId": .string(report.resultId)])
            } else {
                responder.succeed(["kind": "full", "resultId": .string(report.resultId), "items": .array(report.items)])
            }
        }
    }

    func workspaceDiagnostic(_ params: JSONValue?, context: HandlerContext, responder: Responder) {
        var known: [String: String] = [:]
        for item in params?["previousResultIds"]?.array ?? [] {
            if let uri = item["uri"]?.string, let value = item["value"]?.string {
                known[WorkspaceState.key(of: uri)] = value
            }
        }
        let previous = known
        scheduler.afterPendingWork { [self] in
            if context.isCancelled {
                responder.fail(.requestCancelled)
                return
            }
            var items: [JSONValue] = []
            for key in reports.reports.keys.sorted() {
                let report = reports.reports[key]!
                let version: JSONValue = report.version.map { .int(Int64($0)) } ?? .null
                if previous[key] == report.resultId {
                    items.append(["kind": "unchanged", "uri": .string(report.uri), "version": version,
                                  "resultId": .string(report.resultId)])
                } else {
                    items.append(["kind": "full", "uri": .string(report.uri), "version": version,
                                  "resultId": .string(report.resultId), "items": .array(report.items)])
                }
            }
            responder.succeed(["items": .array(items)])
        }
    }

    // MARK: - Analysis runs (analysis queue)

    private func run(_ events: [WorkspaceEvent]) {
        var outcome = RefreshOutcome()
        let indexRequests = state.apply(events, outcome: &outcome)
        let progress = indexRequests.compactMap { $0 }.first
        state.refresh(outcome: &outcome, progress: progress)
        publish(outcome)
        snapshots.store(AnalysisSnapshot(documents: state.analyzed, projects: state.projectAnalyses))
        let count = state.analyzed.count
        for request in indexRequests { request?.end("\(count) document\(count == 1 ? "" : "s")") }
        updateWatchers()
        reportProblems()
    }

    private func publish(_ outcome: RefreshOutcome) {
        let session = currentSession
        let push = !Self.usesPull(session)
        let conversion = DiagnosticConversion(session: session)
        let analyzed = state.analyzed
        let textOf: (String) -> PositionConverter? = { analyzed[WorkspaceState.key(of: $0)]?.text }
        var changedKeys: Set<String> = []

        for projectKey in outcome.touchedProjects.sorted() {
            guard let project = state.projectAnalyses[projectKey] else { continue }
            for key in project.members {
                guard let done = analyzed[key] else { continue }
                let diagnostics = project.workspace.diagnostics(for: done.uri)
                // Unchanged inputs: skip the conversion, unless a related
                // location points into a document that changed.
                if !outcome.analysed.contains(key),
                   reports.isCurrent(key, uri: done.uri, version: done.version, diagnostics: diagnostics),
                   !diagnostics.contains(where: { $0.related.contains { outcome.analysed.contains(WorkspaceState.key(of: $0.uri)) } }) {
                    continue
                }
                let items = conversion.convert(diagnostics, text: done.text, textOf: textOf)
                let isNew = reports.reports[key] == nil
                guard case .updated(let report, let itemsChanged, let clearURI) =
                        reports.update(key, uri: done.uri, version: done.version, diagnostics: diagnostics, items: items)
                else { continue }
                if itemsChanged { changedKeys.insert(key) }
                guard push else { continue }
                if let clearURI { sendDiagnostics(uri: clearURI, version: nil, items: []) }
                // A file nobody opened and with nothing to say needs no message.
                if isNew && report.items.isEmpty && report.version == nil { continue }
                sendDiagnostics(uri: report.uri, version: report.version, items: report.items)
            }
        }
        for key in outcome.removed.keys.sorted() {
            guard let old = reports.remove(key) else { continue }
            changedKeys.insert(key)
            if push && (!old.items.isEmpty || old.version != nil) {
                sendDiagnostics(uri: old.uri, version: nil, items: [])
            }
        }
        if !push && !changedKeys.isEmpty && (outcome.broad || !changedKeys.isSubset(of: outcome.edited))
            && session.supports("workspace", "diagnostics", "refreshSupport") {
            client.sendRequest("workspace/diagnostic/refresh") { _ in }
        }
    }

    private func sendDiagnostics(uri: String, version: Int?, items: [JSONValue]) {
        var params: JSONObject = ["uri": .string(uri)]
        if let version { params["version"] = .int(Int64(version)) }
        params["diagnostics"] = .array(items)
        client.sendNotification("textDocument/publishDiagnostics", .object(params))
    }

    /// Registers file watching for `tally.json`, `.tally` files and the
    /// gazetteer files in use, again whenever that set of files changes.
    private func updateWatchers() {
        lock.lock()
        let (session, ready) = (self.session, clientReady)
        lock.unlock()
        guard ready, session.supportsDynamicRegistration(of: Self.watcherMethod) else { return }
        let gazetteers = state.projects.gazetteerPaths
        guard gazetteers != watchedGazetteers else { return }
        watchedGazetteers = gazetteers
        if let old = watcherRegistration {
            client.sendRequest("client/unregisterCapability",
                               ["unregisterations": [["id": .string(old), "method": .string(Self.watcherMethod)]]]) { _ in }
        }
        let relative = session.supports("workspace", "didChangeWatchedFiles", "relativePatternSupport")
        var watchers: [JSONValue] = [["globPattern": "**/tally.json"], ["globPattern": "**/*.tally"]]
        for path in gazetteers {
            if relative {
                let directory = ProjectConfiguration.directoryOf(path)
                let name = String(path.dropFirst(directory.count + (directory == "/" ? 0 : 1)))
                watchers.append(["globPattern": ["baseUri": .string(FileURI.uri(ofPath: directory)), "pattern": .string(name)]])
            } else {
                watchers.append(["globPattern": .string(path)])
            }
        }
        registrationCounter += 1
        let id = "tally-watched-files-\(registrationCounter)"
        watcherRegistration = id
        client.registerCapability(id: id, method: Self.watcherMethod, registerOptions: ["watchers": .array(watchers)]) { [logger] result in
            if case .failure(let error) = result { logger.warn("file watching not registered: \(error.message)") }
        }
    }

    /// Shows configuration and gazetteer problems once each.
    private func reportProblems() {
        var problems: [String] = []
        for project in state.projects.loaded { problems += project.problems }
        let fresh = problems.filter { !shownProblems.contains($0) }
        shownProblems = Set(problems)
        guard !fresh.isEmpty else { return }
        for problem in fresh { logger.warn(problem) }
        let shown = fresh.prefix(3).joined(separator: "; ") + (fresh.count > 3 ? " (and \(fresh.count - 3) more)" : "")
        client.showMessage(type: 2, "Tally: \(shown)")
    }
}
