import Foundation
import TallyAnalysis

/// A project as the tools see it: its configuration, the gazetteer it builds,
/// and the problems met while reading them (each with file and line).
public struct LoadedProject: Sendable {
    public var configuration: ProjectConfiguration
    public var gazetteer: Gazetteer
    /// Human-readable problems: `path:line: message`.
    public var problems: [String]
}

/// Finds `tally.json` and reads the project gazetteers it names.
public enum ProjectLoader {
    /// The nearest `tally.json` in `directory` or its parents.
    public static func findConfiguration(startingAt directory: String) -> String? {
        var dir = absolute(directory)
        while true {
            let candidate = (dir == "/" ? "" : dir) + "/" + ProjectConfiguration.fileName
            if access(candidate, F_OK) == 0 { return candidate }
            if dir == "/" || dir.isEmpty { return nil }
            dir = ProjectConfiguration.directoryOf(dir)
        }
    }

    public static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        let cwd = FileManager.default.currentDirectoryPath
        if path == "." { return cwd }
        return cwd + "/" + (path.hasPrefix("./") ? String(path.dropFirst(2)) : path)
    }

    /// The embedded gazetteer, parsed once per process.
    public static let embedded: Gazetteer = EmbeddedGazetteer.load()

    /// Loads the project of the configuration at `configPath` (nil: defaults
    /// only). A project with large gazetteer files is restored from `cache`
    /// when its sources have not changed, and cached after it is built.
    public static func load(configPath: String?,
                            cache: GazetteerCacheStore? = GazetteerCacheStore.fromEnvironment()) -> LoadedProject {
        var problems: [String] = []
        var config = ProjectConfiguration()
        if let configPath {
            do {
                let bytes = try SourceFile.read(configPath)
                let (c, ps) = ProjectConfiguration.parse(bytes, path: configPath)
                config = c
                problems += ps.map(\.description)
            } catch {
                problems.append(error.description)
            }
        }
        if config.gazetteers.isEmpty {
            let gazetteer = config.useDefaultGazetteer ? embedded : Gazetteer(sources: [])
            return LoadedProject(configuration: config, gazetteer: gazetteer, problems: problems)
        }
        // The cache applies when every source can be stamped and they are big enough to matter.
        var cacheKey: String? = nil
        let stamps = config.gazetteers.compactMap(GazetteerCacheStore.SourceStamp.of)
        if let cache, stamps.count == config.gazetteers.count,
           stamps.reduce(0, { $0 + $1.size }) >= Int64(cache.minimumSourceSize) {
            let key = GazetteerCacheStore.key(sources: stamps,
                                              embeddedFingerprint: config.useDefaultGazetteer ? GazetteerCache.embeddedFingerprint : nil)
            if case .success(let contents) = cache.load(key: key) {
                return LoadedProject(configuration: config, gazetteer: contents.gazetteer, problems: problems + contents.messages)
            }
            cacheKey = key
        }
        var sources: [[GazetteerEntry]] = []
        var gazetteerProblems: [String] = []
        if config.useDefaultGazetteer { sources.append(embedded.entries) }
        for path in config.gazetteers {
            do {
                let bytes = try SourceFile.read(path)
                let text = String(decoding: bytes, as: UTF8.self)
                let result = GazetteerParser.parse(text: text, sourceName: path)
                sources.append(result.entries)
                gazetteerProblems += result.problems.map { "\(path):\($0.line): \($0.message)" }
            } catch {
                gazetteerProblems.append("\(error.description) (named in \(config.path ?? ProjectConfiguration.fileName))")
            }
        }
        let gazetteer = sources.count == 1 && config.useDefaultGazetteer ? embedded : Gazetteer(sources: sources)
        // Save only when the sources did not change while they were read.
        if let cache, let cacheKey, config.gazetteers.compactMap(GazetteerCacheStore.SourceStamp.of) == stamps {
            cache.save(gazetteer, messages: gazetteerProblems, key: cacheKey)
        }
        return LoadedProject(configuration: config, gazetteer: gazetteer, problems: problems + gazetteerProblems)
    }
}
