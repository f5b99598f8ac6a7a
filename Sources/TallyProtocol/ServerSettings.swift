import Foundation
import TallyAnalysis

/// The settings an editor gives the server, in `initializationOptions` or
/// the `tally` section of its configuration. The keys are those of
/// `tally.json`:
///
/// ```json
/// {"gazetteers": ["extra.tsv"], "defaultGazetteer": true, "rules": {"unknown-place": "off"}}
/// ```
///
/// Each key is optional; what is given overrides the project's `tally.json`
/// (rules one by one, gazetteers are added after the project's own).
/// Relative gazetteer paths are resolved against `baseDirectory` (the first
/// workspace folder).
public struct ServerSettings: Sendable, Hashable {
    /// Absolute paths of extra gazetteers.
    public var gazetteers: [String] = []
    public var useDefaultGazetteer: Bool? = nil
    public var ruleOverrides: [String: Severity?] = [:]

    public init() {}

    /// True when nothing is set.
    public var isEmpty: Bool { self == ServerSettings() }

    /// Reads a settings object; unknown keys and bad values become problems,
    /// the rest is kept. `null` or a missing object gives empty settings. A
    /// wrapper `{"tally": {...}}` is unwrapped.
    public static func parse(_ value: JSONValue?, baseDirectory: String?) -> (ServerSettings, [String]) {
        var settings = ServerSettings()
        var problems: [String] = []
        guard let value, !value.isNull else { return (settings, problems) }
        guard var object = value.object else {
            return (settings, ["the tally settings must be an object, not \(value.typeName)"])
        }
        if let inner = object["tally"]?.object, object.count == 1 { object = inner }
        for (key, v) in object.members {
            switch key {
            case "gazetteers":
                guard let list = v.array else {
                    problems.append("\"gazetteers\" must be an array of file paths")
                    continue
                }
                for item in list {
                    guard let path = item.string, !path.isEmpty else {
                        problems.append("\"gazetteers\" holds a value that is not a path: \(item)")
                        continue
                    }
                    settings.gazetteers.append(resolve(path, against: baseDirectory))
                }
            case "defaultGazetteer":
                if v.isNull { continue }
                if let b = v.bool { settings.useDefaultGazetteer = b } else {
                    problems.append("\"defaultGazetteer\" must be true or false")
                }
            case "rules":
                if v.isNull { continue }
                guard let rules = v.object else {
                    problems.append("\"rules\" must be an object of rule names to severities")
                    continue
                }
                for (rule, severity) in rules.members {
                    guard RuleCatalog.info(rule) != nil else {
                        problems.append("unknown rule \"\(rule)\"")
                        continue
                    }
                    guard let word = severity.string, let parsed = AnalysisSettings.parseSeverity(word) else {
                        problems.append("rule \"\(rule)\": the severity must be \"error\", \"warning\", \"info\", \"hint\" or \"off\"")
                        continue
                    }
                    settings.ruleOverrides[rule] = parsed
                }
            case "$schema", "comment", "trace", "server":
                // Editor-side keys (the VS Code extension's server path, tracing).
                break
            default:
                problems.append("unknown setting \"\(key)\" (known: gazetteers, defaultGazetteer, rules)")
            }
        }
        return (settings, problems)
    }

    /// `later` laid over `self`: its rules override one by one, its
    /// gazetteers come after, its other values replace.
    public func overlaid(with later: ServerSettings) -> ServerSettings {
        var out = self
        for path in later.gazetteers where !out.gazetteers.contains(path) { out.gazetteers.append(path) }
        if let b = later.useDefaultGazetteer { out.useDefaultGazetteer = b }
        for (rule, severity) in later.ruleOverrides { out.ruleOverrides[rule] = severity }
        return out
    }

    /// A project configuration with these settings applied on top.
    public func applied(to configuration: ProjectConfiguration) -> ProjectConfiguration {
        var out = configuration
        for path in gazetteers where !out.gazetteers.contains(path) { out.gazetteers.append(path) }
        if let b = useDefaultGazetteer { out.useDefaultGazetteer = b }
        for (rule, severity) in ruleOverrides { out.settings.ruleOverrides[rule] = severity }
        return out
    }

    private static func resolve(_ path: String, against base: String?) -> String {
        if path.hasPrefix("/") { return path }
        if path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] { return home + String(path.dropFirst(1)) }
        return ProjectLoader.absolute(base.map { $0 + "/" + path } ?? path)
    }
}
