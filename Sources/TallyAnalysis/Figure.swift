/// A casualty figure: a tag of a figure kind, with its count and links.
public struct Figure: Sendable, Hashable {
    /// Index of the tag in the document's syntax tree.
    public var tagIndex: Int
    public var kind: TagKind
    /// The whole tag.
    public var range: Range<Int>
    /// The article text inside the brackets.
    public var text: String
    /// The count in force: the given value, else the one read from the text.
    public var interval: CountInterval?
    /// The value written after `KIND=`, if any.
    public var given: CountInterval?
    /// What was read from the text, if anything.
    public var reading: CountReading?
    /// Absolute byte range of the words that gave the reading.
    public var readingRange: Range<Int>?
    /// `victim=` and `by=` as written.
    public var victim: String?
    public var by: String?
    /// The incident this figure counts for: `in=` or the enclosing block.
    public var incidentID: String?
    /// True when the incident comes from `in=`.
    public var hasExplicitIncident: Bool
    /// Index of the incident in this document, when it is defined here.
    public var incidentIndex: Int?

    /// A figure with `victim=` counts a part of the incident's total; one without restates the total.
    public var isPart: Bool { victim != nil }
}
