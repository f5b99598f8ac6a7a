/// A mention of a gazetteer entry: an `actor`/`place` tag, or an id in an attribute.
public struct Reference: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable {
        /// `[Kayes]{place}` or `[the group]{actor=jnim}`.
        case tag
        /// `place=`, `by=`, `victim=` on an incident line.
        case incidentPlace, incidentPerpetrator, incidentVictim
        /// `victim=` and `by=` on a figure.
        case figureVictim, figurePerpetrator
    }

    public var kind: GazetteerEntryKind
    public var role: Role
    /// For a tag: the whole tag. For an attribute: the id's range.
    public var range: Range<Int>
    /// The tag text, or the id as written.
    public var surface: String
    /// The id written in the document (`=jnim`, `place=kayes`), if any.
    public var writtenID: String?
    /// The range of the written id, if any.
    public var idRange: Range<Int>?
    /// The gazetteer entry it resolved to.
    public var entryID: String?
    /// True when the id was inferred from the text (no `=id`).
    public var isInferred: Bool
    public var tagIndex: Int?
    /// Index in `DocumentAnalysis.incidents` of the enclosing or named incident.
    public var incidentIndex: Int?
}
