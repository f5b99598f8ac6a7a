import Testing
@testable import TallyProtocol

@Suite struct JSONSerializerTests {
    private func text(_ v: JSONValue, lineSeparators: Bool = false) -> String {
        String(decoding: JSONSerializer(escapeLineSeparators: lineSeparators).serialize(v), as: UTF8.self)
    }

    @Test func writesCompactInOrder() {
        let v: JSONValue = ["z": 1, "a": [true, false, nil], "m": ["k": "v"]]
        #expect(text(v) == #"{"z":1,"a":[true,false,null],"m":{"k":"v"}}"#)
    }

    @Test func numbers() {
        #expect(text(.int(0)) == "0")
        #expect(text(.int(-42)) == "-42")
        #expect(text(.int(Int64.min)) == "-9223372036854775808")
        #expect(text(.int(Int64.max)) == "9223372036854775807")
        #expect(text(.double(2.0)) == "2")
        #expect(text(.double(-3.0)) == "-3")
        #expect(text(.double(0.1)) == "0.1")
        #expect(text(.double(1e20)) == "1e+20")
        #expect(text(.double(.nan)) == "null")
        #expect(text(.double(.infinity)) == "null")
        #expect(text(.double(-.infinity)) == "null")
    }

    @Test func escapesStrings() {
        #expect(text("a\"b\\c") == #""a\"b\\c""#)
        #expect(text("\n\r\t\u{8}\u{C}") == #""\n\r\t\b\f""#)
        #expect(text("\u{0}\u{1F}") == #""\u0000\u001f""#)
        #expect(text("é’😀/") == "\"é’😀/\"")
        #expect(text("a\u{2028}b\u{2029}") == "\"a\u{2028}b\u{2029}\"")
        #expect(text("a\u{2028}b\u{2029}", lineSeparators: true) == #""a\u2028b\u2029""#)
    }

    @Test func roundTripsThroughTheParser() throws {
        let v: JSONValue = [
            "s": "tab\there \u{1} \"q\" 𝄞 ’", "i": -7, "d": 0.25, "big": 1.5e300,
            "nested": [["a": []], [:], "x"], "b": false, "n": nil,
        ]
        let bytes = JSONSerializer.serialize(v)
        #expect(try JSONParser.parse(bytes) == v)
        #expect(JSONSerializer.serialize(try JSONParser.parse(bytes)) == bytes)
    }
}
