/// A strict RFC 8259 JSON parser over UTF-8 bytes.
///
/// - Exactly one value, surrounded by optional whitespace (space, tab, LF, CR);
///   no byte order mark, comments, trailing commas, `NaN`, leading zeros or `+`.
/// - Strings must be valid UTF-8 (no overlong forms, no encoded surrogates),
///   contain no raw control characters, and use only the standard escapes;
///   `\uD83D\uDE00` pairs decode to one scalar and unpaired surrogate escapes
///   are errors.
/// - Integers without fraction or exponent that fit in `Int64` become `.int`;
///   other numbers become `.double`, and a number too large for a finite
///   double is an error.
/// - Nesting deeper than `maximumDepth` arrays/objects is an error. The parser
///   keeps its own stack and never recurses, so depth costs heap, not stack.
/// - Duplicate object keys: the last value wins, at the first key's position
///   (what JavaScript's `JSON.parse` does).
public struct JSONParser {
    public static let defaultMaximumDepth = 256

    public static func parse(_ bytes: [UInt8], maximumDepth: Int = defaultMaximumDepth) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { (buffer) throws(JSONParseError) -> JSONValue in
            var parser = JSONParser(buffer, maximumDepth: maximumDepth)
            return try parser.parseDocument()
        }
    }

    public static func parse(_ text: String, maximumDepth: Int = defaultMaximumDepth) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8), maximumDepth: maximumDepth)
    }

    private let input: UnsafeBufferPointer<UInt8>
    private let maximumDepth: Int
    private var i = 0

    private init(_ input: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.input = input
        self.maximumDepth = max(1, maximumDepth)
    }

    // MARK: Structure

    private mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        if input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF {
            throw JSONParseError(offset: 0, message: "byte order mark is not allowed")
        }
        // Open containers, innermost last. `isObject[k]` tells which of the
        // two stacks the k-th open container lives on.
        var isObject: [Bool] = []
        var arrays: [[JSONValue]] = []
        var objects: [JSONObject] = []
        var keys: [String] = []

        skipWhitespace()
        parseValue: while true {
            var value: JSONValue
            guard i < input.count else { throw endError("a value") }
            switch input[i] {
            case UInt8(ascii: "{"):
                if isObject.count >= maximumDepth { throw depthError() }
                i += 1
                skipWhitespace()
                if i < input.count, input[i] == UInt8(ascii: "}") {
                    i += 1
                    value = .object(JSONObject())
                } else {
                    isObject.append(true)
                    objects.append(JSONObject())
                    keys.append(try parseMemberKey())
                    continue parseValue
                }
            case UInt8(ascii: "["):
                if isObject.count >= maximumDepth { throw depthError() }
                i += 1
                skipWhitespace()
                if i < input.count, input[i] == UInt8(ascii: "]") {
                    i += 1
                    value = .array([])
                } else {
                    isObject.append(false)
                    arrays.append([])
                    continue parseValue
                }
            case UInt8(ascii: "\""):
                value = .string(try parseString())
            case UInt8(ascii: "t"):
                try expectLiteral("true"); value = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false"); value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null"); value = .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = try parseNumber()
            default:
                throw unexpected("a value")
            }

            // A value is complete: hand it to the enclosing containers,
            // closing as many as end here.
            while true {
                guard let top = isObject.last else {
                    skipWhitespace()
                    if i < input.count { throw unexpected("end of input") }
                    return value
                }
                skipWhitespace()
                if top {
                    objects[objects.count - 1][keys.removeLast()] = value
                    guard i < input.count else { throw endError("',' or '}'") }
                    if input[i] == UInt8(ascii: ",") {
                        i += 1
                        skipWhitespace()
                        keys.append(try parseMemberKey())
                        continue parseValue
                    } else if input[i] == UInt8(ascii: "}") {
                        i += 1
                        isObject.removeLast()
                        value = .object(objects.removeLast())
                    } else {
                        throw unexpected("',' or '}'")
                    }
                } else {
                    arrays[arrays.count - 1].append(value)
                    guard i < input.count else { throw endError("',' or ']'") }
                    if input[i] == UInt8(ascii: ",") {
                        i += 1
                        skipWhitespace()
                        continue parseValue
                    } else if input[i] == UInt8(ascii: "]") {
                        i += 1
                        isObject.removeLast()
                        value = .array(arrays.removeLast())
                    } else {
                        throw unexpected("',' or ']'")
                    }
                }
            }
        }
    }

    /// `"key"` then `:`, leaving the position at the start of the value.
    private mutating func parseMemberKey() throws(JSONParseError) -> String {
        guard i < input.count else { throw endError("a string key") }
        guard input[i] == UInt8(ascii: "\"") else { throw unexpected("a string key") }
        let key = try parseString()
        skipWhitespace()
        guard i < input.count else { throw endError("':'") }
        guard input[i] == UInt8(ascii: ":") else { throw unexpected("':'") }
        i += 1
        skipWhitespace()
        return key
    }

    private mutating func skipWhitespace() {
        while i < input.count {
            switch input[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    private mutating func expectLiteral(_ word: StaticString) throws(JSONParseError) {
        let start = i
        let count = word.utf8CodeUnitCount
        let w = word.utf8Start
        for k in 0..<count {
            guard start + k < input.count else { throw endError("'\(word)'") }
            if input[start + k] != w[k] {
                i = start + k
                throw unexpected("'\(word)'")
            }
        }
        i = start + count
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = i
        var negative = false
        if input[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        guard i < input.count else { throw endError("a digit") }
        // Accumulate the integer part toward the sign so Int64.min fits.
        var magnitudeFits = true
        var acc: Int64 = 0
        if input[i] == UInt8(ascii: "0") {
            i += 1
            if i < input.count, isDigit(input[i]) {
                throw JSONParseError(offset: i, message: "leading zeros are not allowed")
            }
        } else if isDigit(input[i]) {
            while i < input.count, isDigit(input[i]) {
                let d = Int64(input[i] &- UInt8(ascii: "0"))
                if magnitudeFits {
                    let (m, o1) = acc.multipliedReportingOverflow(by: 10)
                    let (s, o2) = negative ? m.subtractingReportingOverflow(d) : m.addingReportingOverflow(d)
                    if o1 || o2 { magnitudeFits = false } else { acc = s }
                }
                i += 1
            }
        } else {
            throw unexpected("a digit")
        }
        var isInteger = true
        if i < input.count, input[i] == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            guard i < input.count else { throw endError("a digit after '.'") }
            guard isDigit(input[i]) else { throw unexpected("a digit after '.'") }
            while i < input.count, isDigit(input[i]) { i += 1 }
        }
        if i < input.count, input[i] == UInt8(ascii: "e") || input[i] == UInt8(ascii: "E") {
            isInteger = false
            i += 1
            if i < input.count, input[i] == UInt8(ascii: "+") || input[i] == UInt8(ascii: "-") { i += 1 }
            guard i < input.count else { throw endError("a digit in the exponent") }
            guard isDigit(input[i]) else { throw unexpected("a digit in the exponent") }
            while i < input.count, isDigit(input[i]) { i += 1 }
        }
        if isInteger && magnitudeFits { return .int(acc) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: input[start..<i]), as: UTF8.self)
        guard let d = Double(text), d.isFinite else {
            throw JSONParseError(offset: start, message: "number out of range")
        }
        return .double(d)
    }

    @inline(__always) private func isDigit(_ b: UInt8) -> Bool {
        b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
    }

    // MARK: Strings

    /// Parses a string whose opening quote is at `i`.
    private mutating func parseString() throws(JSONParseError) -> String {
        i += 1
        let start = i
        // Fast path: no escapes, just validate and copy.
        while i < input.count {
            let b = input[i]
            if b == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: input[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw controlCharacterError() }
            if b < 0x80 { i += 1 } else { i += try validateUTF8Sequence(at: i) }
        }
        guard i < input.count else { throw endError("'\"' to close the string") }

        var bytes = Array(input[start..<i])
        while i < input.count {
            let b = input[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: bytes, as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") {
                try parseEscape(into: &bytes)
            } else if b < 0x20 {
                throw controlCharacterError()
            } else if b < 0x80 {
                bytes.append(b)
                i += 1
            } else {
                let n = try validateUTF8Sequence(at: i)
                bytes.append(contentsOf: input[i..<(i + n)])
                i += n
            }
        }
        throw endError("'\"' to close the string")
    }

    private mutating func parseEscape(into bytes: inout [UInt8]) throws(JSONParseError) {
        let escapeStart = i
        i += 1
        guard i < input.count else { throw endError("an escape character") }
        let c = input[i]
        i += 1
        switch c {
        case UInt8(ascii: "\""): bytes.append(0x22)
        case UInt8(ascii: "\\"): bytes.append(0x5C)
        case UInt8(ascii: "/"): bytes.append(0x2F)
        case UInt8(ascii: "b"): bytes.append(0x08)
        case UInt8(ascii: "f"): bytes.append(0x0C)
        case UInt8(ascii: "n"): bytes.append(0x0A)
        case UInt8(ascii: "r"): bytes.append(0x0D)
        case UInt8(ascii: "t"): bytes.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try parseHex4()
            var scalarValue = UInt32(unit)
            if unit >= 0xD800 && unit <= 0xDBFF {
                guard i + 1 < input.count, input[i] == UInt8(ascii: "\\"), input[i + 1] == UInt8(ascii: "u") else {
                    throw JSONParseError(offset: escapeStart, message: "unpaired high surrogate escape")
                }
                i += 2
                let low = try parseHex4()
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw JSONParseError(offset: escapeStart, message: "high surrogate escape not followed by a low surrogate")
                }
                scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            } else if unit >= 0xDC00 && unit <= 0xDFFF {
                throw JSONParseError(offset: escapeStart, message: "unpaired low surrogate escape")
            }
            // Every value reaching here is a valid scalar.
            let scalar = Unicode.Scalar(scalarValue)!
            bytes.append(contentsOf: UTF8.encode(scalar)!)
        default:
            throw JSONParseError(offset: escapeStart, message: "invalid escape sequence")
        }
    }

    private mutating func parseHex4() throws(JSONParseError) -> UInt16 {
        var v: UInt16 = 0
        for _ in 0..<4 {
            guard i < input.count else { throw endError("four hexadecimal digits") }
            let b = input[i]
            let d: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - UInt8(ascii: "A") + 10
            default: throw unexpected("a hexadecimal digit")
            }
            v = v << 4 | UInt16(d)
            i += 1
        }
        return v
    }

    /// Length of the well-formed UTF-8 sequence starting at `at` (whose first
    /// byte is >= 0x80), per the Unicode standard's table of well-formed byte
    /// sequences.
    private func validateUTF8Sequence(at p: Int) throws(JSONParseError) -> Int {
        let b0 = input[p]
        var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
        let length: Int
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lo = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; hi = 0x9F
        case 0xF0: length = 4; lo = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; hi = 0x8F
        default: throw JSONParseError(offset: p, message: "invalid UTF-8")
        }
        guard p + length <= input.count else { throw JSONParseError(offset: p, message: "invalid UTF-8 (truncated sequence)") }
        let b1 = input[p + 1]
        guard b1 >= lo && b1 <= hi else { throw JSONParseError(offset: p, message: "invalid UTF-8") }
        for k in 2..<max(2, length) where k < length {
            let b = input[p + k]
            guard b >= 0x80 && b <= 0xBF else { throw JSONParseError(offset: p, message: "invalid UTF-8") }
        }
        return length
    }

    // MARK: Errors

    private func endError(_ expected: String) -> JSONParseError {
        JSONParseError(offset: input.count, message: "unexpected end of input, expected \(expected)")
    }

    private func unexpected(_ expected: String) -> JSONParseError {
        let b = input[i]
        let shown = b >= 0x20 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x" + String(b, radix: 16, uppercase: true)
        return JSONParseError(offset: i, message: "unexpected \(shown), expected \(expected)")
    }

    private func controlCharacterError() -> JSONParseError {
        JSONParseError(offset: i, message: "unescaped control character in string")
    }

    private func depthError() -> JSONParseError {
        JSONParseError(offset: i, message: "nesting deeper than \(maximumDepth) levels")
    }
}
