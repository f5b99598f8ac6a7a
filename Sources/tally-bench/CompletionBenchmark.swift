import TallyAnalysis

/// Completion latency in process (`Completion.complete`) at many cursor
/// positions of a 1 MB document: place and actor values on incident lines,
/// and whole-tag proposals after `[` in prose, with typed prefixes of one
/// to six letters taken from gazetteer names (a fifth with a typo).
enum CompletionBenchmark {
    static func run(_ context: BenchContext) {
        let embedded = EmbeddedGazetteer.shared
        context.log("completion: embedded gazetteer (\(embedded.count) entries)")
        measure(context, gazetteer: embedded, label: "embedded gazetteer (\(embedded.count) entries)", isTarget: false)

        let rows = context.options.gazetteerRows
        context.log("completion: building a \(rows)-row synthetic gazetteer")
        let dump = SyntheticGazetteer.geoNamesDump(rows: rows, seed: context.options.seed)
        let parsed = GazetteerParser.parse(text: dump, sourceName: "synthetic-cities500.txt")
        let big = Gazetteer(sources: [embedded.entries, parsed.entries])
        measure(context, gazetteer: big, label: "\(big.count)-entry gazetteer (embedded + \(rows) synthetic rows)", isTarget: true)
    }

    static func measure(_ context: BenchContext, gazetteer: Gazetteer, label: String, isTarget: Bool) {
        var r = BenchRandom(seed: context.options.seed &+ 99)
        // Typed prefixes from the gazetteer's own names.
        var prefixes: [String] = []
        for _ in 0..<200 {
            let entry = gazetteer.entries[r.below(gazetteer.count)]
            let letters = Array(entry.name.lowercased().filter { $0.isLetter })
            guard letters.count >= 2 else { continue }
            var prefix = Array(letters.prefix(1 + r.below(min(6, letters.count))))
            if prefix.count >= 4, r.chance(20) { prefix.swapAt(1, 2) }
            prefixes.append(String(prefix))
        }
        // A 1 MB document followed by one completion site per prefix.
        var text = DocumentGenerator.tally(bytes: context.options.editDocumentSize, seed: context.options.seed)
        var offsets: [Int] = []
        for (i, prefix) in prefixes.enumerated() {
            switch i % 3 {
            case 0:
                text += "::: incident cq\(i) date=2025-06-01 place=\(prefix)"
                offsets.append(text.utf8.count)
                text += "\n:::\n"
            case 1:
                text += "::: incident cq\(i) date=2025-06-01 by=\(prefix)"
                offsets.append(text.utf8.count)
                text += "\n:::\n"
            default:
                text += "Fighters entered [\(prefix.capitalizedFirst)"
                offsets.append(text.utf8.count)
                text += " at dawn.\n\n"
            }
        }
        let document = DocumentAnalysis.analyze(uri: "file:///completion.tally", text: text, gazetteer: gazetteer)
        let workspace = WorkspaceAnalysis(documents: [document])
        var times: [Double] = []
        var items = 0
        let calls = context.options.completionCalls
        for call in 0..<(calls + 20) {
            let offset = offsets[call % offsets.count]
            let start = Stopwatch.now()
            let result = Completion.complete(in: document, at: offset, workspace: workspace, gazetteer: gazetteer)
            let t = Double(Stopwatch.now() - start) / 1e9
            items += result.items.count
            if call >= 20 { times.append(t) }   // the first calls warm caches up
        }
        let p50 = Stopwatch.percentile(times, 50), p99 = Stopwatch.percentile(times, 99)
        context.table.add(.init(
            measurement: "Completion p50 / p99, \(label), \(times.count) calls",
            tally: BenchFormat.ms(p50) + " / " + BenchFormat.ms(p99),
            target: isTarget ? "p99 ≤ 5 ms" : "—",
            met: isTarget ? p99 <= 0.005 : nil))
        if items == 0 { context.log("warning: completion returned no items at all") }
    }
}
