/// What an id may look like: incident ids, gazetteer ids, event types.
/// ASCII letters, digits, `-`, `_`, `.` and `:`, starting with a letter or digit.
public enum IdentifierSyntax {
    public static func isIDByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
            || c == UInt8(ascii: "-") || c == UInt8(ascii: "_") || c == UInt8(ascii: ".") || c == UInt8(ascii: ":")
    }

    public static func isValid<S: StringProtocol>(_ s: S) -> Bool {
        var first = true
        for c in s.utf8 {
            if first {
                let alnum = (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
                if !alnum { return false }
                first = false
            } else if !isIDByte(c) {
                return false
            }
        }
        return !first
    }
}
