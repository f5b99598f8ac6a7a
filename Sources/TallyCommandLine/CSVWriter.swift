/// Writes comma-separated values as RFC 4180 describes them.
///
/// - Records end with CRLF (`\r\n`), the last one included.
/// - A field is enclosed in double quotes when it holds a comma, a double
///   quote, a CR or an LF; a double quote inside it is written twice.
///   Other fields are written as they are (no quotes, no trimming).
/// - Text is UTF-8 without a byte-order mark.
struct CSVWriter {
    private(set) var bytes: [UInt8] = []

    /// Appends one record.
    mutating func writeRecord(_ fields: [String]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            Self.appendField(field, to: &bytes)
        }
        bytes.append(UInt8(ascii: "\r"))
        bytes.append(UInt8(ascii: "\n"))
    }

    /// The text of the records written so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }

    static func appendField(_ field: String, to out: inout [UInt8]) {
        let utf8 = field.utf8
        let needsQuotes = utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0D || $0 == 0x0A }
        guard needsQuotes else {
            out.append(contentsOf: utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        for b in utf8 {
            if b == UInt8(ascii: "\"") { out.append(b) }
            out.append(b)
        }
        out.append(UInt8(ascii: "\""))
    }
}
