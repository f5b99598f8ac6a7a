import TallySyntax
import TallyAnalysis

/// Text edits of a Tally TSV gazetteer file (a header row whose first column
/// is `id`, then one tab-separated entry per line): changing the id of the
/// entry on a line, and appending a row for a new entry. They work on the
/// file's bytes as the editor or the disk holds them and never rewrite
/// anything but the id field or the end of the file.
enum GazetteerFileEditing {
    /// The header row, the first line that is not blank (as the parser
    /// reads it): its lowercased field names and whether it ends in `\r\n`;
    /// nil unless the file is a Tally TSV gazetteer.
    static func header(of bytes: [UInt8]) -> (fields: [String], crlf: Bool)? {
        let index = LineIndex(bytes)
        for line in 0..<index.lineCount {
            let range = index.contentRange(ofLine: line, in: bytes)
            let content = bytes[range]
            if content.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let fields = content.split(separator: 0x09, omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self).trimmingBlanks.lowercased()
            }
            guard fields.first == "id" else { return nil }
            let full = index.fullRange(ofLine: line)
            return (fields, full.upperBound > range.upperBound && bytes[range.upperBound] == 0x0D)
        }
        return nil
    }

    /// The byte range of the id field on one-based `line`, when that field
    /// reads `id` (surrounding blanks excluded); nil otherwise (the file
    /// changed, or the line is not a Tally TSV row, e.g. a GeoNames row).
    static func idFieldRange(in bytes: [UInt8], line: Int, id: String) -> Range<Int>? {
        guard header(of: bytes) != nil else { return nil }
        let index = LineIndex(bytes)
        guard line >= 1 && line <= index.lineCount else { return nil }
        let content = index.contentRange(ofLine: line - 1, in: bytes)
        var end = content.lowerBound
        while end < content.upperBound && bytes[end] != 0x09 { end += 1 }
        var start = content.lowerBound
        while start < end && bytes[start] == 0x20 { start += 1 }
        while end > start && bytes[end - 1] == 0x20 { end -= 1 }
        guard Array(bytes[start..<end]) == Array(id.utf8) else { return nil }
        return start..<end
    }

    /// The edit that appends a row for a new entry (`id`, `name`, and its
    /// kind in the `kind` column, or a category the reader recognises in the
    /// `category`/`type` column); nil when the file is not a Tally TSV
    /// gazetteer or has neither column (the row could not be read back).
    static func appendRow(to bytes: [UInt8], id: String, name: String, kind: GazetteerEntryKind) -> TextEdit? {
        guard let (fields, crlf) = header(of: bytes),
              let nameColumn = fields.firstIndex(of: "name") else { return nil }
        var row = [String](repeating: "", count: fields.count)
        row[0] = id
        row[nameColumn] = name.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }.reduce(into: "") { $0.append($1) }
        if let k = fields.firstIndex(of: "kind") {
            row[k] = kind.rawValue
        } else if let c = fields.firstIndex(where: { $0 == "category" || $0 == "type" }) {
            row[c] = kind == .place ? GazetteerCategory.place : "other"
        } else {
            return nil
        }
        let newline = crlf ? "\r\n" : "\n"
        let needsBreak = !bytes.isEmpty && bytes.last != 0x0A
        return TextEdit(range: bytes.count..<bytes.count,
                        newText: (needsBreak ? newline : "") + row.joined(separator: "\t") + newline)
    }
}

private extension String {
    var trimmingBlanks: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\r" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\r" { s.removeLast() }
        return String(s)
    }
}
