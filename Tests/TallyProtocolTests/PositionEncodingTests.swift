import Testing
@testable import TallyProtocol

@Suite struct PositionEncodingTests {
    @Test func negotiationPrefersUTF8ThenUTF32ThenUTF16() {
        #expect(PositionEncoding.negotiate(offered: nil) == .utf16)
        #expect(PositionEncoding.negotiate(offered: []) == .utf16)
        #expect(PositionEncoding.negotiate(offered: ["utf-16"]) == .utf16)
        #expect(PositionEncoding.negotiate(offered: ["utf-16", "utf-8"]) == .utf8)
        #expect(PositionEncoding.negotiate(offered: ["utf-32", "utf-16"]) == .utf32)
        #expect(PositionEncoding.negotiate(offered: ["utf-32", "utf-8"]) == .utf8)
        #expect(PositionEncoding.negotiate(offered: ["latin-1"]) == .utf16)
    }

    @Test func rawValuesAreTheProtocolNames() {
        #expect(PositionEncoding.allCases.map(\.rawValue) == ["utf-8", "utf-16", "utf-32"])
    }

    @Test func positionJSON() {
        #expect(Position(json: ["line": 2, "character": 5]) == Position(line: 2, character: 5))
        #expect(Position(json: ["line": -1, "character": 5]) == nil)
        #expect(Position(json: ["line": "2", "character": 5]) == nil)
        #expect(LSPRange(json: ["start": ["line": 0, "character": 1], "end": ["line": 0, "character": 2]])?.end.character == 2)
        #expect(Position(line: 1, character: 0) < Position(line: 1, character: 3))
    }
}
