/// What `CountReader` found in a figure's text.
public struct CountReading: Sendable, Hashable {
    /// The count as an interval (`at least 130` is 130 and more).
    public var interval: CountInterval
    /// UTF-8 byte offsets, within the text read, of the words that gave the
    /// count, qualifiers included (`at least 130`).
    public var range: Range<Int>
    /// Those words as written.
    public var words: String
    /// A vague quantity (`dozens`, `several`, `des centaines`) rather than a number.
    public var isVague: Bool

    public init(interval: CountInterval, range: Range<Int>, words: String, isVague: Bool) {
        self.interval = interval
        self.range = range
        self.words = words
        self.isVague = isVague
    }
}
