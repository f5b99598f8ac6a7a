import Foundation

/// The `tally` command: dispatches to its subcommands.
public enum TallyCommand {
    public static let version = "0.1.0"

    public static let usage = """
    tally \(version): annotate news articles about violent incidents, and check the annotations.

    usage: tally <command> [options]

    commands:
      check PATH...     check .tally files (directories are searched recursively)
      export PATH...    write the incidents as CSV, JSON or GeoJSON (one record per incident)
      summary PATH...   incidents per month, totals, most affected places and actors
      fmt PATH...       lay out the markup in canonical form (--check, --write)
      strip FILE        print the article without its markup
      lsp               run the language server on stdin/stdout
      rules             list the rules with their default severities
      version           print the version

    Run 'tally <command> --help' for a command's options.

    """

    /// Runs `tally` with `arguments` (without the program name) and returns the exit status.
    public static func run(_ arguments: [String]) -> Int32 {
        guard let command = arguments.first else {
            Console.err(usage)
            return 2
        }
        let rest = Array(arguments.dropFirst())
        do {
            switch command {
            case "check": return try CheckCommand.run(rest)
            case "export": return try ExportCommand.run(rest)
            case "summary": return try SummaryCommand.run(rest)
            case "fmt": return try FormatCommand.run(rest)
            case "strip": return try StripCommand.run(rest)
            case "lsp": return LSPCommand.run(rest)
            case "rules": return RulesCommand.run(rest)
            case "version", "--version", "-V":
                Console.out("tally \(version)\n")
                return 0
            case "help", "--help", "-h":
                Console.out(usage)
                return 0
            default:
                throw UsageError("unknown command '\(command)'")
            }
        } catch let e as UsageError {
            Console.err("tally: \(e.message)\n\nRun 'tally help' for usage.\n")
            return 2
        } catch {
            Console.err("tally: \(error)\n")
            return 2
        }
    }
}
