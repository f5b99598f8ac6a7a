import Testing
@testable import TallyProtocol

@Suite struct TextDocumentTests {
    private func range(_ l1: Int, _ c1: Int, _ l2: Int, _ c2: Int) -> LSPRange {
        LSPRange(start: Position(line: l1, character: c1), end: Position(line: l2, character: c2))
    }

    @Test func fullChangeReplacesEverything() {
        var d = TextDocument(uri: "file:///a.tally", languageId: "tally", version: 1, text: "old")
        d.apply([.full("new\ntext")], version: 2, encoding: .utf16)
        #expect(d.text == "new\ntext")
        #expect(d.version == 2)
        #expect(d.content.lineCount == 2)
    }

    @Test func incrementalChangesInUTF16() {
        var d = TextDocument(uri: "u", languageId: "tally", version: 1, text: "Ségou “27” 😀 killed\r\nline two")
        // Replace "27" (after the curly quote at UTF-16 column 7) with "30".
        d.apply([.incremental(range: range(0, 7, 0, 9), text: "30")], version: 2, encoding: .utf16)
        #expect(d.text == "Ségou “30” 😀 killed\r\nline two")
        // Insert after the emoji (columns 11-12 are its surrogate pair).
        d.apply([.incremental(range: range(0, 13, 0, 13), text: "!")], version: 3, encoding: .utf16)
        #expect(d.text == "Ségou “30” 😀! killed\r\nline two")
        // Join the lines across the CRLF.
        d.apply([.incremental(range: range(0, 21, 1, 0), text: " ")], version: 4, encoding: .utf16)
        #expect(d.text == "Ségou “30” 😀! killed line two")
        #expect(d.content.lineCount == 1)
    }

    @Test func sameEditInEachEncoding() {
        let original = "a😀b\n"
        let columns: [(PositionEncoding, Int)] = [(.utf8, 5), (.utf16, 3), (.utf32, 2)]
        for (encoding, column) in columns {
            var d = TextDocument(uri: "u", languageId: "tally", version: 0, text: original)
            d.apply([.incremental(range: range(0, column, 0, column + 1), text: "B")], version: 1, encoding: encoding)
            #expect(d.text == "a😀B\n", "\(encoding)")
        }
    }

    @Test func sequentialChangesSeeEachOthersResults() {
        var d = TextDocument(uri: "u", languageId: "tally", version: 1, text: "one\ntwo\n")
        d.apply([
            .incremental(range: range(0, 3, 0, 3), text: "\nthree"),
            .incremental(range: range(2, 0, 2, 3), text: "TWO"),
        ], version: 2, encoding: .utf16)
        #expect(d.text == "one\nthree\nTWO\n")
    }

    @Test func rangesBeyondTheEndAreClamped() {
        var d = TextDocument(uri: "u", languageId: "tally", version: 1, text: "ab\ncd")
        d.apply([.incremental(range: range(1, 1, 9, 9), text: "X")], version: 2, encoding: .utf16)
        #expect(d.text == "ab\ncX")
        d.apply([.incremental(range: range(0, 50, 0, 60), text: "!")], version: 3, encoding: .utf16)
        #expect(d.text == "ab!\ncX")
        d.apply([.incremental(range: range(7, 0, 8, 0), text: "\nz")], version: 4, encoding: .utf16)
        #expect(d.text == "ab!\ncX\nz")
        // A reversed range is normalised rather than rejected.
        d.apply([.incremental(range: range(0, 2, 0, 0), text: "")], version: 5, encoding: .utf16)
        #expect(d.text == "!\ncX\nz")
    }

    @Test func contentChangeJSON() {
        #expect(TextDocumentContentChange(json: ["text": "x"]) == .full("x"))
        let inc = TextDocumentContentChange(json: [
            "range": ["start": ["line": 0, "character": 1], "end": ["line": 0, "character": 2]],
            "rangeLength": 1, "text": "y",
        ])
        #expect(inc == .incremental(range: range(0, 1, 0, 2), text: "y"))
        #expect(TextDocumentContentChange(json: ["range": "bad", "text": "y"]) == nil)
        #expect(TextDocumentContentChange(json: ["text": 3]) == nil)
    }
}
