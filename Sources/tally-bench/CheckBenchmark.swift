import Foundation

/// `tally check` over a generated corpus (release binary, subprocess, both
/// cores, text report to /dev/null): wall-clock throughput and peak RSS;
/// the same for `rumdl check --no-cache` on a Markdown corpus of the same
/// shape when rumdl is available.
enum CheckBenchmark {
    static func run(_ context: BenchContext) throws {
        let files = context.options.corpusFiles
        let perFile = context.options.corpusBytes / files
        let tallyCorpus = context.scratch + "/corpus-tally"
        context.log("check: writing \(files) Tally files of \(BenchFormat.size(perFile))")
        var total = 0
        for i in 0..<files {
            let text = DocumentGenerator.tally(bytes: perFile, seed: context.options.seed, documentNumber: i)
            total += text.utf8.count
            try context.write(text, to: tallyCorpus + "/\(i / 100)/article-\(i).tally")
        }
        let tally = try context.tally()
        let t = try timeRuns(context, tally, ["check", tallyCorpus], name: "tally check")

        var rumdlCell = "n/a"
        if let rumdl = context.rumdl() {
            let mdCorpus = context.scratch + "/corpus-md"
            var mdTotal = 0
            for i in 0..<files {
                let text = DocumentGenerator.markdown(bytes: perFile, seed: context.options.seed, documentNumber: i)
                mdTotal += text.utf8.count
                try context.write(text, to: mdCorpus + "/\(i / 100)/article-\(i).md")
            }
            if let r = try? timeRuns(context, rumdl, ["check", "--no-cache", mdCorpus], name: "rumdl check") {
                rumdlCell = BenchFormat.throughput(bytes: mdTotal, seconds: r.seconds)
                    + " (\(BenchFormat.ms(r.seconds)), \(BenchFormat.megabytes(r.peakRSS)) RSS, \(BenchFormat.megabytes(mdTotal)))"
            }
        }
        let rate = Double(total) / 1e6 / t.seconds
        context.table.add(.init(
            measurement: "`check` wall clock, \(files) files, \(BenchFormat.megabytes(total)) (median of \(t.runs); peak RSS)",
            tally: BenchFormat.throughput(bytes: total, seconds: t.seconds)
                + " (\(BenchFormat.ms(t.seconds)), \(BenchFormat.megabytes(t.peakRSS)) RSS)",
            rumdl: rumdlCell,
            target: "≥ 120 MB/s", met: rate >= 120))
    }

    static func timeRuns(_ context: BenchContext, _ executable: String, _ arguments: [String],
                         name: String) throws -> (seconds: Double, peakRSS: Int, runs: Int) {
        var times: [Double] = []
        var peak = 0
        // One warm-up run (file cache), then the measured ones.
        for run in 0...max(3, context.options.repeats) {
            context.log("check: \(name) run \(run)")
            let r = try Subprocess.run(executable, arguments, environment: ["NO_COLOR": "1", "TALLY_CACHE_DIR": "off"])
            guard r.exit.status <= 1 else { throw BenchUsageError(message: "\(name) failed with status \(r.exit.status)") }
            context.floorRSS = max(context.floorRSS, r.floorRSS)
            if run > 0 {
                times.append(r.seconds)
                peak = max(peak, r.exit.peakRSS)
            }
        }
        return (Stopwatch.median(times), peak, times.count)
    }
}
