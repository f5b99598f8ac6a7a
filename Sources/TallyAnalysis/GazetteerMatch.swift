/// How a search query matched an entry's name, alias or id (best first:
/// `exact` > `prefix` > `wordStart` > `fuzzy`).
public enum GazetteerMatchQuality: Int, Sendable, Hashable, Comparable, CaseIterable {
    /// A name or alias starts, within one or two typos, with the query.
    case fuzzy = 0
    /// A later word of a name or alias starts with the query (`sahel` in `Nioro du Sahel`).
    case wordStart = 1
    /// A name or alias starts with the query.
    case prefix = 2
    /// A name or alias folds to exactly the query.
    case exact = 3

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One search result.
public struct GazetteerMatch: Sendable, Hashable {
    public var entry: GazetteerEntry
    /// The name, alias or id (as written in the gazetteer) that matched.
    public var matchedText: String
    public var quality: GazetteerMatchQuality
    /// Edits between the query and the matched text's prefix (0 unless `fuzzy`).
    public var editDistance: Int
    /// Ordering score, higher first: quality, then fewer edits, then a
    /// preferred country, then importance. Only comparisons are meaningful.
    public var score: Int

    public init(entry: GazetteerEntry, matchedText: String, quality: GazetteerMatchQuality,
                editDistance: Int, score: Int) {
        self.entry = entry
        self.matchedText = matchedText
        self.quality = quality
        self.editDistance = editDistance
        self.score = score
    }
}
