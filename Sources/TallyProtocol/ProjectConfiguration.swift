import TallyAnalysis

/// The contents of a project's `tally.json`:
///
/// ```json
/// {"gazetteers": ["places.tsv", "ML.txt"], "defaultGazetteer": true, "rules": {"unknown-place": "off"}}
/// ```
/// Gazetteer paths are relative to the directory of the `tally.json` file.
public struct ProjectConfiguration: Sendable, Hashable {
    /// Absolute paths of the project gazetteers, in order (later ones override earlier ids).
    public var gazetteers: [String]
    public var useDefaultGazetteer: Bool
    public var settings: AnalysisSettings
    /// The file it was read from, if any.
    public var path: String?

    public init(gazetteers: [String] = [], useDefaultGazetteer: Bool = true, settings: AnalysisSettings = .default, path: String? = nil) {
        self.gazetteers = gazetteers
        self.useDefaultGazetteer = useDefaultGazetteer
        self.settings = settings
        self.path = path
    }

    public static let fileName = "tally.json"

    /// A problem found in a configuration: where and what.
    public struct Problem: Error, Sendable, Hashable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    /// Parses `bytes` read from `path`. Unknown keys and bad values are problems; what is valid is kept.
    public static func parse(_ bytes: [UInt8], path: String) -> (ProjectConfiguration, [Problem]) {
        var config = ProjectConfiguration(path: path)
        var problems: [Problem] = []
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            let (line, col) = lineAndColumn(bytes, error.offset)
            problems.append(Problem(path: path, message: "not valid JSON at line \(line), column \(col): \(error.message)"))
            return (config, problems)
        }
        guard let object = value.object else {
            problems.append(Problem(path: path, message: "the configuration must be a JSON object, not \(value.typeName)"))
            return (config, problems)
        }
        let dir = directoryOf(path)
        for (key, v) in object.members {
            switch key {
            case "gazetteers":
                guard let list = v.array else {
                    problems.append(Problem(path: path, message: "\"gazetteers\" must be an array of file paths"))
                    continue
                }
                for item in list {
                    if let s = item.string, !s.isEmpty {
                        config.gazetteers.append(s.hasPrefix("/") ? s : dir + "/" + s)
                    } else {
                        problems.append(Problem(path: path, message: "\"gazetteers\" holds a value that is not a path: \(item)"))
                    }
                }
            case "defaultGazetteer":
                if let b = v.bool { config.useDefaultGazetteer = b } else {
                    problems.append(Problem(path: path, message: "\"defaultGazetteer\" must be true or false"))
                }
            case "rules":
                guard let rules = v.object else {
                    problems.append(Problem(path: path, message: "\"rules\" must be an object of rule names to severities"))
                    continue
                }
                for (rule, sv) in rules.members {
                    guard RuleCatalog.info(rule) != nil else {
                        let hint = Suggest.closest(rule, among: RuleCatalog.all.map(\.name)).map { " (did you mean \"\($0)\"?)" } ?? ""
                        problems.append(Problem(path: path, message: "unknown rule \"\(rule)\"\(hint)"))
                        continue
                    }
                    guard let word = sv.string, let severity = AnalysisSettings.parseSeverity(word) else {
                        problems.append(Problem(path: path, message: "rule \"\(rule)\": the severity must be \"error\", \"warning\", \"info\", \"hint\" or \"off\""))
                        continue
                    }
                    config.settings.ruleOverrides[rule] = severity
                }
            case "$schema", "comment":
                break
            default:
                problems.append(Problem(path: path, message: "unknown key \"\(key)\" (known: gazetteers, defaultGazetteer, rules)"))
            }
        }
        return (config, problems)
    }

    public static func directoryOf(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let d = String(path[..<slash])
        return d.isEmpty ? "/" : d
    }

    static func lineAndColumn(_ bytes: [UInt8], _ offset: Int) -> (Int, Int) {
        let idx = LineIndex(bytes)
        let loc = idx.location(of: offset)
        return (loc.line + 1, loc.column + 1)
    }
}
