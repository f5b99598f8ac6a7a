import TallyAnalysis

/// One project as the server uses it: the effective configuration
/// (`tally.json` with the editor settings laid over it), its gazetteer, and
/// the problems met while loading them.
public struct ServiceProject: Sendable {
    /// The `tally.json` path, or "" for files that have none.
    public let key: String
    public let configurationPath: String?
    public let configuration: ProjectConfiguration
    public let gazetteer: Gazetteer
    public let problems: [String]
    /// Increases with every (re)load, so analyses made with an older project are redone.
    public let generation: Int

    public var settings: AnalysisSettings { configuration.settings }
}

/// Finds the project of each file (the nearest `tally.json`) and loads
/// projects on demand: configuration, editor settings, gazetteer files
/// (each file parsed once and kept until it changes). Not thread-safe: the
/// analysis queue owns it.
final class ProjectRegistry {
    private var configurationOfDirectory: [String: String?] = [:]
    private var projects: [String: ServiceProject] = [:]
    private var gazetteerFiles: [String: Result<GazetteerLoadResult, SourceFile.ReadError>] = [:]
    private var generationCounter = 0
    private(set) var settings = ServerSettings()

    /// The project key of a file: its nearest `tally.json`, or "" (also for
    /// documents that are not files).
    func key(forFile path: String?) -> String {
        guard let path else { return "" }
        let directory = ProjectConfiguration.directoryOf(path)
        if let known = configurationOfDirectory[directory] { return known ?? "" }
        let found = ProjectLoader.findConfiguration(startingAt: directory)
        configurationOfDirectory[directory] = found
        return found ?? ""
    }

    /// The loaded project for `key`, loading it when needed.
    func project(_ key: String) -> ServiceProject {
        if let project = projects[key] { return project }
        let project = load(key)
        projects[key] = project
        return project
    }

    /// The projects loaded so far.
    var loaded: [ServiceProject] { projects.keys.sorted().map { projects[$0]! } }

    /// New editor settings: every project is reloaded on next use.
    func setSettings(_ settings: ServerSettings) {
        guard settings != self.settings else { return }
        self.settings = settings
        projects = [:]
    }

    /// A `tally.json` appeared, changed or went away: forget where
    /// configurations are and every project.
    func configurationsChanged() {
        configurationOfDirectory = [:]
        projects = [:]
    }

    /// A gazetteer file changed; returns whether a loaded project uses it
    /// (those projects are reloaded on next use).
    @discardableResult
    func gazetteerChanged(_ path: String) -> Bool {
        gazetteerFiles[path] = nil
        let users = projects.filter { $0.value.configuration.gazetteers.contains(path) }.map(\.key)
        for key in users { projects[key] = nil }
        return !users.isEmpty
    }

    /// Every gazetteer file named by a loaded project or by the settings.
    var gazetteerPaths: [String] {
        var paths = Set(settings.gazetteers)
        for project in projects.values { paths.formUnion(project.configuration.gazetteers) }
        return paths.sorted()
    }

    private func load(_ key: String) -> ServiceProject {
        var problems: [String] = []
        var configuration = ProjectConfiguration()
        let path: String? = key.isEmpty ? nil : key
        if let path {
            do {
                let (parsed, found) = ProjectConfiguration.parse(try SourceFile.read(path), path: path)
                configuration = parsed
                problems += found.map(\.description)
            } catch {
                problems.append(error.description)
            }
        }
        configuration = settings.applied(to: configuration)
        var sources: [[GazetteerEntry]] = []
        if configuration.useDefaultGazetteer { sources.append(ProjectLoader.embedded.entries) }
        for file in configuration.gazetteers {
            switch gazetteerFile(file) {
            case .success(let result):
                sources.append(result.entries)
                problems += result.problems.map { "\(file):\($0.line): \($0.message)" }
            case .failure(let error):
                problems.append("\(error.description) (named in \(path ?? "the editor settings"))")
            }
        }
        let gazetteer = sources.count == 1 && configuration.useDefaultGazetteer
            ? ProjectLoader.embedded : Gazetteer(sources: sources)
        generationCounter += 1
        return ServiceProject(key: key, configurationPath: path, configuration: configuration,
                              gazetteer: gazetteer, problems: problems, generation: generationCounter)
    }

    private func gazetteerFile(_ path: String) -> Result<GazetteerLoadResult, SourceFile.ReadError> {
        if let cached = gazetteerFiles[path] { return cached }
        let result: Result<GazetteerLoadResult, SourceFile.ReadError>
        do {
            result = .success(GazetteerParser.parse(bytes: try SourceFile.read(path), sourceName: path))
        } catch {
            result = .failure(error)
        }
        gazetteerFiles[path] = result
        return result
    }
}
