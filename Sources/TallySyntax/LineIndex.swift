/// Maps byte offsets of a UTF-8 text to zero-based lines and back.
///
/// A line ends after `\n`; a `\r` before it belongs to the line break, and a
/// lone `\r` is treated as an ordinary byte (LSP counts `\r`, `\n` and `\r\n`
/// as line breaks; the protocol layer clamps positions with that in mind).
public struct LineIndex: Sendable, Hashable {
    /// Byte offset of the first byte of each line. Always starts with 0.
    public let lineStarts: [Int]
    /// Total length in bytes of the indexed text.
    public let length: Int

    public init<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        var offset = 0
        for b in bytes {
            offset += 1
            if b == 0x0A { starts.append(offset) }
        }
        self.lineStarts = starts
        self.length = offset
    }

    public init(_ text: String) {
        self.init(text.utf8)
    }

    public var lineCount: Int { lineStarts.count }

    /// The zero-based line holding `offset` (clamped to the text).
    public func line(containing offset: Int) -> Int {
        let o = min(max(offset, 0), length)
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= o { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Zero-based line and zero-based byte column of `offset`.
    public func location(of offset: Int) -> (line: Int, column: Int) {
        let o = min(max(offset, 0), length)
        let l = line(containing: o)
        return (l, o - lineStarts[l])
    }

    /// Byte range of line `line`, without its line break (`\n` or `\r\n`).
    public func contentRange(ofLine line: Int, in bytes: some RandomAccessCollection<UInt8>) -> Range<Int> {
        guard line >= 0 && line < lineStarts.count else { return length..<length }
        let start = lineStarts[line]
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] : length
        let base = bytes.startIndex
        if end > start, bytes[bytes.index(base, offsetBy: end - 1)] == 0x0A { end -= 1 }
        if end > start, bytes[bytes.index(base, offsetBy: end - 1)] == 0x0D { end -= 1 }
        return start..<end
    }

    /// Byte range of line `line` including its line break.
    public func fullRange(ofLine line: Int) -> Range<Int> {
        guard line >= 0 && line < lineStarts.count else { return length..<length }
        let end = line + 1 < lineStarts.count ? lineStarts[line + 1] : length
        return lineStarts[line]..<end
    }
}
