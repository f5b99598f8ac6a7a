import Testing
import TallySyntax
@testable import TallyProtocol

@Suite struct PositionConverterTests {
    // "é" is 2 bytes/1 UTF-16 unit, "’" 3 bytes/1 unit, "𝄞" and "😀" 4 bytes/2 units.
    let text = "café ’q’\r\n𝄞x😀\nend"

    private func pos(_ line: Int, _ character: Int) -> Position { Position(line: line, character: character) }

    @Test func offsetsInEachEncoding() {
        let c = PositionConverter(text)
        // Line 0: c a f é ␠ ’ q ’  -> bytes 0,1,2,3(é=2),5,6(’=3),9,10(’=3) end 13
        #expect(c.offset(of: pos(0, 4), encoding: .utf16) == 5)
        #expect(c.offset(of: pos(0, 6), encoding: .utf16) == 9)
        #expect(c.offset(of: pos(0, 6), encoding: .utf32) == 9)
        #expect(c.offset(of: pos(0, 9), encoding: .utf8) == 9)
        // Line 1 starts after \r\n at 15: 𝄞(4) x 😀(4)
        #expect(c.offset(of: pos(1, 2), encoding: .utf16) == 19)
        #expect(c.offset(of: pos(1, 1), encoding: .utf32) == 19)
        #expect(c.offset(of: pos(1, 4), encoding: .utf8) == 19)
        #expect(c.offset(of: pos(1, 3), encoding: .utf16) == 20)
        #expect(c.offset(of: pos(1, 5), encoding: .utf16) == 24)
        #expect(c.offset(of: pos(2, 3), encoding: .utf16) == 28)
    }

    @Test func positionsInEachEncoding() {
        let c = PositionConverter(text)
        #expect(c.position(of: 9, encoding: .utf16) == pos(0, 6))
        #expect(c.position(of: 9, encoding: .utf8) == pos(0, 9))
        #expect(c.position(of: 13, encoding: .utf32) == pos(0, 8))
        #expect(c.position(of: 24, encoding: .utf16) == pos(1, 5))
        #expect(c.position(of: 24, encoding: .utf32) == pos(1, 3))
        #expect(c.position(of: 25, encoding: .utf16) == pos(2, 0))
        #expect(c.position(of: 28, encoding: .utf16) == pos(2, 3))
    }

    @Test func clampsAsTheSpecificationSays() {
        let c = PositionConverter(text)
        // Character past the line end: end of that line, before "\r\n".
        #expect(c.offset(of: pos(0, 99), encoding: .utf16) == 13)
        #expect(c.offset(of: pos(1, 99), encoding: .utf8) == 24)
        // Line past the end: end of the document.
        #expect(c.offset(of: pos(3, 0), encoding: .utf16) == 28)
        #expect(c.offset(of: pos(400, 7), encoding: .utf32) == 28)
        #expect(c.offset(of: pos(-2, -5), encoding: .utf16) == 0)
        // Offsets beyond the text, or inside the line break.
        #expect(c.position(of: 1_000, encoding: .utf16) == pos(2, 3))
        #expect(c.position(of: 14, encoding: .utf16) == pos(0, 8))
        #expect(c.position(of: -3, encoding: .utf16) == pos(0, 0))
    }

    @Test func snapsInsideScalarsBackToTheirStart() {
        let c = PositionConverter(text)
        // Between the two UTF-16 units of 𝄞 -> start of 𝄞.
        #expect(c.offset(of: pos(1, 1), encoding: .utf16) == 15)
        // Inside 😀's surrogate pair.
        #expect(c.offset(of: pos(1, 4), encoding: .utf16) == 20)
        // UTF-8 character inside a multi-byte sequence.
        #expect(c.offset(of: pos(0, 4), encoding: .utf8) == 3)
        #expect(c.offset(of: pos(1, 2), encoding: .utf8) == 15)
        // Byte offsets inside a scalar.
        #expect(c.position(of: 17, encoding: .utf16) == pos(1, 0))
        #expect(c.position(of: 11, encoding: .utf8) == pos(0, 10))
    }

    @Test func allThreeLineBreakKinds() {
        let c = PositionConverter("a\rb\r\nc\nd\r")
        #expect(c.lineStarts == [0, 2, 5, 7, 9])
        #expect(c.offset(of: pos(1, 0), encoding: .utf16) == 2)
        #expect(c.offset(of: pos(1, 5), encoding: .utf16) == 3)
        #expect(c.offset(of: pos(4, 0), encoding: .utf16) == 9)
        #expect(c.position(of: 1, encoding: .utf16) == pos(0, 1))
        #expect(c.position(of: 6, encoding: .utf16) == pos(2, 1))
        // Without lone CRs the table is LineIndex's.
        let crlf = "x\r\ny\nz"
        #expect(PositionConverter(crlf).lineStarts == LineIndex(crlf).lineStarts)
    }

    @Test func invalidUTF8CountsOneUnitPerByte() {
        let c = PositionConverter(bytes: [0x61, 0xFF, 0xE2, 0x80, 0x62])
        #expect(c.position(of: 5, encoding: .utf16) == pos(0, 5))
        #expect(c.position(of: 3, encoding: .utf16) == pos(0, 3))
        #expect(c.offset(of: pos(0, 2), encoding: .utf16) == 2)
    }

    /// Reference: LSP lines and UTF-16/32 counts computed through Swift's
    /// String views, for every scalar boundary.
    @Test(arguments: ["", "\n", "a", "é’😀\r\n\r\n𝄞\rz", "Ségou: “27” killed 👍🏽\n[Kayes]{place=kayes}\r\n", "\r\r\n\n\r"])
    func agreesWithStringViewsEverywhere(sample: String) {
        let c = PositionConverter(sample)
        var line = 0
        var u16 = 0, u32 = 0, u8 = 0
        var offset = 0
        let scalars = Array(sample.unicodeScalars)
        var k = 0
        while true {
            let p = Position(line: line, character: u16)
            #expect(c.position(of: offset, encoding: .utf16) == p)
            #expect(c.position(of: offset, encoding: .utf32) == Position(line: line, character: u32))
            #expect(c.position(of: offset, encoding: .utf8) == Position(line: line, character: u8))
            #expect(c.offset(of: p, encoding: .utf16) == offset)
            #expect(c.offset(of: Position(line: line, character: u32), encoding: .utf32) == offset)
            guard k < scalars.count else { break }
            let s = scalars[k]
            let isBreak = s == "\n" || (s == "\r" && (k + 1 == scalars.count || scalars[k + 1] != "\n"))
            if s == "\r" && !isBreak {
                // First half of \r\n: not a position inside the line content.
                offset += 1
                k += 1
            }
            offset += s.utf8.count
            if isBreak || (k < scalars.count && scalars[k] == "\n" && s == "\r") {
                line += 1; u16 = 0; u32 = 0; u8 = 0
            } else {
                u16 += s.utf16.count; u32 += 1; u8 += s.utf8.count
            }
            k += 1
        }
        #expect(c.lineCount == line + 1)
    }

    @Test func incrementalEditsKeepTheLineTableExact() {
        // A deterministic pseudo-random walk of edits; after each, the
        // patched table must equal one built from scratch.
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(max(n, 1)))
        }
        let pieces = ["\r", "\n", "\r\n", "a", "é", "😀", "xy\rz", "\n\n", ""]
        var c = PositionConverter("start\r\nmiddle\rend\n")
        for _ in 0..<2_000 {
            let a = next(c.length + 1)
            let b = a + next(min(6, c.length - a) + 1)
            let insert = pieces[next(pieces.count)] + pieces[next(pieces.count)]
            c.replaceBytes(in: a..<b, with: Array(insert.utf8))
            let rebuilt = PositionConverter(bytes: c.bytes)
            #expect(c.lineStarts == rebuilt.lineStarts)
            if c.lineStarts != rebuilt.lineStarts { break }
        }
    }
}
