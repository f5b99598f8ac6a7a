/// The ranked matches of a gazetteer search.
public struct GazetteerSearchResult: Sendable, Hashable {
    /// Best first, at most `limit`, one per entry.
    public var matches: [GazetteerMatch]
    /// True when more entries matched than were returned (typing more narrows
    /// the list).
    public var isIncomplete: Bool

    public init(matches: [GazetteerMatch], isIncomplete: Bool) {
        self.matches = matches
        self.isIncomplete = isIncomplete
    }
}
