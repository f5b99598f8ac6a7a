/// The unit in which an LSP `Position.character` counts, as negotiated in
/// `initialize` (LSP 3.17 `PositionEncodingKind`).
public enum PositionEncoding: String, Sendable, Hashable, CaseIterable {
    case utf8 = "utf-8"
    case utf16 = "utf-16"
    case utf32 = "utf-32"

    /// Picks the encoding for a client that offers `offered` (the value of
    /// `capabilities.general.positionEncodings`). The server prefers UTF-8
    /// (its native form), then UTF-32, then UTF-16; when the client offers
    /// nothing the server knows, or no list at all, the answer is UTF-16,
    /// which every client must support.
    public static func negotiate(offered: [String]?) -> PositionEncoding {
        guard let offered else { return .utf16 }
        for preferred in [PositionEncoding.utf8, .utf32, .utf16] where offered.contains(preferred.rawValue) {
            return preferred
        }
        return .utf16
    }

    /// Code units one Unicode scalar of `utf8Length` bytes occupies.
    @inline(__always) func units(forUTF8Length utf8Length: Int) -> Int {
        switch self {
        case .utf8: return utf8Length
        case .utf16: return utf8Length == 4 ? 2 : 1
        case .utf32: return 1
        }
    }
}
