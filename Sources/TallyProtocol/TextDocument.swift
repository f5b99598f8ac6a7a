import TallySyntax

/// An open text document as the client last described it: its URI,
/// language, version and UTF-8 bytes (with the LSP line table that maps
/// positions to bytes).
///
/// Edits are applied to the bytes directly: an incremental change converts
/// its range to byte offsets, splices the new text's UTF-8 in, and patches
/// the line table near the edit; nothing re-encodes or re-scans the whole
/// document per change. Ranges beyond the end are clamped (see
/// `PositionConverter`).
public struct TextDocument: Sendable, Hashable {
    public let uri: String
    public let languageId: String
    public private(set) var version: Int
    /// Bytes and line table of the current text.
    public private(set) var content: PositionConverter

    public init(uri: String, languageId: String, version: Int, text: String) {
        self.init(uri: uri, languageId: languageId, version: version, bytes: Array(text.utf8))
    }

    public init(uri: String, languageId: String, version: Int, bytes: [UInt8]) {
        self.uri = uri
        self.languageId = languageId
        self.version = version
        self.content = PositionConverter(bytes: bytes)
    }

    /// The UTF-8 bytes of the text.
    public var bytes: [UInt8] { content.bytes }

    /// The text as a Swift string.
    public var text: String { String(decoding: content.bytes, as: UTF8.self) }

    /// A `LineIndex` of the current text (built on each call: O(length)).
    public var lineIndex: LineIndex { LineIndex(content.bytes) }

    /// Applies `changes` in order (each range is relative to the text left
    /// by the previous change) and records `version`.
    public mutating func apply(_ changes: [TextDocumentContentChange], version: Int, encoding: PositionEncoding) {
        for change in changes {
            switch change {
            case .full(let text):
                content = PositionConverter(bytes: Array(text.utf8))
            case .incremental(let range, let text):
                let byteRange = content.byteRange(of: range, encoding: encoding)
                content.replaceBytes(in: byteRange, with: text.utf8)
            }
        }
        self.version = version
    }

    // Conveniences for feature handlers.

    public func offset(of position: Position, encoding: PositionEncoding) -> Int {
        content.offset(of: position, encoding: encoding)
    }

    public func position(of offset: Int, encoding: PositionEncoding) -> Position {
        content.position(of: offset, encoding: encoding)
    }

    public func range(of bytes: Range<Int>, encoding: PositionEncoding) -> LSPRange {
        content.range(of: bytes, encoding: encoding)
    }

    public func byteRange(of range: LSPRange, encoding: PositionEncoding) -> Range<Int> {
        content.byteRange(of: range, encoding: encoding)
    }
}
