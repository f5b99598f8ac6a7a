import Foundation
import TallyAnalysis
import TallyProtocol

/// Gazetteer load time and peak memory for a cities500-sized GeoNames file
/// named in a project's `tally.json`, each load in a fresh child process
/// (this executable, `--child-load-gazetteer`) so that its peak RSS is its own:
/// cold (caching off: read, parse, merge with the embedded gazetteer, index),
/// first load (the same plus writing the cache) and from the cache.
enum GazetteerBenchmark {
    static let childFlag = "--child-load-gazetteer"

    static func run(_ context: BenchContext) throws {
        let rows = context.options.gazetteerRows
        let project = context.scratch + "/gazetteer-project"
        let cache = context.scratch + "/gazetteer-cache"
        context.log("gazetteer: writing a \(rows)-row synthetic GeoNames file")
        let dump = SyntheticGazetteer.geoNamesDump(rows: rows, seed: context.options.seed)
        try context.write(dump, to: project + "/cities500.txt")
        try context.write(#"{"gazetteers": ["cities500.txt"]}"#, to: project + "/tally.json")
        let config = project + "/tally.json"
        let size = BenchFormat.megabytes(dump.utf8.count)

        // Baseline: a process that loads only the embedded gazetteer.
        let baseline = try child(context, config: nil, cache: "off")
        var cold: [(Double, Int, Int)] = [], first: [(Double, Int, Int)] = [], cached: [(Double, Int, Int)] = []
        for _ in 0..<max(3, context.options.repeats) {
            context.log("gazetteer: cold, first and cached loads")
            cold.append(try child(context, config: config, cache: "off"))
            try? FileManager.default.removeItem(atPath: cache)
            first.append(try child(context, config: config, cache: cache))
            cached.append(try child(context, config: config, cache: cache))
        }
        func summary(_ runs: [(Double, Int, Int)]) -> (Double, Int, Int) {
            (Stopwatch.median(runs.map(\.0)), runs.map(\.1).max() ?? 0, runs.map(\.2).max() ?? 0)
        }
        let (coldTime, coldRSS, coldResident) = summary(cold)
        let (firstTime, firstRSS, _) = summary(first)
        let (cachedTime, cachedRSS, cachedResident) = summary(cached)
        let cacheSize = (try? FileManager.default.attributesOfItem(atPath: cache + "/" +
            ((try? FileManager.default.contentsOfDirectory(atPath: cache))?.first ?? ""))[.size] as? Int) ?? 0
        let rss = { (b: Int) in BenchFormat.megabytes(b) + " peak RSS" }
        let resident = { (b: Int) in ", " + BenchFormat.megabytes(b) + " resident after" }
        context.table.add(.init(
            measurement: "Gazetteer load, cold: \(rows) GeoNames rows (\(size)) parsed, merged, indexed",
            tally: BenchFormat.ms(coldTime) + ", " + rss(coldRSS) + resident(coldResident),
            target: "≤ 1.5 s cold", met: coldTime <= 1.5))
        context.table.add(.init(
            measurement: "Gazetteer load, first run (cold + writing the \(BenchFormat.megabytes(cacheSize)) cache)",
            tally: BenchFormat.ms(firstTime) + ", " + rss(firstRSS)))
        context.table.add(.init(
            measurement: "Gazetteer load from the cache",
            tally: BenchFormat.ms(cachedTime) + ", " + rss(cachedRSS) + resident(cachedResident),
            target: "≤ 300 ms; resident ≤ 150 MB", met: cachedTime <= 0.3 && max(cachedResident, coldResident) <= 150_000_000))
        context.table.add(.init(
            measurement: "Process with the embedded gazetteer only (baseline for the RSS above)",
            tally: BenchFormat.ms(baseline.0) + ", " + rss(baseline.1) + resident(baseline.2)))
    }

    /// Runs one load in a child; returns (seconds, peak RSS bytes, resident bytes after the load).
    static func child(_ context: BenchContext, config: String?, cache: String) throws -> (Double, Int, Int) {
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        let result = try Subprocess.run(me, [childFlag, config ?? "-"], environment: ["TALLY_CACHE_DIR": cache],
                                        captureOutput: true)
        let fields = result.output.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard result.exit.status == 0, fields.count >= 3, let seconds = Double(fields[0]), let entries = Int(fields[1]),
              let resident = Int(fields[2]) else {
            throw BenchUsageError(message: "gazetteer child failed: \(result.output)")
        }
        if config != nil, entries < context.options.gazetteerRows {
            throw BenchUsageError(message: "gazetteer child loaded only \(entries) entries")
        }
        context.floorRSS = max(context.floorRSS, result.floorRSS)
        return (seconds, result.exit.peakRSS, resident)
    }

    /// The child's side: load the project (the way `tally check` and the
    /// server do), print seconds and entry count.
    static func childMain(_ args: [String]) -> Int32 {
        let config = args.first.flatMap { $0 == "-" ? nil : $0 }
        let start = Stopwatch.now()
        let project = ProjectLoader.load(configPath: config)
        let seconds = Double(Stopwatch.now() - start) / 1e9
        // Resident after the load (what stays), besides the peak the parent reads.
        print("\(seconds) \(project.gazetteer.count) \(Stopwatch.residentRSS())")
        return 0
    }
}
