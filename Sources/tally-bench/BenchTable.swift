/// The one table the benchmark prints (Markdown).
struct BenchTable {
    struct Row {
        var measurement: String
        var tally: String
        var rumdl: String = "—"
        var target: String = "—"
        /// nil: no target; true: met; false: missed.
        var met: Bool? = nil
    }

    var rows: [Row] = []

    mutating func add(_ row: Row) {
        rows.append(row)
    }

    func markdown() -> String {
        var out = "| Measurement | Tally | rumdl | Target (issue 6) | Met |\n"
        out += "|---|---:|---:|---|:-:|\n"
        for r in rows {
            let verdict = r.met.map { $0 ? "yes" : "**no**" } ?? "—"
            out += "| \(r.measurement) | \(r.tally) | \(r.rumdl) | \(r.target) | \(verdict) |\n"
        }
        return out
    }
}
