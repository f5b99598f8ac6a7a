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

    /// The files found and their projects, before any analysis.
    struct Plan {
        /// Every file found (in the shard, if any), sorted.
        var files: [String]
        /// Projects ordered by configuration path (files without one first),
        /// each with the indices into `files` of its members, in order, and
        /// whether its configuration is unusable (exit status 2).
        var groups: [(project: LoadedProject, members: [Int], fatal: Bool)]
        /// Problems of discovery (each project's are in `project.problems`).
        var problems: [String]
        var fatal: Bool
    }

    /// Finds the files of `paths` (files or directories), keeps `shard`'s
    /// part of them, and loads the project of each (`config` overrides the
    /// nearest `tally.json`).
    static func plan(_ paths: [String], config: String?, shard: Shard? = nil) -> Plan {
        var found = TallyFileDiscovery.find(paths)
        if let shard { found.files = shard.select(found.files) }
        var problems = found.problems.map(\.description)
        let fatal = !found.problems.isEmpty
        if let c = config, access(c, R_OK) != 0 {
            problems.append("\(c): \(SourceFile.errnoMessage())")
            return Plan(files: [], groups: [], problems: problems, fatal: true)
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
        var groups: [(project: LoadedProject, members: [Int], fatal: Bool)] = []
        for key in members.keys.sorted() {
            let project = ProjectLoader.load(configPath: groupConfig[key] ?? nil)
            var unusable = false
            if let cp = groupConfig[key] ?? nil, project.problems.contains(where: { $0.hasPrefix(cp + ":") && $0.contains("not valid JSON") }) {
                unusable = true
            }
            groups.append((project, members[key]!, unusable))
        }
        return Plan(files: found.files, groups: groups, problems: problems, fatal: fatal)
    }

    /// Loads `paths` (files or directories) and analyses every file, each
    /// project as one workspace; `config` overrides the nearest `tally.json`.
    static func load(_ paths: [String], config: String?) -> Loaded {
        let plan = plan(paths, config: config)
        var problems = plan.problems
        var fatal = plan.fatal
        var groups: [Group] = []
        for (project, indices, unusable) in plan.groups {
            problems += project.problems
            if unusable { fatal = true }
            let analyses = CheckCommand.analyze(indices.map { plan.files[$0] }, project: project)
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
        return Loaded(files: plan.files, groups: groups, problems: problems, fatal: fatal)
    }
}
