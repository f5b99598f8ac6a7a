/// Splits a subcommand's arguments into `--name value` options and paths.
///
/// Accepts `--name value` and `--name=value`; `--` ends the options. An
/// option not in `valueOptions` is a usage error, as is a repeated one.
struct OptionParser {
    var values: [String: String] = [:]
    var paths: [String] = []

    init(_ args: [String], command: String, valueOptions: Set<String>) throws {
        var i = 0
        while i < args.count {
            let a = args[i]
            if a == "--" {
                paths += args[(i + 1)...]
                break
            }
            guard a.hasPrefix("-") && a != "-" else {
                paths.append(a)
                i += 1
                continue
            }
            var name = a
            var value: String? = nil
            if a.hasPrefix("--"), let eq = a.firstIndex(of: "=") {
                name = String(a[..<eq])
                value = String(a[a.index(after: eq)...])
            }
            guard valueOptions.contains(name) else { throw UsageError("unknown option '\(a)' for \(command)") }
            if value == nil {
                i += 1
                guard i < args.count else { throw UsageError("\(name) needs a value") }
                value = args[i]
            }
            guard values[name] == nil else { throw UsageError("\(name) is given twice") }
            values[name] = value
            i += 1
        }
    }
}
