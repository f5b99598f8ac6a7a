/// One incident as exported: everything the documents of a workspace say
/// about one incident id, merged into a single row of event data.
///
/// Field names follow ACLED where the meaning is the same (`event_date`,
/// `time_precision`, `actor1`, `geo_precision`, `fatalities`) and UCDP for the
/// count bands (`low`, `best`, `high`). Built by `IncidentRecords.build`.
public struct IncidentRecord: Sendable, Hashable {
    /// The incident id, shared by every document that describes the incident.
    public var id: String
    /// The date span: the union of the dates the documents give.
    public var date: DateSpan?
    /// The `type=` of the first document that gives a known type.
    public var type: EventType?
    /// Incident-line `by=` ids (in document order), then figure `by=` ids not yet listed.
    public var perpetrators: [Actor]
    /// Incident-line `victim=` ids, then figure `victim=` ids not yet listed.
    public var victims: [Actor]
    /// The `place=` ids of every document, in order, each once.
    public var places: [Place]
    /// One entry per figure kind that some document reports, in `TagKind.figureKinds` order.
    public var counts: [Count]
    /// The figures with a count that support the incident, in document order.
    public var figures: [SupportingFigure]
    /// Where the incident is described: each incident block's opening line, and
    /// the line of each `in=` figure of a document that has no block for it.
    public var locations: [SourceLocation]
    /// Distinct front-matter `source:` values of the supporting documents.
    public var sources: [String]
    /// Distinct front-matter `url:` values of the supporting documents.
    public var sourceURLs: [String]
    /// Incident-line `note=` values, then one note per kind the documents disagree on.
    public var notes: [String]

    /// An actor named by id: its gazetteer name, or the id itself when unknown.
    public struct Actor: Sendable, Hashable {
        /// The gazetteer id (as written when it did not resolve).
        public var id: String
        public var name: String
        /// Gazetteer category (`state-force`, `armed-group`, ...); nil when unresolved.
        public var category: String?
    }

    /// A place named by id, with what the gazetteer knows of it.
    public struct Place: Sendable, Hashable {
        /// The gazetteer id (as written when it did not resolve).
        public var id: String
        public var name: String
        /// ISO 3166-1 alpha-2 code.
        public var countryCode: String?
        /// The country's name (from the gazetteer's country entry, else the code).
        public var country: String?
        public var admin1: String?
        public var admin2: String?
        public var latitude: Double?
        public var longitude: Double?
        /// ACLED-style precision of the place named: 1 a town, village or other
        /// point; 2 a second-level division (district, cercle); 3 a region or a
        /// country. Nil when the id is not in the gazetteer.
        public var geoPrecision: Int?

        /// True when both coordinates are known.
        public var hasCoordinates: Bool { latitude != nil && longitude != nil }
    }

    /// The merged count of one kind, as a UCDP-style band.
    public struct Count: Sendable, Hashable {
        public var kind: TagKind
        public var low: Int
        /// The conservative estimate: the low end of the band (ACLED's practice).
        public var best: Int
        /// Nil when unbounded (`at least 130`).
        public var high: Int?
        /// True when two documents give totals that cannot both be true, or when
        /// one document's figures contradict each other. The band then spans
        /// every claim instead of their common part.
        public var sourcesDisagree: Bool
        /// What each supporting document says on its own.
        public var statements: [Statement]

        public var interval: CountInterval { CountInterval(low: low, high: high) }
    }

    /// One document's total of one kind for the incident.
    public struct Statement: Sendable, Hashable {
        public var location: SourceLocation
        /// The document's total; widened to every figure when they contradict each other.
        public var interval: CountInterval
        /// True when the document's own figures cannot all be true.
        public var isInconsistent: Bool
    }

    /// A figure tag that counts for the incident.
    public struct SupportingFigure: Sendable, Hashable {
        public var location: SourceLocation
        /// One-based column of the tag's `[`, counted in Unicode scalars.
        public var column: Int
        public var kind: TagKind
        /// The article text inside the brackets.
        public var text: String
        public var interval: CountInterval
        public var victim: String?
        public var by: String?
        public var note: String?
    }

    /// A document and a one-based line in it.
    public struct SourceLocation: Sendable, Hashable, Comparable {
        /// The document's URI or path, as given to the analysis.
        public var uri: String
        public var line: Int

        public static func < (a: SourceLocation, b: SourceLocation) -> Bool { (a.uri, a.line) < (b.uri, b.line) }
    }

    // MARK: Derived fields

    /// ACLED's `event_type`: the event type of `type` (for a sub-event type, its parent).
    public var eventType: EventType? { type?.eventType }

    /// ACLED's `sub_event_type`: `type` when it is a sub-event type.
    public var subEventType: EventType? { type?.parent == nil ? nil : type }

    /// `YYYY-MM-DD`: the first day the date span may mean (`2025-07` gives `2025-07-01`).
    public var eventDate: String? {
        guard let start = date?.start else { return nil }
        return PartialDate(year: start.year, month: start.month, day: start.day ?? 1).description
    }

    /// ACLED's `time_precision`: 1 a single day; 2 a span of at most seven days;
    /// 3 anything vaguer (a month, a longer span). Nil when undated.
    public var timePrecision: Int? {
        guard let date else { return nil }
        guard let d1 = date.start.day, let d2 = date.end.day else { return 3 }
        let start = Self.dayNumber(year: date.start.year, month: date.start.month, day: d1)
        let end = Self.dayNumber(year: date.end.year, month: date.end.month, day: d2)
        if start == end { return 1 }
        return end - start <= 6 ? 2 : 3
    }

    /// The merged count of `kind`, when some document reports it.
    public func count(_ kind: TagKind) -> Count? { counts.first { $0.kind == kind } }

    /// ACLED's `fatalities`: the best estimate of killed, 0 when no document reports deaths.
    public var fatalities: Int { count(.killed)?.best ?? 0 }

    /// True when the documents disagree on any count.
    public var sourcesDisagree: Bool { counts.contains { $0.sourcesDisagree } }

    /// The first place, whose details fill the single-place columns of a table.
    public var primaryPlace: Place? { places.first }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar.
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = month + (month > 2 ? -3 : 9)
        let dayOfYear = (153 * m + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
