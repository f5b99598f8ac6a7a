import Foundation
import TallyAnalysis
import TallyProtocol

/// `tally check PATH...`: checks files and reports in one of four formats.
enum CheckCommand {
    static let usage = """
    usage: tally check [options] PATH...

    Checks .tally files (directories are searched recursively) and reports problems.
    Exit status: 0 no errors, 1 errors found, 2 usage or I/O problems.

    options:
      --format text|json|github|sarif   output format (default: text)
      --config FILE                     use this tally.json instead of the nearest one
      --color auto|always|never         colour in text output (default: auto)
      --fix                             apply the safe fixes (written atomically), then report what is left
      --shard I/N                       check only part I of N of the files (1 ≤ I ≤ N), split by a
                                        stable hash of each path, for CI matrix jobs; rules across
                                        documents then see only the files of the same part

    """

    enum Format: String { case text, json, github, sarif }

    struct Options {
        var format = Format.text
        var config: String?
        var color: Bool? = nil
        var fix = false
        var shard: Shard?
        var paths: [String] = []
    }

    static func parse(_ args: [String]) throws -> Options {
        var o = Options()
        var i = 0
        func value(_ name: String) throws -> String {
            i += 1
            guard i < args.count else { throw UsageError("\(name) needs a value") }
            return args[i]
        }
        while i < args.count {
            let a = args[i]
            var name = a
            var inline: String? = nil
            if a.hasPrefix("--"), let eq = a.firstIndex(of: "=") {
                name = String(a[..<eq])
                inline = String(a[a.index(after: eq)...])
            }
            switch name {
            case "--format":
                let v = try inline ?? value(name)
                guard let f = Format(rawValue: v) else { throw UsageError("unknown format '\(v)' (text, json, github, sarif)") }
                o.format = f
            case "--config":
                o.config = try inline ?? value(name)
            case "--color", "--colour":
                let v = try inline ?? value(name)
                switch v {
                case "always": o.color = true
                case "never": o.color = false
                case "auto": o.color = nil
                default: throw UsageError("--color takes auto, always or never")
                }
            case "--no-color": o.color = false
            case "--fix": o.fix = true
            case "--shard":
                o.shard = try Shard.parse(try inline ?? value(name))
            case "--":
                o.paths += args[(i + 1)...]
                i = args.count
                continue
            default:
                if a.hasPrefix("-") && a != "-" { throw UsageError("unknown option '\(a)' for check") }
                o.paths.append(a)
            }
            i += 1
        }
        if o.paths.isEmpty { throw UsageError("check needs at least one file or directory") }
        return o
    }

    static func run(_ args: [String]) throws -> Int32 {
        if args.contains("--help") || args.contains("-h") { Console.out(usage); return 0 }
        let options = try parse(args)
        var outcome = check(options)
        if options.fix {
            let fixed = applySafeFixes(outcome)
            for line in fixed.report { Console.err(line + "\n") }
            if fixed.changed > 0 {
                // Report what is left after the fixes.
                let problems = outcome.problems + fixed.problems
                outcome = check(options)
                outcome.problems = problems
            } else {
                outcome.problems += fixed.problems
            }
            if !fixed.problems.isEmpty { outcome.fatal = true }
        }
        switch options.format {
        case .text:
            let color = options.color ?? Console.wantsColor(1)
            Console.out(TextReporter(color: color).render(outcome.files, pathsByURI: outcome.byPath))
        case .json:
            Console.out(JSONReporter.render(outcome.files, others: outcome.byPath))
        case .github:
            Console.out(GitHubReporter.render(outcome.files))
        case .sarif:
            Console.out(SARIFReporter.render(outcome.files, others: outcome.byPath, toolVersion: TallyCommand.version))
        }
        for p in outcome.problems { Console.err("tally: \(p)\n") }
        if outcome.fatal { return 2 }
        return CheckSummary(files: outcome.files).errors > 0 ? 1 : 0
    }

    /// Applies every safe fix (non-overlapping, first come first served) and writes the files atomically.
    static func applySafeFixes(_ outcome: Outcome) -> (changed: Int, report: [String], problems: [String]) {
        var changed = 0
        var report: [String] = []
        var problems: [String] = []
        for f in outcome.files {
            var edits: [TextEdit] = []
            var titles: [String] = []
            for d in f.diagnostics {
                guard let fix = d.fixes.first(where: \.isSafe), fix.edits.count == 1, let list = fix.edits[f.path] else { continue }
                if list.contains(where: { e in edits.contains { $0.range.overlaps(e.range) || $0.range.lowerBound == e.range.lowerBound } }) { continue }
                edits += list
                titles.append(fix.title)
            }
            guard !edits.isEmpty else { continue }
            let bytes = edits.applied(to: f.bytes)
            do {
                try SourceFile.writeAtomically(bytes, to: f.path)
                changed += 1
                report.append("fixed \(f.path): " + titles.joined(separator: "; "))
            } catch {
                problems.append(error.description + " (file left unchanged)")
            }
        }
        return (changed, report, problems)
    }

    struct Outcome {
        var files: [CheckedFile]
        var byPath: [String: CheckedFile]
        /// I/O and configuration problems, for standard error.
        var problems: [String]
        /// True when some input could not be read (exit status 2).
        var fatal: Bool
    }

    /// Finds, reads and analyses the files of `options`, grouping them by
    /// project (see `CorpusChecker` for how memory stays bounded).
    static func check(_ options: Options) -> Outcome {
        let plan = WorkspaceLoader.plan(options.paths, config: options.config, shard: options.shard)
        let progress = ProgressLine.ifWanted(total: plan.files.count)
        let checked = CorpusChecker.check(plan, progress: progress)
        progress?.finish()
        let files = checked.files.compactMap { $0 }
        var byPath: [String: CheckedFile] = [:]
        for f in files { byPath[f.path] = f }
        return Outcome(files: files, byPath: byPath, problems: checked.problems, fatal: checked.fatal)
    }

    /// Reads and analyses files in parallel; results keep the input order.
    static func analyze(_ paths: [String], project: LoadedProject,
                        progress: ProgressLine? = nil) -> [Result<DocumentAnalysis, SourceFile.ReadError>] {
        let box = ResultBox(count: paths.count)
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            box.set(i, analyze(path: paths[i], project: project))
            progress?.step()
        }
        return box.values()
    }

    /// Reads and analyses one file (without hints: the command line does not report them).
    static func analyze(path: String, project: LoadedProject) -> Result<DocumentAnalysis, SourceFile.ReadError> {
        do throws(SourceFile.ReadError) {
            let bytes = try SourceFile.read(path)
            if SourceFile.looksBinary(bytes) {
                return .failure(SourceFile.ReadError(path: path, message: "looks like a binary file (it contains NUL bytes); not checked"))
            }
            var settings = project.configuration.settings
            settings.computeHints = false
            return .success(DocumentAnalysis.analyze(uri: path, bytes: bytes, gazetteer: project.gazetteer, settings: settings))
        } catch {
            return .failure(error)
        }
    }
}

/// Collects results from concurrent workers.
final class ResultBox: @unchecked Sendable {
    private var items: [Result<DocumentAnalysis, SourceFile.ReadError>?]
    private let lock = NSLock()

    init(count: Int) { items = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ r: Result<DocumentAnalysis, SourceFile.ReadError>) {
        lock.lock()
        items[i] = r
        lock.unlock()
    }

    func values() -> [Result<DocumentAnalysis, SourceFile.ReadError>] {
        lock.lock()
        defer { lock.unlock() }
        return items.map { $0! }
    }
}
