import Foundation
import TallyAnalysis
import TallyProtocol

/// `tally fmt [--check | --write] PATH...`: lays out the markup of files in
/// canonical form, never changing the article text.
enum FormatCommand {
    static let usage = """
    usage: tally fmt [--check | --write] PATH...

    Lays out the markup of .tally files in canonical form: tag attributes,
    incident lines and front matter. The article text is never changed, and
    tags or lines with syntax errors are left as they are. Directories are
    searched recursively.

    Without options, prints the formatted file to standard output (one file only).

    options:
      --check   change nothing; show a diff of each file that would change
      --write   rewrite the files that change (a temporary file renamed over
                the original; on any error the original is left untouched)

    Exit status: 0 done, 1 some file would change (--check), 2 usage or I/O problems.

    """

    enum Mode { case print, check, write }

    static func parse(_ args: [String]) throws -> (mode: Mode, paths: [String]) {
        var check = false, write = false
        var paths: [String] = []
        var i = 0
        while i < args.count {
            let a = args[i]
            switch a {
            case "--check": check = true
            case "--write": write = true
            case "--":
                paths += args[(i + 1)...]
                i = args.count
                continue
            default:
                if a.hasPrefix("-") && a != "-" { throw UsageError("unknown option '\(a)' for fmt") }
                paths.append(a)
            }
            i += 1
        }
        if check && write { throw UsageError("fmt takes --check or --write, not both") }
        if paths.isEmpty { throw UsageError("fmt needs at least one file or directory") }
        return (check ? .check : write ? .write : .print, paths)
    }

    static func run(_ args: [String]) throws -> Int32 {
        if args.contains("--help") || args.contains("-h") { Console.out(usage); return 0 }
        let (mode, paths) = try parse(args)
        let found = TallyFileDiscovery.find(paths)
        var failed = false
        for p in found.problems {
            Console.err("tally: \(p.description)\n")
            failed = true
        }
        if mode == .print && found.files.count > 1 {
            throw UsageError("fmt prints one file; \(found.files.count) were given (use --check or --write for several)")
        }
        var changed: [String] = []
        for path in found.files {
            let old: [UInt8]
            do { old = try SourceFile.read(path) } catch {
                Console.err("tally: \(error.description)\n")
                failed = true
                continue
            }
            if SourceFile.looksBinary(old) {
                Console.err("tally: \(path): looks like a binary file (it contains NUL bytes); not formatted\n")
                failed = true
                continue
            }
            let new = Formatter.formatted(bytes: old)
            switch mode {
            case .print:
                FileOutput.writeStdout(new)
            case .check:
                if new != old {
                    changed.append(path)
                    Console.out("would reformat \(path)\n" + FormatDiff.render(path: path, old: old, new: new))
                }
            case .write:
                guard new != old else { continue }
                do {
                    try SourceFile.writeAtomically(new, to: resolved(path))
                    changed.append(path)
                    Console.out("reformatted \(path)\n")
                } catch {
                    Console.err("tally: \(error.description); the file is unchanged\n")
                    failed = true
                }
            }
        }
        if mode == .check {
            let n = found.files.count
            Console.out(changed.isEmpty
                        ? "\(n) \(n == 1 ? "file is" : "files are") formatted\n"
                        : "\(changed.count) of \(n) \(n == 1 ? "file" : "files") would be reformatted\n")
        }
        if failed { return 2 }
        return mode == .check && !changed.isEmpty ? 1 : 0
    }

    /// The file a path names, symbolic links followed, so that writing replaces
    /// the file and not the link.
    static func resolved(_ path: String) -> String {
        guard let real = realpath(path, nil) else { return path }
        defer { free(real) }
        return String(cString: real)
    }
}
