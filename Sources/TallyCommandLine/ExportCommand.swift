import TallyAnalysis
import TallyProtocol

/// `tally export PATH... --format csv|json|geojson [--out FILE]`: one row or
/// feature per incident, merged across documents by incident id.
enum ExportCommand {
    static let usage = """
    usage: tally export [options] PATH...

    Writes one record per incident (merged across documents by incident id).
    Exit status: 0 written, 2 usage or I/O problems. Documents with errors are
    exported as they are; run 'tally check' first.

    options:
      --format csv|json|geojson   output format (default: csv)
                                  csv: RFC 4180, CRLF line ends, UTF-8
                                  json: {"incidents": [...]} with figures and per-document counts
                                  geojson: a FeatureCollection (RFC 7946), [longitude, latitude]
      --out FILE                  write to FILE (atomically) instead of standard output
      --config FILE               use this tally.json instead of the nearest one

    """

    enum Format: String { case csv, json, geojson }

    static func run(_ args: [String]) throws -> Int32 {
        if args.contains("--help") || args.contains("-h") { Console.out(usage); return 0 }
        let options = try OptionParser(args, command: "export", valueOptions: ["--format", "--out", "--config"])
        let formatName = options.values["--format"] ?? "csv"
        guard let format = Format(rawValue: formatName) else {
            throw UsageError("unknown format '\(formatName)' for export (csv, json, geojson)")
        }
        if options.paths.isEmpty { throw UsageError("export needs at least one file or directory") }
        let loaded = WorkspaceLoader.load(options.paths, config: options.values["--config"])
        for p in loaded.problems { Console.err("tally: \(p)\n") }
        if loaded.fatal { return 2 }
        let records = records(of: loaded)
        let bytes: [UInt8]
        switch format {
        case .csv: bytes = csv(records)
        case .json: bytes = IncidentJSON.document(records)
        case .geojson: bytes = IncidentJSON.featureCollection(records)
        }
        return write(bytes, to: options.values["--out"])
    }

    /// The records of every project group, in date-then-id order. An id used in
    /// two projects gives two records (projects do not share incidents).
    static func records(of loaded: WorkspaceLoader.Loaded) -> [IncidentRecord] {
        var all: [IncidentRecord] = []
        var errors = 0
        for group in loaded.groups {
            all += IncidentRecords.build(workspace: group.workspace, gazetteer: group.project.gazetteer)
            for uri in group.workspace.uris {
                errors += group.workspace.diagnostics(for: uri).filter { $0.severity == .error }.count
            }
        }
        if errors > 0 {
            Console.err("tally: the documents have \(errors) error\(errors == 1 ? "" : "s"); the export may be incomplete (see 'tally check')\n")
        }
        if loaded.groups.count < 2 { return all }
        return all.enumerated().sorted { x, y in
            let a = x.element, b = y.element
            let ka = a.date?.start.earliestKey ?? Int.max, kb = b.date?.start.earliestKey ?? Int.max
            if ka != kb { return ka < kb }
            if a.id != b.id { return a.id < b.id }
            return x.offset < y.offset
        }.map(\.element)
    }

    /// The header and one record per incident.
    static func csv(_ records: [IncidentRecord]) -> [UInt8] {
        var writer = CSVWriter()
        writer.writeRecord(IncidentTable.columns)
        for r in records { writer.writeRecord(IncidentTable.row(r).map(IncidentTable.field)) }
        return writer.bytes
    }

    /// Writes to standard output, or atomically to `path`.
    static func write(_ bytes: [UInt8], to path: String?) -> Int32 {
        guard let path else {
            FileOutput.writeStdout(bytes)
            return 0
        }
        do throws(SourceFile.ReadError) {
            try SourceFile.writeAtomically(bytes, to: path)
            return 0
        } catch {
            Console.err("tally: \(error.description)\n")
            return 2
        }
    }
}
