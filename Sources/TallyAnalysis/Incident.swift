/// An incident block of one document with what its opening line declares and the figures that count for it.
public struct Incident: Sendable, Hashable {
    public var blockIndex: Int
    public var id: String
    public var idRange: Range<Int>
    public var openingLine: Range<Int>
    public var range: Range<Int>
    public var date: DateSpan?
    public var dateText: String?
    public var type: EventType?
    public var typeText: String?
    /// Gazetteer ids from `place=`, `by=` and `victim=` (as written; resolution is in the references).
    public var places: [String]
    public var perpetrators: [String]
    public var victims: [String]
    /// Totals declared on the opening line, per kind, with the range of the value.
    public var declared: [TagKind: DeclaredTotal]
    /// Indices into `DocumentAnalysis.figures` of the figures counting for this incident.
    public var figureIndices: [Int]
    public var note: String?

    public struct DeclaredTotal: Sendable, Hashable {
        public var interval: CountInterval
        public var range: Range<Int>
    }
}
