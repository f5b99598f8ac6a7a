import Testing
@testable import TallyCommandLine
import TallySyntax
import TallyAnalysis

/// Positions and snippets on very long lines: columns come from checkpoints
/// rather than a scan from the line start, and long lines print as a window.
@Suite struct LongLineReportTests {
    static func file(_ text: String) -> CheckedFile {
        let bytes = Array(text.utf8)
        return CheckedFile(path: "x.tally", bytes: bytes, lineIndex: LineIndex(bytes), diagnostics: [])
    }

    /// The column by a plain scan of the line's scalars.
    static func naiveColumn(_ text: String, _ offset: Int) -> (Int, Int) {
        let bytes = Array(text.utf8)
        var line = 1, lineStart = 0
        for i in 0..<offset where bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
        let scalars = bytes[lineStart..<offset].filter { $0 & 0xC0 != 0x80 }.count
        return (line, scalars + 1)
    }

    @Test func columnsAcrossCheckpointsMatchAPlainCount() {
        // Multi-byte scalars straddle the 4096-byte checkpoints; a second line starts mid-block.
        let text = String(repeating: "é😀a", count: 3000) + "\n" + String(repeating: "ségou ", count: 2000)
        let f = Self.file(text)
        let bytes = Array(text.utf8)
        for offset in stride(from: 0, through: bytes.count, by: 97) where offset == bytes.count || bytes[offset] & 0xC0 != 0x80 {
            let p = f.position(offset)
            let (line, column) = Self.naiveColumn(text, offset)
            #expect(p.line == line && p.column == column, "offset \(offset)")
        }
    }

    @Test func aLongLineIsShownAsAWindowAroundTheRange() throws {
        let text = String(repeating: "filler ", count: 1000) + "[target]" + String(repeating: " more", count: 1000)
        let f = Self.file(text)
        let start = try #require(text.utf8.firstIndex(of: UInt8(ascii: "[")))
        let offset = text.utf8.distance(from: text.utf8.startIndex, to: start)
        let range = offset..<(offset + 8)
        let (line, col) = f.position(offset)
        let snippet = TextReporter(color: false).snippet(f, range, line: line, col: col)
        let lines = snippet.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(lines[0].count < 200, "the window is short")
        #expect(lines[0].hasPrefix(" 1 | …") && lines[0].hasSuffix("…"))
        // The caret sits under the '[' and the underline covers "[target]".
        let source = lines[0], caret = lines[1]
        let caretColumn = caret.distance(from: caret.startIndex, to: try #require(caret.firstIndex(of: "^")))
        let bracketColumn = source.distance(from: source.startIndex, to: try #require(source.firstIndex(of: "[")))
        #expect(caretColumn == bracketColumn)
        #expect(caret.hasSuffix(" ^~~~~~~~"), "eight scalars underlined")
    }

    @Test func shortLinesAreShownWhole() {
        let text = "A short line with [one civilian]{killed}.\n"
        let f = Self.file(text)
        let snippet = TextReporter(color: false).snippet(f, 18..<40, line: 1, col: 19)
        #expect(snippet.hasPrefix(" 1 | A short line with [one civilian]{killed}.\n"))
        #expect(!snippet.contains("…"))
    }
}
