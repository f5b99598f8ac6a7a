import Foundation
import TallyAnalysis

/// The latest analysis results, immutable, for request handlers on any
/// thread (completion, hover): each document's analysis and each project's
/// workspace analysis and gazetteer.
public struct AnalysisSnapshot: Sendable {
    /// By document key (file path, or URI for non-file documents).
    public var documents: [String: AnalyzedDocument] = [:]
    public var projects: [String: ProjectAnalysis] = [:]

    public init(documents: [String: AnalyzedDocument] = [:], projects: [String: ProjectAnalysis] = [:]) {
        self.documents = documents
        self.projects = projects
    }

    public func document(uri: String) -> AnalyzedDocument? {
        documents[WorkspaceState.key(of: uri)]
    }

    /// The project analysis `document` belongs to.
    public func project(of document: AnalyzedDocument) -> ProjectAnalysis? {
        projects[document.projectKey]
    }
}

/// A lock-protected holder of the latest `AnalysisSnapshot`.
final class SnapshotBox: @unchecked Sendable {
    private let lock = NSLock()
    private var current = AnalysisSnapshot()

    var snapshot: AnalysisSnapshot {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    func store(_ snapshot: AnalysisSnapshot) {
        lock.lock()
        current = snapshot
        lock.unlock()
    }
}
