/// Writes `JSONValue`s as compact JSON text (no insignificant whitespace).
///
/// Output is deterministic: object members in their stored order, integers
/// as plain digits, doubles with an integral value below 2^53 as plain digits
/// too (`2.0` is written `2`), other doubles in Swift's shortest round-trip
/// form (`0.1`, `1e+20`). Non-finite doubles, which JSON cannot express, are
/// written as `null`. Strings escape `"`, `\` and all control characters
/// below U+0020 (`\n`, `\t`, ... or `\u00XX`); everything else is written as
/// raw UTF-8, except U+2028 and U+2029 when `escapeLineSeparators` is set
/// (for consumers that embed the text in JavaScript source).
public struct JSONSerializer {
    public var escapeLineSeparators: Bool

    public init(escapeLineSeparators: Bool = false) {
        self.escapeLineSeparators = escapeLineSeparators
    }

    public static func serialize(_ value: JSONValue) -> [UInt8] {
        JSONSerializer().serialize(value)
    }

    public static func string(from value: JSONValue) -> String {
        String(decoding: serialize(value), as: UTF8.self)
    }

    public func serialize(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        write(value, to: &out)
        return out
    }

    public func write(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .null:
            out.append(contentsOf: Self.nullBytes)
        case .bool(let b):
            out.append(contentsOf: b ? Self.trueBytes : Self.falseBytes)
        case .int(let i):
            Self.writeInteger(i, to: &out)
        case .double(let d):
            Self.writeDouble(d, to: &out)
        case .string(let s):
            writeString(s, to: &out)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (k, element) in elements.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                write(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let object):
            out.append(UInt8(ascii: "{"))
            for k in 0..<object.count {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                writeString(object.keys[k], to: &out)
                out.append(UInt8(ascii: ":"))
                write(object.values[k], to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let nullBytes = Array("null".utf8)
    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let hexDigits = Array("0123456789abcdef".utf8)

    static func writeInteger(_ value: Int64, to out: inout [UInt8]) {
        if value == 0 { out.append(UInt8(ascii: "0")); return }
        if value < 0 { out.append(UInt8(ascii: "-")) }
        // Work on the magnitude as UInt64 so Int64.min is fine.
        var m = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { buf in
            while m > 0 {
                buf[n] = UInt8(ascii: "0") + UInt8(m % 10)
                m /= 10
                n += 1
            }
            while n > 0 {
                n -= 1
                out.append(buf[n])
            }
        }
    }

    static func writeDouble(_ value: Double, to out: inout [UInt8]) {
        guard value.isFinite else {
            out.append(contentsOf: nullBytes)
            return
        }
        if value.magnitude < 9_007_199_254_740_992 && Double(Int64(value)) == value {
            writeInteger(Int64(value), to: &out)
            return
        }
        out.append(contentsOf: value.description.utf8)
    }

    func writeString(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var s = string
        s.withUTF8 { bytes in
            var k = 0
            let n = bytes.count
            while k < n {
                let b = bytes[k]
                switch b {
                case UInt8(ascii: "\""):
                    out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"):
                    out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "\\"))
                case 0x0A:
                    out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "n"))
                case 0x0D:
                    out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "r"))
                case 0x09:
                    out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "t"))
                case 0x08:
                    out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "b"))
                case 0x0C:
                    out.append(UInt8(ascii: "\\")); out.append(UInt8(ascii: "f"))
                case 0x00..<0x20:
                    Self.writeUnicodeEscape(UInt16(b), to: &out)
                case 0xE2 where escapeLineSeparators && k + 2 < n && bytes[k + 1] == 0x80
                    && (bytes[k + 2] == 0xA8 || bytes[k + 2] == 0xA9):
                    Self.writeUnicodeEscape(bytes[k + 2] == 0xA8 ? 0x2028 : 0x2029, to: &out)
                    k += 2
                default:
                    out.append(b)
                }
                k += 1
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func writeUnicodeEscape(_ unit: UInt16, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\\"))
        out.append(UInt8(ascii: "u"))
        out.append(hexDigits[Int(unit >> 12 & 0xF)])
        out.append(hexDigits[Int(unit >> 8 & 0xF)])
        out.append(hexDigits[Int(unit >> 4 & 0xF)])
        out.append(hexDigits[Int(unit & 0xF)])
    }
}
