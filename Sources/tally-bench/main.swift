import Foundation

// tally-bench: generates its inputs, runs the benchmarks of issue 6 and
// prints one Markdown table. See BenchOptions for the options.

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == Subprocess.measureFlag {
    exit(Subprocess.measureMain(Array(arguments.dropFirst())))
}
if arguments.first == GazetteerBenchmark.childFlag {
    exit(GazetteerBenchmark.childMain(Array(arguments.dropFirst())))
}

let options: BenchOptions
do {
    options = try BenchOptions.parse(arguments)
} catch let error as BenchUsageError {
    if !error.message.isEmpty { FileHandle.standardError.write(Data(("tally-bench: " + error.message + "\n\n").utf8)) }
    FileHandle.standardError.write(Data(BenchOptions.usage.utf8))
    exit(error.message.isEmpty ? 0 : 2)
}

do {
    let context = try BenchContext(options: options)
    defer {
        if options.keep { context.log("inputs kept in \(context.scratch)") } else { context.removeScratch() }
    }
    if options.runs("parse") { ParseBenchmark.run(context) }
    if options.runs("completion") { CompletionBenchmark.run(context) }
    if options.runs("gazetteer") { try GazetteerBenchmark.run(context) }
    if options.runs("check") { try CheckBenchmark.run(context) }
    if options.runs("server") { try ServerBenchmark.run(context) }
    var header = "tally-bench\(options.quick ? " --quick (smoke-test sizes; not comparable)" : ""), seed \(options.seed), "
    header += "\(ProcessInfo.processInfo.activeProcessorCount) cores"
    if let version = context.rumdlVersion() { header += ", \(version)" }
    if context.floorRSS > 0 { header += "; peak RSS of children measured from a \(BenchFormat.megabytes(context.floorRSS)) launcher (floor)" }
    print(header + "\n")
    print(context.table.markdown(), terminator: "")
} catch {
    FileHandle.standardError.write(Data("tally-bench: \(error)\n".utf8))
    exit(1)
}
