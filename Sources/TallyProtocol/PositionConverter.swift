#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TallySyntax

/// A UTF-8 text together with its LSP line table, converting between byte
/// offsets and LSP positions in any `PositionEncoding`.
///
/// Lines. LSP ends a line at `\r\n`, `\n` or a lone `\r`. `LineIndex` (layer
/// 1) only breaks at `\n`, with a preceding `\r` counted in the break. The
/// converter starts from `LineIndex.lineStarts` and, only when the text holds
/// a `\r` that is not followed by `\n`, inserts a line start after each such
/// `\r`. So for `\n` and `\r\n` files LSP line numbers equal `LineIndex` line
/// numbers, and for files with old Mac line breaks the converter's lines are
/// the finer (LSP) ones; callers must not mix the two numberings there.
///
/// Clamping (LSP 3.17): a character past the end of its line means the end
/// of the line (before its line break); a line past the last line means the
/// end of the text; negative values count as 0. A character that falls
/// inside a Unicode scalar (in the middle of a UTF-8 sequence, or between the
/// two halves of a UTF-16 surrogate pair) snaps back to the scalar's start.
/// Byte offsets inside a scalar snap back the same way, and offsets inside a
/// line break map to the end of that line.
///
/// Invalid UTF-8 (possible in files read from disk) counts one unit per bad
/// byte, like the U+FFFD a decoder would show.
public struct PositionConverter: Sendable, Hashable {
    public private(set) var bytes: [UInt8]
    /// Byte offset of the first byte of each LSP line; starts with 0.
    public private(set) var lineStarts: [Int]

    public init(bytes: [UInt8], lineIndex: LineIndex? = nil) {
        self.bytes = bytes
        let index = lineIndex ?? LineIndex(bytes)
        self.lineStarts = Self.lspLineStarts(bytes, lineIndex: index)
    }

    public init(_ text: String) {
        self.init(bytes: Array(text.utf8))
    }

    public var lineCount: Int { lineStarts.count }
    public var length: Int { bytes.count }

    // MARK: Line table

    private static func lspLineStarts(_ bytes: [UInt8], lineIndex: LineIndex) -> [Int] {
        // Find lone CRs quickly; most texts have none.
        var loneCR: [Int] = []
        bytes.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return }
            var p = 0
            while p < buf.count, let hit = memchr(base + p, 0x0D, buf.count - p) {
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if at + 1 >= buf.count || buf[at + 1] != 0x0A { loneCR.append(at + 1) }
                p = at + 1
            }
        }
        if loneCR.isEmpty { return lineIndex.lineStarts }
        var merged: [Int] = []
        merged.reserveCapacity(lineIndex.lineStarts.count + loneCR.count)
        var i = 0, j = 0
        let a = lineIndex.lineStarts
        while i < a.count || j < loneCR.count {
            if j == loneCR.count || (i < a.count && a[i] < loneCR[j]) {
                merged.append(a[i]); i += 1
            } else {
                merged.append(loneCR[j]); j += 1
            }
        }
        return merged
    }

    /// Whether a line starts at byte `s` of the current text.
    private func isLineStart(_ s: Int) -> Bool {
        guard s > 0 && s <= bytes.count else { return s == 0 }
        let previous = bytes[s - 1]
        if previous == 0x0A { return true }
        return previous == 0x0D && (s == bytes.count || bytes[s] != 0x0A)
    }

    /// The zero-based LSP line holding byte `offset` (clamped).
    public func line(containing offset: Int) -> Int {
        let o = min(max(offset, 0), bytes.count)
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= o { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }

    /// Byte range of line `line` without its line break.
    public func contentRange(ofLine line: Int) -> Range<Int> {
        guard line >= 0 && line < lineStarts.count else { return bytes.count..<bytes.count }
        let start = lineStarts[line]
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] : bytes.count
        if end > start && bytes[end - 1] == 0x0A { end -= 1 }
        if end > start && bytes[end - 1] == 0x0D { end -= 1 }
        return start..<end
    }

    // MARK: Conversions

    /// The byte offset of `position`, clamped as described above.
    public func offset(of position: Position, encoding: PositionEncoding) -> Int {
        if position.line >= lineStarts.count { return bytes.count }
        let content = contentRange(ofLine: max(position.line, 0))
        let target = max(position.character, 0)
        if encoding == .utf8 {
            let o = min(content.lowerBound + target, content.upperBound)
            return scalarStart(atOrBefore: o, lineStart: content.lowerBound)
        }
        var p = content.lowerBound
        var units = 0
        while p < content.upperBound {
            let n = scalarLength(at: p, end: content.upperBound)
            let u = encoding.units(forUTF8Length: n)
            if units + u > target { break }
            units += u
            p += n
        }
        return p
    }

    /// The position of byte `offset`, clamped and snapped as described above.
    public func position(of offset: Int, encoding: PositionEncoding) -> Position {
        let o = min(max(offset, 0), bytes.count)
        let l = line(containing: o)
        let content = contentRange(ofLine: l)
        let limit = min(o, content.upperBound)
        var p = content.lowerBound
        var units = 0
        while p < limit {
            let n = scalarLength(at: p, end: content.upperBound)
            if p + n > limit { break }
            units += encoding.units(forUTF8Length: n)
            p += n
        }
        return Position(line: l, character: units)
    }

    /// Byte range of an LSP range; a reversed range is normalised.
    public func byteRange(of range: LSPRange, encoding: PositionEncoding) -> Range<Int> {
        let a = offset(of: range.start, encoding: encoding)
        let b = offset(of: range.end, encoding: encoding)
        return min(a, b)..<max(a, b)
    }

    public func range(of bytes: Range<Int>, encoding: PositionEncoding) -> LSPRange {
        LSPRange(start: position(of: bytes.lowerBound, encoding: encoding),
                 end: position(of: bytes.upperBound, encoding: encoding))
    }

    /// The position just past the text.
    public func endPosition(encoding: PositionEncoding) -> Position {
        position(of: bytes.count, encoding: encoding)
    }

    // MARK: Editing

    /// Replaces `range` (clamped to the text) with `replacement`, updating
    /// the line table locally: only line starts near the edit are
    /// recomputed, later ones are shifted.
    public mutating func replaceBytes<C: Collection>(in range: Range<Int>, with replacement: C) where C.Element == UInt8 {
        let a = min(max(range.lowerBound, 0), bytes.count)
        let b = min(max(range.upperBound, a), bytes.count)
        let n = replacement.count
        bytes.replaceSubrange(a..<b, with: replacement)
        let delta = n - (b - a)
        // Old starts in [a, b] depend on changed bytes; starts after b only move.
        let from = max(a, 1)
        let lo = lowerBoundIndex(from)
        var hi = lo
        while hi < lineStarts.count && lineStarts[hi] <= b { hi += 1 }
        var fresh: [Int] = []
        if from <= a + n {
            for s in from...(a + n) where isLineStart(s) { fresh.append(s) }
        }
        lineStarts.replaceSubrange(lo..<hi, with: fresh)
        if delta != 0 {
            var k = lo + fresh.count
            while k < lineStarts.count {
                lineStarts[k] += delta
                k += 1
            }
        }
    }

    /// First index in `lineStarts` whose value is >= `value`.
    private func lowerBoundIndex(_ value: Int) -> Int {
        var lo = 0, hi = lineStarts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if lineStarts[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    // MARK: UTF-8

    /// Length of the scalar starting at `p`: its sequence length when the
    /// lead byte is followed by enough continuation bytes before `end`,
    /// otherwise 1 (an invalid byte).
    @inline(__always) private func scalarLength(at p: Int, end: Int) -> Int {
        let b = bytes[p]
        let n: Int
        if b < 0x80 { return 1 }
        else if b >= 0xC2 && b <= 0xDF { n = 2 }
        else if b >= 0xE0 && b <= 0xEF { n = 3 }
        else if b >= 0xF0 && b <= 0xF4 { n = 4 }
        else { return 1 }
        guard p + n <= end else { return 1 }
        for k in 1..<n where bytes[p + k] & 0xC0 != 0x80 { return 1 }
        return n
    }

    /// `o` moved back to the start of the scalar that contains it.
    private func scalarStart(atOrBefore o: Int, lineStart: Int) -> Int {
        var s = o
        var back = 0
        while s > lineStart && back < 3 && s < bytes.count && bytes[s] & 0xC0 == 0x80 {
            s -= 1
            back += 1
        }
        // Only snap if the lead byte really covers `o`.
        if s != o && s + scalarLength(at: s, end: bytes.count) > o { return s }
        return o
    }
}
