/// Reads gazetteer files (given as text or bytes; no file access here).
///
/// The format is detected from the first non-blank line: a header row whose
/// first column is `id` means Tally TSV; a row of 19 tab-separated fields
/// whose first field is a number means a GeoNames dump. Rows that cannot be
/// used are reported with their line number and skipped; the others are kept.
public enum GazetteerParser {
    /// Parses `text`. `sourceName` (usually the file's path) goes into each
    /// entry's `origin`.
    public static func parse(text: String, sourceName: String) -> GazetteerLoadResult {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { buffer in
            parse(buffer: buffer, origin: OriginMaker(path: sourceName))
        } ?? parse(bytes: Array(text.utf8), sourceName: sourceName)
    }

    /// Parses UTF-8 bytes (invalid sequences become U+FFFD).
    public static func parse(bytes: [UInt8], sourceName: String) -> GazetteerLoadResult {
        bytes.withUnsafeBufferPointer { buffer in
            parse(buffer: buffer, origin: OriginMaker(path: sourceName))
        }
    }

    /// Parses the default gazetteer's text (entries get the `.embedded` origin).
    static func parseEmbedded(_ text: String) -> GazetteerLoadResult {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { buffer in
            parse(buffer: buffer, origin: OriginMaker(path: nil))
        }!
    }

    /// Guesses the format of a gazetteer text, or nil when it is neither.
    public static func detectFormat(text: String) -> GazetteerFormat? {
        for line in text.split(separator: "\n", maxSplits: 50, omittingEmptySubsequences: true) {
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            if trimmed.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
            return detect(Array(trimmed.utf8)[...])
        }
        return nil
    }

    // MARK: - Internals

    private static func detect(_ line: ArraySlice<UInt8>) -> GazetteerFormat? {
        let fields = split(line)
        if let first = fields.first, fieldString(trim(first)).lowercased() == "id" {
            return .tallyTSV
        }
        if fields.count == 19, let first = fields.first, !first.isEmpty,
           first.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            return .geonames
        }
        return nil
    }

    private static func parse(buffer: UnsafeBufferPointer<UInt8>,
                              origin: OriginMaker) -> GazetteerLoadResult {
        var lines = LineReader(buffer: buffer)
        var format: GazetteerFormat? = nil
        var firstLine: (number: Int, bytes: ArraySlice<UInt8>)? = nil
        while let (number, line) = lines.next() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            format = detect(line)
            firstLine = (number, line)
            break
        }
        guard let firstLine else {
            return GazetteerLoadResult(entries: [], problems: [], format: .tallyTSV)
        }
        switch format {
        case .geonames?:
            var reader = GeoNamesReader(origin: origin)
            reader.read(line: firstLine.bytes, number: firstLine.number)
            while let (number, line) = lines.next() { reader.read(line: line, number: number) }
            return reader.finish()
        case .tallyTSV?:
            var reader = TallyTSVReader(header: firstLine.bytes, headerLine: firstLine.number, origin: origin)
            while let (number, line) = lines.next() { reader.read(line: line, number: number) }
            return reader.finish()
        case nil:
            let problem = GazetteerProblem(
                line: firstLine.number,
                message: "not a gazetteer: expected a Tally TSV header row starting with 'id' "
                    + "or a GeoNames dump row of 19 tab-separated columns")
            return GazetteerLoadResult(entries: [], problems: [problem], format: .tallyTSV)
        }
    }

    /// Splits a line at tabs.
    static func split(_ line: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var fields: [ArraySlice<UInt8>] = []
        fields.reserveCapacity(20)
        var start = line.startIndex
        var i = start
        while i < line.endIndex {
            if line[i] == 0x09 {
                fields.append(line[start..<i])
                start = i + 1
            }
            i += 1
        }
        fields.append(line[start..<line.endIndex])
        return fields
    }

    static func fieldString(_ field: ArraySlice<UInt8>) -> String {
        String(decoding: field, as: UTF8.self)
    }

    /// The field without leading or trailing spaces and tabs.
    static func trim(_ field: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var lower = field.startIndex, upper = field.endIndex
        while lower < upper, field[lower] == 0x20 || field[lower] == 0x09 { lower += 1 }
        while upper > lower, field[upper - 1] == 0x20 || field[upper - 1] == 0x09 { upper -= 1 }
        return field[lower..<upper]
    }

    /// Comma-separated list, items trimmed, empty items dropped.
    static func list(_ field: ArraySlice<UInt8>) -> [String] {
        if field.isEmpty { return [] }
        var items: [String] = []
        var start = field.startIndex
        var i = start
        while i <= field.endIndex {
            if i == field.endIndex || field[i] == UInt8(ascii: ",") {
                let item = trim(field[start..<i])
                if !item.isEmpty { items.append(fieldString(item)) }
                start = i + 1
            }
            i += 1
        }
        return items
    }

    /// Lines of a buffer with their 1-based numbers, without `\n` or `\r\n`.
    struct LineReader {
        let buffer: UnsafeBufferPointer<UInt8>
        var position = 0
        var number = 0

        init(buffer: UnsafeBufferPointer<UInt8>) {
            self.buffer = buffer
            // Skip a UTF-8 byte order mark.
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
        }

        mutating func next() -> (Int, ArraySlice<UInt8>)? {
            guard position < buffer.count else { return nil }
            number += 1
            var end = position
            while end < buffer.count, buffer[end] != 0x0A { end += 1 }
            var lineEnd = end
            if lineEnd > position, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            let line = ArraySlice(buffer[position..<lineEnd])
            position = end + 1
            return (number, line)
        }
    }
}

/// Makes the origin of the entry on a given line.
struct OriginMaker: Sendable {
    /// The source name, nil for the embedded gazetteer.
    let path: String?

    func callAsFunction(_ line: Int) -> GazetteerOrigin {
        path.map { .file(path: $0, line: line) } ?? .embedded
    }
}
