import TallySyntax
import TallyAnalysis

/// A document the server knows: open in the editor, a `.tally` file under a
/// workspace folder, or both. The open text wins over the file's.
struct WorkspaceDocument: Sendable {
    var uri: String
    var path: String?
    var open: TextDocument?
    /// The file's text; nil until read (and while open, it is not needed).
    var disk: PositionConverter?
    /// A `.tally` file under a workspace folder: it stays known when closed.
    var inWorkspace: Bool
    /// Changes with every new text, so the analysis knows what to redo.
    var generation: Int

    var text: PositionConverter? { open?.content ?? disk }
}

/// The analysis of one document's text, with what it was made from.
public struct AnalyzedDocument: Sendable {
    public let key: String
    public let uri: String
    /// The editor's version of the analysed text; nil for a file's text.
    public let version: Int?
    public let text: PositionConverter
    public let projectKey: String
    let projectGeneration: Int
    let generation: Int
    public let analysis: DocumentAnalysis
}

/// The documents of one project analysed together.
public struct ProjectAnalysis: Sendable {
    public let project: ServiceProject
    public let workspace: WorkspaceAnalysis
    /// Document keys, sorted.
    public let members: [String]
}

/// What one refresh changed.
struct RefreshOutcome {
    /// Documents analysed anew.
    var analysed: Set<String> = []
    /// Projects whose workspace analysis was rebuilt.
    var touchedProjects: Set<String> = []
    /// Documents no longer known, with their last analysis.
    var removed: [String: AnalyzedDocument] = [:]
    /// Documents the client edited, opened or closed in this batch.
    var edited: Set<String> = []
    /// Whether the batch held an index request or a project reload.
    var broad = false
}

/// The server's model of the workspace, owned by the analysis queue: the
/// documents (open text or file text), the projects, and the latest
/// analyses. `apply` takes the events of one batch; `refresh` re-reads and
/// re-analyses what they made stale.
///
/// Documents are keyed by file path (clients differ in how they
/// percent-encode URIs), or by URI for documents that are not files.
final class WorkspaceState {
    let projects = ProjectRegistry()
    private(set) var folders: [String] = []
    private(set) var documents: [String: WorkspaceDocument] = [:]
    private(set) var analyzed: [String: AnalyzedDocument] = [:]
    private(set) var projectAnalyses: [String: ProjectAnalysis] = [:]
    private var generationCounter = 0
    private var warmUpPending = false
    private let logger: ServerLogger

    init(logger: ServerLogger) {
        self.logger = logger
    }

    static func key(of uri: String) -> String {
        FileURI.path(of: uri) ?? uri
    }

    private func nextGeneration() -> Int {
        generationCounter += 1
        return generationCounter
    }

    private func isWorkspaceFile(_ path: String?) -> Bool {
        guard let path, path.hasSuffix(".tally") else { return false }
        return folders.contains { FileURI.path(path, isInside: $0) }
    }

    // MARK: Events

    /// Applies a batch of events; returns the progress reporters of the
    /// index requests among them (nil entries for silent ones), and fills
    /// `outcome.edited`/`broad`.
    func apply(_ events: [WorkspaceEvent], outcome: inout RefreshOutcome) -> [WorkDoneProgress?] {
        var indexRequests: [WorkDoneProgress?] = []
        for event in events {
            switch event {
            case .configure(let folders, let settings):
                self.folders = folders
                projects.setSettings(settings)
                warmUpPending = true
                outcome.broad = true
            case .settings(let settings):
                projects.setSettings(settings)
                outcome.broad = true
            case .edited(let document):
                let key = Self.key(of: document.uri)
                let path = FileURI.path(of: document.uri)
                var entry = documents[key] ?? WorkspaceDocument(
                    uri: document.uri, path: path, open: nil, disk: nil, inWorkspace: isWorkspaceFile(path), generation: 0)
                entry.uri = document.uri
                entry.open = document
                entry.generation = nextGeneration()
                documents[key] = entry
                outcome.edited.insert(key)
            case .closed(let uri):
                let key = Self.key(of: uri)
                guard var entry = documents[key] else { continue }
                outcome.edited.insert(key)
                entry.open = nil
                if entry.inWorkspace {
                    // Back to the file's text, read afresh.
                    entry.disk = nil
                    entry.generation = nextGeneration()
                    documents[key] = entry
                } else {
                    documents[key] = nil
                }
            case .watched(let changes):
                for change in changes { applyWatched(uri: change.uri, type: change.type, outcome: &outcome) }
            case .index(let progress):
                indexRequests.append(progress)
                outcome.broad = true
            }
        }
        if !indexRequests.isEmpty { discover() }
        return indexRequests
    }

    private func applyWatched(uri: String, type: Int, outcome: inout RefreshOutcome) {
        guard let path = FileURI.path(of: uri) else { return }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if name == ProjectConfiguration.fileName {
            projects.configurationsChanged()
            outcome.broad = true
            return
        }
        if projects.gazetteerPaths.contains(path) {
            projects.gazetteerChanged(path)
            outcome.broad = true
            return
        }
        guard path.hasSuffix(".tally") else { return }
        let key = path
        if var entry = documents[key] {
            guard entry.open == nil else { return }  // the editor's text wins
            if type == 3 {
                documents[key] = nil
            } else {
                entry.disk = nil
                entry.generation = nextGeneration()
                documents[key] = entry
            }
        } else if type != 3 && isWorkspaceFile(path) {
            documents[key] = WorkspaceDocument(uri: FileURI.uri(ofPath: path), path: path, open: nil, disk: nil,
                                               inWorkspace: true, generation: nextGeneration())
        }
    }

    /// Adds every `.tally` file under the folders that is not known yet.
    private func discover() {
        guard !folders.isEmpty else { return }
        let found = TallyFileDiscovery.find(folders)
        for problem in found.problems { logger.warn("indexing: \(problem.description)") }
        for path in found.files where documents[path] == nil {
            documents[path] = WorkspaceDocument(uri: FileURI.uri(ofPath: path), path: path, open: nil, disk: nil,
                                                inWorkspace: true, generation: nextGeneration())
        }
    }

    // MARK: Analysis

    /// Reads unread files, analyses every document whose text or project
    /// changed (open documents first), and rebuilds the workspace analysis
    /// of each project that changed.
    func refresh(outcome: inout RefreshOutcome, progress: WorkDoneProgress?) {
        if warmUpPending {
            warmUpPending = false
            // Load the folders' projects (and the embedded gazetteer) now, in
            // the background, rather than on the first keystroke.
            if folders.isEmpty { _ = projects.project("") }
            for folder in folders { _ = projects.project(projects.key(forFile: folder + "/_.tally")) }
        }

        // Files to read.
        let unread = documents.filter { $0.value.open == nil && $0.value.disk == nil }.keys.sorted()
        for (i, key) in unread.enumerated() {
            guard var entry = documents[key], let path = entry.path else {
                documents[key] = nil
                continue
            }
            do {
                entry.disk = PositionConverter(bytes: try SourceFile.read(path))
                documents[key] = entry
            } catch {
                if error.message != "no such file or directory" { logger.warn("cannot read \(error.description)") }
                documents[key] = nil
            }
            if let progress, i % 16 == 0 {
                progress.report("reading \(i + 1)/\(unread.count) files", percentage: unread.isEmpty ? 0 : 40 * i / unread.count)
            }
        }

        // Documents to analyse, open ones first.
        var stale: [(key: String, entry: WorkspaceDocument, project: ServiceProject)] = []
        for (key, entry) in documents {
            let project = projects.project(projects.key(forFile: entry.path))
            if let done = analyzed[key], done.generation == entry.generation,
               done.projectGeneration == project.generation, done.uri == entry.uri {
                continue
            }
            stale.append((key, entry, project))
        }
        stale.sort { a, b in
            let ao = a.entry.open != nil, bo = b.entry.open != nil
            return ao != bo ? ao : a.key < b.key
        }
        for (i, item) in stale.enumerated() {
            guard let text = item.entry.text else { continue }
            let analysis = DocumentAnalysis.analyze(uri: item.entry.uri, bytes: text.bytes,
                                                    gazetteer: item.project.gazetteer, settings: item.project.settings)
            if let previous = analyzed[item.key], previous.projectKey != item.project.key {
                outcome.touchedProjects.insert(previous.projectKey)
            }
            analyzed[item.key] = AnalyzedDocument(
                key: item.key, uri: item.entry.uri, version: item.entry.open?.version, text: text,
                projectKey: item.project.key, projectGeneration: item.project.generation,
                generation: item.entry.generation, analysis: analysis)
            outcome.analysed.insert(item.key)
            outcome.touchedProjects.insert(item.project.key)
            if let progress, stale.count > 1, i % 8 == 0 {
                progress.report("analysing \(i + 1)/\(stale.count) documents", percentage: 40 + 60 * i / stale.count)
            }
        }

        // Documents gone.
        for key in analyzed.keys where documents[key] == nil {
            let last = analyzed.removeValue(forKey: key)!
            outcome.removed[key] = last
            outcome.touchedProjects.insert(last.projectKey)
        }

        // Projects to rebuild.
        guard !outcome.touchedProjects.isEmpty else { return }
        var members: [String: [String]] = [:]
        for (key, done) in analyzed where outcome.touchedProjects.contains(done.projectKey) {
            members[done.projectKey, default: []].append(key)
        }
        for projectKey in outcome.touchedProjects {
            guard let keys = members[projectKey]?.sorted(), !keys.isEmpty else {
                projectAnalyses[projectKey] = nil
                continue
            }
            let project = projects.project(projectKey)
            let workspace = WorkspaceAnalysis(documents: keys.map { analyzed[$0]!.analysis }, settings: project.settings)
            projectAnalyses[projectKey] = ProjectAnalysis(project: project, workspace: workspace, members: keys)
        }
    }

    /// The document known under `uri`'s key, if any.
    func document(uri: String) -> WorkspaceDocument? {
        documents[Self.key(of: uri)]
    }
}
