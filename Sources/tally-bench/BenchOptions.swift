/// Command-line options of `tally-bench`.
struct BenchOptions {
    static let usage = """
    usage: tally-bench [--quick] [--only NAME] [--seed N]

    Generates its inputs, runs the benchmarks and prints one Markdown table.
    Run it in release mode: swift run -c release tally-bench

    options:
      --quick       small sizes, for a smoke test (figures are not comparable)
      --only NAME   one benchmark: \(BenchOptions.names.joined(separator: ", "))
      --seed N      seed of the generated inputs (default 1)
      --no-rumdl    skip the rumdl comparison
      --keep        keep the generated inputs (their directory is printed)

    """

    static let names = ["parse", "completion", "gazetteer", "check", "server"]

    var quick = false
    var only: String?
    var seed: UInt64 = 1
    var rumdl = true
    var keep = false

    func runs(_ name: String) -> Bool { only == nil || only == name }

    /// Sizes: the issue's, or small ones for `--quick`.
    var documentSizes: [Int] { quick ? [100_000, 1_000_000] : [1_000_000, 10_000_000] }
    var editDocumentSize: Int { quick ? 200_000 : 1_000_000 }
    var corpusFiles: Int { quick ? 100 : 1_000 }
    var corpusBytes: Int { quick ? 2_000_000 : 50_000_000 }
    var gazetteerRows: Int { quick ? 20_000 : 200_000 }
    var completionCalls: Int { quick ? 200 : 2_000 }
    var edits: Int { quick ? 20 : 200 }
    var startRuns: Int { quick ? 5 : 21 }
    var repeats: Int { quick ? 1 : 3 }

    static func parse(_ args: [String]) throws -> BenchOptions {
        var o = BenchOptions()
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--quick": o.quick = true
            case "--no-rumdl": o.rumdl = false
            case "--keep": o.keep = true
            case "--only":
                i += 1
                guard i < args.count, names.contains(args[i]) else {
                    throw BenchUsageError(message: "--only takes one of: \(names.joined(separator: ", "))")
                }
                o.only = args[i]
            case "--seed":
                i += 1
                guard i < args.count, let n = UInt64(args[i]) else { throw BenchUsageError(message: "--seed takes a number") }
                o.seed = n
            case "-h", "--help":
                throw BenchUsageError(message: "")
            default:
                throw BenchUsageError(message: "unknown argument '\(args[i])'")
            }
            i += 1
        }
        return o
    }
}

struct BenchUsageError: Error {
    var message: String
}
