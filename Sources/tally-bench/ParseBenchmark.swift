import TallyAnalysis
import TallySyntax

/// Parse + analyse throughput on one large document, in process: the
/// document analysis (tree, references, figures, incidents, rules, hints)
/// and the workspace analysis over it.
enum ParseBenchmark {
    static func run(_ context: BenchContext) {
        let gazetteer = EmbeddedGazetteer.shared
        for size in context.options.documentSizes {
            let text = DocumentGenerator.tally(bytes: size, seed: context.options.seed)
            let bytes = Array(text.utf8)
            context.log("parse+analyze: \(BenchFormat.size(bytes.count)) document")
            // One warm-up, then the median of the runs.
            var times: [Double] = []
            var diagnostics = 0
            for run in 0...max(3, context.options.repeats + 2) {
                let t = Stopwatch.seconds {
                    let document = DocumentAnalysis.analyze(uri: "file:///bench.tally", bytes: bytes, gazetteer: gazetteer)
                    let workspace = WorkspaceAnalysis(documents: [document])
                    diagnostics = workspace.diagnostics(for: document.uri).count
                }
                if run > 0 { times.append(t) }
            }
            // The syntax tree alone, for where the time goes.
            var parseTimes: [Double] = []
            for run in 0...3 {
                let t = Stopwatch.seconds { _ = SyntaxTree.parse(bytes: bytes) }
                if run > 0 { parseTimes.append(t) }
            }
            let parseMedian = Stopwatch.median(parseTimes)
            let median = Stopwatch.median(times)
            let rate = Double(bytes.count) / 1e6 / median
            let isTarget = size >= 10_000_000
            context.table.add(.init(
                measurement: "Parse + analyze, \(BenchFormat.size(bytes.count)) document (\(diagnostics) diagnostics), median of \(times.count)",
                tally: BenchFormat.throughput(bytes: bytes.count, seconds: median) + " (" + BenchFormat.ms(median) + ")",
                target: isTarget ? "≥ 100 MB/s" : "—",
                met: isTarget ? rate >= 100 : nil))
            context.table.add(.init(
                measurement: "… of which parsing alone (TallySyntax), \(BenchFormat.size(bytes.count)), median of \(parseTimes.count)",
                tally: BenchFormat.throughput(bytes: bytes.count, seconds: parseMedian) + " (" + BenchFormat.ms(parseMedian) + ")"))
        }
    }
}
