/// Reads the casualty count in the text of a figure tag: `[at least 130
/// people]` is 130 and more, `[three Indian nationals]` is 3, `[des dizaines
/// de civils]` is 10 and more. The first count in the text wins; the table of
/// words and intervals, with its rationale, is Grammar/count-reading.md.
///
/// Works on UTF-8 bytes with lowercase, diacritic-free comparisons and no
/// regular expressions. Never traps, whatever the bytes.
public enum CountReader {
    /// The first count in `text`, or nil when there is none.
    public static func read(_ text: String, language: DocumentLanguage) -> CountReading? {
        read(bytes: Array(text.utf8), language: language)
    }

    /// The first count in UTF-8 `bytes`; offsets in the result count from the
    /// collection's first byte.
    public static func read(_ bytes: some Collection<UInt8>, language: DocumentLanguage) -> CountReading? {
        read(bytes: Array(bytes), language: language)
    }

    static func read(bytes: [UInt8], language: DocumentLanguage) -> CountReading? {
        let tokens = CountTokenizer.tokens(bytes, language: language)
        guard !tokens.isEmpty else { return nil }
        let parser = CountPhraseParser(tokens: tokens, language: language)
        guard let phrase = parser.firstPhrase() else { return nil }
        let range = tokens[phrase.first].start..<tokens[phrase.last].end
        return CountReading(interval: phrase.interval, range: range,
                            words: String(decoding: bytes[range], as: UTF8.self), isVague: phrase.isVague)
    }
}
