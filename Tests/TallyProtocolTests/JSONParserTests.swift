import Testing
@testable import TallyProtocol

@Suite struct JSONParserTests {
    private func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(text) }

    private func error(_ text: String) -> JSONParseError? {
        do { _ = try JSONParser.parse(text); return nil } catch { return error }
    }

    private func error(bytes: [UInt8]) -> JSONParseError? {
        do { _ = try JSONParser.parse(bytes); return nil } catch { return error }
    }

    @Test func parsesScalarsAndContainers() throws {
        #expect(try parse("null") == .null)
        #expect(try parse(" true ") == .bool(true))
        #expect(try parse("false") == .bool(false))
        #expect(try parse("\"hi\"") == .string("hi"))
        #expect(try parse("[]") == .array([]))
        #expect(try parse("{}") == .object(JSONObject()))
        let v = try parse(#"{"a": [1, {"b": null}], "c": "d"}"#)
        #expect(v == ["a": [1, ["b": nil]], "c": "d"])
        #expect(v.object?.keys == ["a", "c"])
    }

    @Test func keepsIntegersExact() throws {
        #expect(try parse("9223372036854775807") == .int(Int64.max))
        #expect(try parse("-9223372036854775808") == .int(Int64.min))
        #expect(try parse("9223372036854775808") == .double(9223372036854775808.0))
        #expect(try parse("-0") == .int(0))
        #expect(try parse("1.0") == .double(1.0))
        #expect(try parse("1e2") == .double(100))
        #expect(try parse("-12.5E-1") == .double(-1.25))
        #expect(try parse("123456789012") == .int(123456789012))
    }

    @Test func rejectsNumbersOutsideTheGrammar() {
        for bad in ["01", "+1", ".5", "1.", "1e", "1e+", "-", "--1", "0x10", "NaN", "Infinity", "1.5e"] {
            #expect(error(bad) != nil, "accepted \(bad)")
        }
        #expect(error("1e400")?.message == "number out of range")
    }

    @Test func decodesEscapes() throws {
        #expect(try parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{8}\u{C}\n\r\t"))
        #expect(try parse(#""\u00e9\u2019""#) == .string("é’"))
        #expect(try parse(#""\u0000""#) == .string("\u{0}"))
    }

    @Test func surrogatePairEscapeBecomesOneScalar() throws {
        let v = try parse(#""\uD83D\uDE00 \ud834\udd1e""#)
        #expect(v == .string("😀 𝄞"))
        #expect(v.string?.unicodeScalars.count == 3)
    }

    @Test func rejectsLoneSurrogateEscapes() {
        #expect(error(#""\uD83D""#)?.message == "unpaired high surrogate escape")
        #expect(error(#""\uD83Dx""#)?.message == "unpaired high surrogate escape")
        #expect(error(#""\uD83D\u0041""#)?.message == "high surrogate escape not followed by a low surrogate")
        #expect(error(#""\uDE00""#)?.message == "unpaired low surrogate escape")
        #expect(error(#""ab\uDE00""#)?.offset == 3)
    }

    @Test func rejectsBadEscapesAndControlCharacters() {
        #expect(error(#""\x""#)?.message == "invalid escape sequence")
        #expect(error(#""\u12G4""#) != nil)
        #expect(error("\"a\nb\"")?.offset == 2)
        #expect(error("\"a\u{1}\"") != nil)
    }

    @Test func validatesUTF8() {
        #expect(error(bytes: [0x22, 0xFF, 0x22])?.message == "invalid UTF-8")
        #expect(error(bytes: [0x22, 0xC0, 0xAF, 0x22]) != nil, "overlong '/'")
        #expect(error(bytes: [0x22, 0xE0, 0x80, 0xAF, 0x22]) != nil, "overlong 3-byte")
        #expect(error(bytes: [0x22, 0xED, 0xA0, 0x80, 0x22]) != nil, "encoded surrogate")
        #expect(error(bytes: [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22]) != nil, "above U+10FFFF")
        #expect(error(bytes: [0x22, 0xE2, 0x80]) != nil, "truncated")
        #expect(error(bytes: [0x22, 0x61, 0xC3, 0x22])?.offset == 2)
        #expect((try? JSONParser.parse([0x22, 0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80, 0x22])) == .string("é😀"))
    }

    @Test func rejectsStructuralErrorsWithLocation() {
        #expect(error("[1,]")?.offset == 3)
        #expect(error("{\"a\":1,}")?.offset == 7)
        #expect(error("{\"a\" 1}")?.message == "unexpected '1', expected ':'")
        #expect(error("{1:2}")?.offset == 1)
        #expect(error("[1 2]")?.offset == 3)
        #expect(error("tru")?.offset == 3)
        #expect(error("nul!")?.offset == 3)
        #expect(error("")?.message == "unexpected end of input, expected a value")
        #expect(error("  ") != nil)
        #expect(error("1 2")?.offset == 2)
        #expect(error("[")?.offset == 1)
        #expect(error("\"abc")?.offset == 4)
        #expect(error("// c\n1") != nil)
        #expect(error(bytes: [0xEF, 0xBB, 0xBF, 0x31])?.message == "byte order mark is not allowed")
        #expect(error("\u{A0}1") != nil, "only JSON whitespace is allowed")
    }

    @Test func duplicateKeyKeepsLastValueAtFirstPosition() throws {
        let v = try parse(#"{"a":1,"b":2,"a":3}"#)
        #expect(v.object?.keys == ["a", "b"])
        #expect(v["a"] == 3)
    }

    @Test func depthLimitIsEnforcedWithoutRecursion() throws {
        let ok = String(repeating: "[", count: 10) + String(repeating: "]", count: 10)
        #expect(throws: Never.self) { try JSONParser.parse(ok, maximumDepth: 10) }
        let tooDeep = String(repeating: "[", count: 11) + String(repeating: "]", count: 11)
        #expect(throws: JSONParseError(offset: 10, message: "nesting deeper than 10 levels")) {
            try JSONParser.parse(tooDeep, maximumDepth: 10)
        }
        // A hostile depth far beyond any stack fails cleanly.
        let hostile = Array(repeating: UInt8(ascii: "["), count: 1_000_000)
        #expect(error(bytes: hostile)?.message == "nesting deeper than \(JSONParser.defaultMaximumDepth) levels")
        let objects = String(repeating: #"{"a":"#, count: 300)
        #expect(error(objects) != nil)
    }
}
