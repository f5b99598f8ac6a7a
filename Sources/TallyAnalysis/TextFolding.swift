import Foundation

/// Folding of names into matching keys.
///
/// A key is lowercase, has no diacritics (`Ségou` → `segou`), writes every
/// apostrophe or quote-like mark (`’ ‘ ʼ ` ′ ´`) as `'`, and has single spaces
/// between words. Hyphens, underscores, brackets and other punctuation separate
/// words like spaces do, so `Nioro-du-Sahel`, `nioro_du_sahel` and
/// `[Nioro du Sahel]` all fold to `nioro du sahel`. A few letters that Unicode
/// does not decompose fold to ASCII as well (`ɛ`→`e`, `ɔ`→`o`, `ɲ`→`ny`,
/// `ŋ`→`ng`, `ɓ`→`b`, `ɗ`→`d`, `ƙ`→`k`, `ƴ`→`y`, `æ`→`ae`, `ø`→`o`, `ß`→`ss`).
/// Letters of other scripts are lowercased and kept.
///
/// ASCII text is folded by a byte table; other text goes scalar by scalar.
public enum TextFolding {
    /// The matching key of `text`.
    public static func fold<S: StringProtocol>(_ text: S) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        appendFolded(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The matching key of `text` as UTF-8 bytes.
    public static func foldedUTF8<S: StringProtocol>(_ text: S) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        appendFolded(text, to: &bytes)
        return bytes
    }

    /// Appends the matching key of `text` to `output` (which is left as it was
    /// when the key is empty).
    public static func appendFolded<S: StringProtocol>(_ text: S, to output: inout [UInt8]) {
        let start = output.count
        var pendingSpace = false
        let folded = text.utf8.withContiguousStorageIfAvailable { buffer -> Bool in
            if buffer.contains(where: { $0 >= 0x80 }) { return false }
            foldASCII(buffer, start: start, pendingSpace: &pendingSpace, output: &output)
            return true
        } ?? false
        if !folded {
            for scalar in text.unicodeScalars {
                appendScalar(scalar, start: start, pendingSpace: &pendingSpace, output: &output)
            }
        }
        // Trim apostrophes left at either end of the key.
        while output.count > start, output[output.count - 1] == apostrophe { output.removeLast() }
        var leading = 0
        while start + leading < output.count, output[start + leading] == apostrophe { leading += 1 }
        if leading > 0 {
            output.removeSubrange(start..<(start + leading))
            while output.count > start, output[start] == space { output.remove(at: start) }
        }
        while output.count > start, output[output.count - 1] == space { output.removeLast() }
    }

    /// The words of a folded key (split at spaces).
    public static func words(ofFolded key: String) -> [Substring] {
        key.split(separator: " ", omittingEmptySubsequences: true)
    }

    /// The words of any text, folded.
    public static func foldedWords<S: StringProtocol>(_ text: S) -> [String] {
        fold(text).split(separator: " ").map(String.init)
    }

    /// Byte offsets in a folded key where a word starts: the start, after each
    /// space, and after an elided one-letter article (`d'`, `l'`), so `ivoire`
    /// starts a word of `cote d'ivoire`.
    public static func wordStarts(ofFolded key: [UInt8]) -> [Int] {
        var starts: [Int] = []
        wordStarts(ofFolded: key[...]) { starts.append($0) }
        return starts
    }

    static func wordStarts(ofFolded key: ArraySlice<UInt8>, _ body: (Int) -> Void) {
        let base = key.startIndex
        var i = base
        while i < key.endIndex {
            let byte = key[i]
            if i == base {
                if byte != space { body(0) }
            } else {
                let previous = key[i - 1]
                if previous == space, byte != space {
                    body(i - base)
                } else if previous == apostrophe, byte != space,
                          i - 2 >= base, isWordByte(key[i - 2]),
                          i - 3 < base || key[i - 3] == space {
                    body(i - base)
                }
            }
            i += 1
        }
    }

    // MARK: - Internals

    static let space: UInt8 = 0x20
    static let apostrophe: UInt8 = 0x27

    private static func isWordByte(_ byte: UInt8) -> Bool {
        byte != space && byte != apostrophe
    }

    /// For each ASCII byte: the folded byte, 0 for a separator.
    private static let asciiTable: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 128)
        for byte in 0..<128 {
            let b = UInt8(byte)
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): table[byte] = b + 32
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): table[byte] = b
            case UInt8(ascii: "'"), UInt8(ascii: "`"): table[byte] = apostrophe
            default: table[byte] = 0
            }
        }
        return table
    }()

    private static func foldASCII(_ buffer: UnsafeBufferPointer<UInt8>, start: Int,
                                  pendingSpace: inout Bool, output: inout [UInt8]) {
        asciiTable.withUnsafeBufferPointer { table in
            for byte in buffer {
                let folded = table[Int(byte)]
                if folded == 0 {
                    pendingSpace = true
                } else {
                    if pendingSpace {
                        if output.count > start { output.append(space) }
                        pendingSpace = false
                    }
                    output.append(folded)
                }
            }
        }
    }

    @inline(__always)
    private static func emit(_ bytes: some Sequence<UInt8>, start: Int, pendingSpace: inout Bool,
                             output: inout [UInt8]) {
        if pendingSpace {
            if output.count > start { output.append(space) }
            pendingSpace = false
        }
        output.append(contentsOf: bytes)
    }

    private static func appendScalar(_ scalar: Unicode.Scalar, start: Int, pendingSpace: inout Bool,
                                     output: inout [UInt8]) {
        let value = scalar.value
        if value < 0x80 {
            let folded = asciiTable[Int(value)]
            if folded == 0 { pendingSpace = true } else { emit(CollectionOfOne(folded), start: start, pendingSpace: &pendingSpace, output: &output) }
            return
        }
        if let mapped = FoldTable.shared.lookup(value) {
            switch mapped {
            case .drop: return
            case .separator: pendingSpace = true
            case .bytes(let bytes): emit(bytes, start: start, pendingSpace: &pendingSpace, output: &output)
            }
            return
        }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark, .format, .control:
            return
        case .spaceSeparator, .lineSeparator, .paragraphSeparator,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            pendingSpace = true
            return
        default:
            break
        }
        if properties.changesWhenLowercased {
            emit(Array(properties.lowercaseMapping.utf8), start: start, pendingSpace: &pendingSpace, output: &output)
        } else {
            emit(Array(String(scalar).utf8), start: start, pendingSpace: &pendingSpace, output: &output)
        }
    }
}

/// Folding of the non-ASCII scalars that names in Latin, Greek and Cyrillic
/// script use, computed once from Unicode decomposition plus a few letters
/// decomposition leaves alone.
private struct FoldTable: Sendable {
    enum Mapping: Sendable {
        case drop
        case separator
        case bytes([UInt8])
    }

    static let shared = FoldTable()

    /// Covered blocks: Latin-1 Supplement to Cyrillic, Latin Extended
    /// Additional to General Punctuation.
    private static let ranges: [ClosedRange<UInt32>] = [0x0080...0x052F, 0x1E00...0x206F]
    private let tables: [[Mapping]]

    private static let extraLetters: [Character: String] = [
        "ɛ": "e", "Ɛ": "e", "ɔ": "o", "Ɔ": "o", "ɲ": "ny", "Ɲ": "ny", "ŋ": "ng", "Ŋ": "ng",
        "ɓ": "b", "Ɓ": "b", "ɗ": "d", "Ɗ": "d", "ƙ": "k", "Ƙ": "k", "ƴ": "y", "Ƴ": "y",
        "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "ß": "ss",
        "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th",
        "ı": "i", "ħ": "h", "Ħ": "h", "ĸ": "k", "ŀ": "l", "Ŀ": "l",
    ]
    /// Apostrophe and quote-like marks written inside names.
    private static let apostrophes: Set<UInt32> = [0x2019, 0x2018, 0x02BC, 0x2032, 0x00B4, 0x02BB, 0x02B9, 0x201B]

    private init() {
        var tables: [[Mapping]] = []
        for range in FoldTable.ranges {
            var table: [Mapping] = []
            table.reserveCapacity(range.count)
            for value in range {
                table.append(FoldTable.compute(value))
            }
            tables.append(table)
        }
        self.tables = tables
    }

    func lookup(_ value: UInt32) -> Mapping? {
        for (i, range) in FoldTable.ranges.enumerated() where range.contains(value) {
            return tables[i][Int(value - range.lowerBound)]
        }
        return nil
    }

    private static func compute(_ value: UInt32) -> Mapping {
        guard let scalar = Unicode.Scalar(value) else { return .drop }
        if apostrophes.contains(value) { return .bytes([TextFolding.apostrophe]) }
        if let extra = extraLetters[Character(scalar)] { return .bytes(Array(extra.utf8)) }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark, .format, .control, .unassigned,
             .surrogate, .privateUse:
            return .drop
        case .spaceSeparator, .lineSeparator, .paragraphSeparator,
             .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return .separator
        default:
            break
        }
        var out: [UInt8] = []
        let decomposed = String(scalar).decomposedStringWithCompatibilityMapping
        for part in decomposed.unicodeScalars {
            let partProperties = part.properties
            switch partProperties.generalCategory {
            case .nonspacingMark, .enclosingMark, .spacingMark:
                continue
            default:
                break
            }
            if part.value < 0x80 {
                let b = UInt8(part.value)
                if b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") { out.append(b + 32) }
                else if (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) { out.append(b) }
                else if b == TextFolding.apostrophe { out.append(b) }
                else { return .separator }
            } else if let extra = extraLetters[Character(part)] {
                out.append(contentsOf: extra.utf8)
            } else {
                out.append(contentsOf: partProperties.lowercaseMapping.utf8)
            }
        }
        return out.isEmpty ? .drop : .bytes(out)
    }
}
