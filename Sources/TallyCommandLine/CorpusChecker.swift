import Foundation
import TallyAnalysis
import TallyProtocol

/// `tally check` over a corpus with bounded memory.
///
/// Holding every document's analysis (tree, references, figures) until the
/// workspace rules have run costs several times the corpus size. Instead,
/// each file is analysed on its own (in parallel) and only what reporting
/// needs is kept: its diagnostics, and its bytes and line index when it has
/// any. Files whose diagnostics can depend on other files — those with an
/// `in=` naming an incident they do not define, those defining an incident
/// id another file also defines, and those defining the incidents such
/// `in=` name — are analysed again afterwards as one workspace, with a
/// stand-in document carrying the corpus's other incident ids (so that
/// "did you mean" hints read the same as over the whole corpus). The
/// output is the same as analysing the whole project as one workspace;
/// the memory held at the end grows with the files that have diagnostics
/// and with those linked across documents, not with the corpus.
enum CorpusChecker {
    /// What the first pass keeps of one file.
    struct Summary: Sendable {
        var checked: CheckedFile
        /// Ids of the incidents the file defines.
        var definedIDs: [String]
        /// Ids named by `in=` that the file does not define.
        var externalReferences: [String]
    }

    /// Checks the files of `plan`; results are in `plan.files` order (nil for unreadable files).
    static func check(_ plan: WorkspaceLoader.Plan, progress: ProgressLine?) -> (files: [CheckedFile?], problems: [String], fatal: Bool) {
        var results = [CheckedFile?](repeating: nil, count: plan.files.count)
        var problems = plan.problems
        var fatal = plan.fatal
        for (project, members, unusable) in plan.groups {
            problems += project.problems
            if unusable { fatal = true }
            let paths = members.map { plan.files[$0] }
            let firstPass = summarize(paths, project: project, progress: progress)
            var summaries: [Int: Summary] = [:]
            for (k, r) in firstPass.enumerated() {
                switch r {
                case .success(let s): summaries[k] = s
                case .failure(let e):
                    problems.append(e.description)
                    fatal = true
                }
            }
            for (k, checked) in linkedFiles(paths, summaries: summaries, project: project) {
                summaries[k]?.checked = checked
            }
            for (k, index) in members.enumerated() { results[index] = summaries[k]?.checked }
        }
        return (results, problems, fatal)
    }

    /// First pass: each file analysed alone, in parallel.
    static func summarize(_ paths: [String], project: LoadedProject,
                          progress: ProgressLine?) -> [Result<Summary, SourceFile.ReadError>] {
        let box = SummaryBox(count: paths.count)
        let settings = project.configuration.settings
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            let r = CheckCommand.analyze(path: paths[i], project: project).map { d -> Summary in
                let own = WorkspaceAnalysis(documents: [d], settings: settings)
                let diagnostics = own.diagnostics(for: d.uri).filter { $0.severity != .hint }
                let defined = d.incidents.map(\.id)
                let local = Set(defined)
                var external: [String] = []
                for f in d.figures where f.hasExplicitIncident && f.incidentIndex == nil {
                    if let id = f.incidentID, !local.contains(id) { external.append(id) }
                }
                // Files without diagnostics need no bytes for reporting.
                let checked = diagnostics.isEmpty
                    ? CheckedFile(path: paths[i], bytes: [], lineIndex: LineIndex([UInt8]()), diagnostics: [])
                    : CheckedFile(path: paths[i], bytes: d.tree.bytes, lineIndex: d.tree.lineIndex, diagnostics: diagnostics)
                return Summary(checked: checked, definedIDs: defined, externalReferences: external)
            }
            box.set(i, r)
            progress?.step()
        }
        return box.values()
    }

    /// Second pass: the files linked to others, analysed again as one
    /// workspace. Returns their final results by position in `paths`.
    static func linkedFiles(_ paths: [String], summaries: [Int: Summary], project: LoadedProject) -> [(Int, CheckedFile)] {
        var definers: [String: [Int]] = [:]
        for k in summaries.keys.sorted() {
            for id in Set(summaries[k]!.definedIDs) { definers[id, default: []].append(k) }
        }
        var linked = Set<Int>()
        var needsAllIDs = false
        for (k, s) in summaries where !s.externalReferences.isEmpty {
            linked.insert(k)
            for id in s.externalReferences {
                if let ds = definers[id] { linked.formUnion(ds) } else { needsAllIDs = true }
            }
        }
        for (_, ds) in definers where ds.count > 1 { linked.formUnion(ds) }
        guard !linked.isEmpty else { return [] }

        let order = linked.sorted()
        var documents: [DocumentAnalysis] = []
        var analysed: [Int: DocumentAnalysis] = [:]
        for k in order {
            // A file that cannot be read now keeps its first-pass result.
            if case .success(let d) = CheckCommand.analyze(path: paths[k], project: project) {
                documents.append(d)
                analysed[k] = d
            }
        }
        if needsAllIDs {
            let present = Set(documents.flatMap { $0.incidents.map(\.id) })
            let others = definers.keys.filter { !present.contains($0) }.sorted()
            if !others.isEmpty {
                let text = others.map { "::: incident \($0)\n:::\n" }.joined()
                documents.append(DocumentAnalysis.analyze(uri: standInURI, text: text, gazetteer: project.gazetteer,
                                                          settings: project.configuration.settings))
            }
        }
        let workspace = WorkspaceAnalysis(documents: documents, settings: project.configuration.settings)
        return order.compactMap { k in
            analysed[k].map { d in
                (k, CheckedFile(path: paths[k], bytes: d.tree.bytes, lineIndex: d.tree.lineIndex,
                                diagnostics: workspace.diagnostics(for: d.uri).filter { $0.severity != .hint }))
            }
        }
    }

    /// The uri of the stand-in document (never a file path: it has a NUL byte).
    static let standInURI = "\u{0}tally-check-other-incidents"
}

/// Collects first-pass results from concurrent workers.
final class SummaryBox: @unchecked Sendable {
    private var items: [Result<CorpusChecker.Summary, SourceFile.ReadError>?]
    private let lock = NSLock()

    init(count: Int) { items = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ r: Result<CorpusChecker.Summary, SourceFile.ReadError>) {
        lock.lock()
        items[i] = r
        lock.unlock()
    }

    func values() -> [Result<CorpusChecker.Summary, SourceFile.ReadError>] {
        lock.lock()
        defer { lock.unlock() }
        return items.map { $0! }
    }
}
