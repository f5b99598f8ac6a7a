import Foundation
import TallyAnalysis
import TallyProtocol

/// Finds, reads and analyses `.tally` files, one workspace per project
/// (files sharing a `tally.json`). Shared by `check`, `export` and `summary`.
enum WorkspaceLoader {
    /// The files of one project and their analysis.
    struct Group {
        var project: LoadedProject
        /// Indices into `Loaded.files` of the group's members, in order.
        var members: [Int]
        /// One result per member.
        var analyses: [Result<DocumentAnalysis, SourceFile.ReadError>]
        var workspace: WorkspaceAnalysis
    }

    struct Loaded {
        /// Every file found, sorted.
        var files: [String]
        /// Groups ordered by configuration path (files without one first).
        var groups: [Group]
        /// I/O and configuration problems, for standard error.
        var problems: [String]
        /// True when some input or configuration could not be read (exit status 2).
        var fatal: Bool
    }

    /// Loads `paths` (files or directories); `config` overrides the nearest
    /// `tally.json`; `shard` keeps only its part of the files found; with
    /// `showProgress`, long runs show a progress line on a terminal.
    static func load(_ paths: [String], config: String?, shard: Shard? = nil, showProgress: Bool = false) -> Loaded {
        var found = TallyFileDiscovery.find(paths)
        if let shard { found.files = shard.select(found.files) }
        let progress = showProgress ? ProgressLine.ifWanted(total: found.files.count) : nil
        defer { progress?.finish() }
        var problems = found.problems.map(\.description)
        var fatal = !found.problems.isEmpty
        if let c = config, access(c, R_OK) != 0 {
            problems.append("\(c): \(SourceFile.errnoMessage())")
            return Loaded(files: [], groups: [], problems: problems, fatal: true)
        }
        // Group files by their configuration.
        var configOf: [String: String?] = [:]
        var members: [String: [Int]] = [:]
        var groupConfig: [String: String?] = [:]
        for (i, path) in found.files.enumerated() {
            let dir = ProjectConfiguration.directoryOf(ProjectLoader.absolute(path))
            let configPath: String?
            if let c = config { configPath = c } else if let cached = configOf[dir] { configPath = cached } else {
                configPath = ProjectLoader.findConfiguration(startingAt: dir)
                configOf[dir] = configPath
            }
            let key = configPath ?? ""
            members[key, default: []].append(i)
            groupConfig[key] = configPath
        }
        var groups: [Group] = []
        for key in members.keys.sorted() {
            let project = ProjectLoader.load(configPath: groupConfig[key] ?? nil)
            problems += project.problems
            if let cp = groupConfig[key] ?? nil, project.problems.contains(where: { $0.hasPrefix(cp + ":") && $0.contains("not valid JSON") }) {
                fatal = true
            }
            let indices = members[key]!
            let analyses = CheckCommand.analyze(indices.map { found.files[$0] }, project: project, progress: progress)
            var docs: [DocumentAnalysis] = []
            for a in analyses {
                switch a {
                case .success(let d): docs.append(d)
                case .failure(let e):
                    problems.append(e.description)
                    fatal = true
                }
            }
            let workspace = WorkspaceAnalysis(documents: docs, settings: project.configuration.settings)
            groups.append(Group(project: project, members: indices, analyses: analyses, workspace: workspace))
        }
        return Loaded(files: found.files, groups: groups, problems: problems, fatal: fatal)
    }
}
