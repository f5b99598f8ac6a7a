/// Validation of UTF-8 without building a String.
public enum UTF8Check {
    /// The offset of the first byte that does not start or continue a valid
    /// UTF-8 sequence, or nil when all of `bytes` is valid UTF-8.
    public static func firstInvalidOffset(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { p -> Int? in
            let n = p.count
            var i = 0
            while i < n {
                let c = p[i]
                if c < 0x80 { i += 1; continue }
                var need = 0
                var minScalar: UInt32 = 0
                var scalar: UInt32 = 0
                if c & 0xE0 == 0xC0 { need = 1; minScalar = 0x80; scalar = UInt32(c & 0x1F) }
                else if c & 0xF0 == 0xE0 { need = 2; minScalar = 0x800; scalar = UInt32(c & 0x0F) }
                else if c & 0xF8 == 0xF0 { need = 3; minScalar = 0x10000; scalar = UInt32(c & 0x07) }
                else { return i }
                if i + need >= n { return i }
                for k in 1...need {
                    let d = p[i + k]
                    if d & 0xC0 != 0x80 { return i }
                    scalar = scalar << 6 | UInt32(d & 0x3F)
                }
                if scalar < minScalar || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF) { return i }
                i += need + 1
            }
            return nil
        }
    }
}
