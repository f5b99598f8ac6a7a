import TallyAnalysis
import TallyProtocol

/// `tally summary PATH... [--format text|json]`: incidents per month, totals
/// per kind, the most affected places and the actors with the most casualties.
enum SummaryCommand {
    static let usage = """
    usage: tally summary [options] PATH...

    Summarises the incidents of the files (merged across documents by id):
    incidents per month, totals per kind, the most affected places and the
    actors with the most casualties attributed to them (killed plus injured,
    best estimates; an incident's whole count goes to each of its places and
    to each of its perpetrators).

    options:
      --format text|json   output format (default: text)
      --top N              places and actors to list (default: 10)
      --out FILE           write to FILE (atomically) instead of standard output
      --config FILE        use this tally.json instead of the nearest one

    """

    enum Format: String { case text, json }

    static func run(_ args: [String]) throws -> Int32 {
        if args.contains("--help") || args.contains("-h") { Console.out(usage); return 0 }
        let options = try OptionParser(args, command: "summary", valueOptions: ["--format", "--top", "--out", "--config"])
        let formatName = options.values["--format"] ?? "text"
        guard let format = Format(rawValue: formatName) else {
            throw UsageError("unknown format '\(formatName)' for summary (text, json)")
        }
        var top = 10
        if let t = options.values["--top"] {
            guard let n = Int(t), n >= 0 else { throw UsageError("--top takes a whole number, not '\(t)'") }
            top = n
        }
        if options.paths.isEmpty { throw UsageError("summary needs at least one file or directory") }
        let loaded = WorkspaceLoader.load(options.paths, config: options.values["--config"])
        for p in loaded.problems { Console.err("tally: \(p)\n") }
        if loaded.fatal { return 2 }
        let summary = CorpusSummary.make(records: ExportCommand.records(of: loaded), limit: top)
        switch format {
        case .text: return ExportCommand.write(Array(text(summary).utf8), to: options.values["--out"])
        case .json:
            var bytes = JSONSerializer.serialize(json(summary))
            bytes.append(UInt8(ascii: "\n"))
            return ExportCommand.write(bytes, to: options.values["--out"])
        }
    }

    // MARK: Text

    static func text(_ s: CorpusSummary) -> String {
        var out = "\(plural(s.incidents, "incident")) from \(plural(s.documents, "document"))"
        if let a = s.firstDate, let b = s.lastDate { out += ", \(a) to \(b)" }
        if s.disputedIncidents > 0 { out += "; sources disagree on \(plural(s.disputedIncidents, "incident"))" }
        out += "\n"

        out += "\nIncidents per month\n"
        var monthRows = s.months.map { [$0.month, String($0.incidents), String($0.fatalities)] }
        if s.undatedIncidents > 0 { monthRows.append(["undated", String(s.undatedIncidents), ""]) }
        out += table(["month", "incidents", "fatalities"], monthRows, rightAligned: [1, 2])

        out += "\nTotals per kind (best is the low end of each incident's range)\n"
        let kindRows = s.totals.map { t in
            [t.kind.rawValue, String(t.best), String(t.low), t.high.map(String.init) ?? "no bound",
             String(t.incidents), t.disputed > 0 ? String(t.disputed) : ""]
        }
        out += table(["kind", "best", "low", "high", "incidents", "disputed"], kindRows, rightAligned: [1, 2, 3, 4, 5])

        out += "\nMost affected places (killed + injured)\n"
        out += table(["place", "incidents", "killed", "injured", "casualties"], s.places.map(tallyRow), rightAligned: [1, 2, 3, 4])

        out += "\nActors with the most attributed casualties (as perpetrators)\n"
        var actorRows = s.actors.map(tallyRow)
        if s.unattributed.incidents > 0 {
            actorRows.append(["(no perpetrator named)", String(s.unattributed.incidents), String(s.unattributed.killed),
                              String(s.unattributed.injured), String(s.unattributed.casualties)])
        }
        out += table(["actor", "incidents", "killed", "injured", "casualties"], actorRows, rightAligned: [1, 2, 3, 4])
        return out
    }

    static func tallyRow(_ t: CorpusSummary.Tally) -> [String] {
        [t.name, String(t.incidents), String(t.killed), String(t.injured), String(t.casualties)]
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    /// A plain text table indented by two spaces; widths count characters.
    static func table(_ header: [String], _ rows: [[String]], rightAligned: Set<Int>) -> String {
        if rows.isEmpty { return "  (none)\n" }
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, c) in cells.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - c.count)
                parts.append(rightAligned.contains(i) ? pad + c : (i == cells.count - 1 ? c : c + pad))
            }
            var s = "  " + parts.joined(separator: "  ")
            while s.hasSuffix(" ") { s.removeLast() }
            return s + "\n"
        }
        return line(header) + rows.map(line).joined()
    }

    // MARK: JSON

    static func json(_ s: CorpusSummary) -> JSONValue {
        func tally(_ t: CorpusSummary.Tally) -> JSONValue {
            ["id": .string(t.id), "name": .string(t.name), "incidents": JSONValue(t.incidents),
             "killed": JSONValue(t.killed), "injured": JSONValue(t.injured), "casualties": JSONValue(t.casualties)]
        }
        let totals: [JSONValue] = s.totals.map { t in
            ["kind": .string(t.kind.rawValue), "incidents": JSONValue(t.incidents), "low": JSONValue(t.low),
             "best": JSONValue(t.best), "high": t.high.map { JSONValue($0) } ?? .null, "disputed": JSONValue(t.disputed)]
        }
        let months: [JSONValue] = s.months.map { m in
            ["month": .string(m.month), "incidents": JSONValue(m.incidents), "fatalities": JSONValue(m.fatalities)]
        }
        return [
            "incidents": JSONValue(s.incidents),
            "documents": JSONValue(s.documents),
            "first_date": s.firstDate.map { .string($0.description) } ?? .null,
            "last_date": s.lastDate.map { .string($0.description) } ?? .null,
            "disputed_incidents": JSONValue(s.disputedIncidents),
            "months": .array(months),
            "undated_incidents": JSONValue(s.undatedIncidents),
            "totals": .array(totals),
            "places": .array(s.places.map(tally)),
            "actors": .array(s.actors.map(tally)),
            "unattributed": ["incidents": JSONValue(s.unattributed.incidents), "killed": JSONValue(s.unattributed.killed),
                             "injured": JSONValue(s.unattributed.injured), "casualties": JSONValue(s.unattributed.casualties)],
        ]
    }
}
