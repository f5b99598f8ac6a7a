/// A unified-style diff of a file and its formatted version, without context
/// lines. Formatting never adds or removes line breaks, so lines pair up one
/// to one and each run of changed lines is one hunk.
enum FormatDiff {
    /// The diff of `old` and `new` under the header `--- PATH` / `+++ PATH (formatted)`;
    /// empty when they are equal.
    static func render(path: String, old: [UInt8], new: [UInt8]) -> String {
        guard old != new else { return "" }
        var out = "--- \(path)\n+++ \(path) (formatted)\n"
        let a = lines(old), b = lines(new)
        guard a.count == b.count else {
            // Not expected from the formatter; show the whole file.
            out += "@@ -1,\(a.count) +1,\(b.count) @@\n"
            for l in a { out += "-\(l)\n" }
            for l in b { out += "+\(l)\n" }
            return out
        }
        var i = 0
        while i < a.count {
            guard a[i] != b[i] else { i += 1; continue }
            var j = i
            while j < a.count && a[j] != b[j] { j += 1 }
            out += "@@ -\(i + 1),\(j - i) +\(i + 1),\(j - i) @@\n"
            for k in i..<j { out += "-\(a[k])\n" }
            for k in i..<j { out += "+\(b[k])\n" }
            i = j
        }
        return out
    }

    /// The lines of `bytes` without their line breaks (`\n` or `\r\n`).
    static func lines(_ bytes: [UInt8]) -> [String] {
        var result: [String] = []
        var start = 0
        for (i, c) in bytes.enumerated() where c == 0x0A {
            var end = i
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }
            result.append(String(decoding: bytes[start..<end], as: UTF8.self))
            start = i + 1
        }
        if start < bytes.count { result.append(String(decoding: bytes[start...], as: UTF8.self)) }
        return result
    }
}
