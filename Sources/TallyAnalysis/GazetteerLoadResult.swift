/// The entries parsed from one gazetteer source and the rows that were skipped.
public struct GazetteerLoadResult: Sendable {
    public var entries: [GazetteerEntry]
    public var problems: [GazetteerProblem]
    /// Which format the text was read as.
    public var format: GazetteerFormat

    public init(entries: [GazetteerEntry], problems: [GazetteerProblem], format: GazetteerFormat) {
        self.entries = entries
        self.problems = problems
        self.format = format
    }
}

/// Gazetteer file formats.
public enum GazetteerFormat: String, Sendable, Hashable {
    /// A GeoNames dump as downloaded (`cities500.txt`, `ML.txt`): 19
    /// tab-separated columns, no header.
    case geonames
    /// Tally TSV: a header row starting with `id`, columns chosen by name.
    case tallyTSV
}
