import TallyAnalysis

/// Compiler-style output: `path:line:col: error[rule]: message`, the source line and a caret.
public struct TextReporter {
    public var color: Bool

    public init(color: Bool) { self.color = color }

    func paint(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }

    func severityLabel(_ s: Severity) -> String {
        switch s {
        case .error: return paint("error", "1;31")
        case .warning: return paint("warning", "1;33")
        case .info: return paint("info", "1;36")
        case .hint: return paint("hint", "1;36")
        }
    }

    public func render(_ files: [CheckedFile], pathsByURI: [String: CheckedFile] = [:]) -> String {
        var out = ""
        for f in files {
            for d in f.diagnostics {
                out += render(d, in: f, others: pathsByURI)
            }
        }
        let summary = CheckSummary(files: files)
        out += paint(summary.line, "1") + "\n"
        return out
    }

    func render(_ d: Diagnostic, in f: CheckedFile, others: [String: CheckedFile]) -> String {
        let (line, col) = f.position(d.range.lowerBound)
        var out = "\(paint("\(f.path):\(line):\(col):", "1")) \(severityLabel(d.severity))[\(d.rule)]: \(d.message)\n"
        out += snippet(f, d.range, line: line, col: col)
        for r in d.related {
            let target = r.uri == f.path ? f : others[r.uri]
            if let t = target {
                let (rl, rc) = t.position(r.range.lowerBound)
                out += "  \(paint("note", "1;36")): \(t.path):\(rl):\(rc): \(r.message)\n"
            } else {
                out += "  \(paint("note", "1;36")): \(r.uri): \(r.message)\n"
            }
        }
        return out
    }

    /// Lines longer than this many bytes are shown as a window around the
    /// diagnostic, so that a huge one-line file does not print itself once per problem.
    static let maximumSnippetBytes = 1024
    /// Scalars shown before and after the start of the range in a window.
    static let windowBefore = 60, windowAfter = 100

    func snippet(_ f: CheckedFile, _ range: Range<Int>, line: Int, col: Int) -> String {
        let content = f.lineIndex.contentRange(ofLine: line - 1, in: f.bytes)
        if content.count > Self.maximumSnippetBytes {
            return windowedSnippet(f, range, line: line, content: content)
        }
        let text = f.lineText(line)
        let gutter = String(line)
        let pad = String(repeating: " ", count: gutter.count)
        // Underline up to the end of the range or the end of the line.
        let (endLine, endCol) = f.position(range.upperBound)
        let lineLength = text.unicodeScalars.count
        let last = endLine == line ? max(endCol, col + 1) : lineLength + 1
        let width = max(1, min(last, lineLength + 1) - col)
        var prefix = ""
        for (i, s) in text.unicodeScalars.enumerated() where i < col - 1 { prefix.append(s == "\t" ? "\t" : " ") }
        let marker = "^" + String(repeating: "~", count: max(0, width - 1))
        return " \(paint(gutter, "34")) | \(text)\n \(pad) | \(prefix)\(paint(marker, "1;32"))\n"
    }

    /// The snippet of a long line: about `windowBefore` scalars before the
    /// range's start and `windowAfter` after it, with `…` where the line goes on.
    func windowedSnippet(_ f: CheckedFile, _ range: Range<Int>, line: Int, content: Range<Int>) -> String {
        let bytes = f.bytes
        func isScalarStart(_ i: Int) -> Bool { i >= bytes.count || bytes[i] & 0xC0 != 0x80 }
        let start = min(max(range.lowerBound, content.lowerBound), content.upperBound)
        var from = start, scalars = 0
        while from > content.lowerBound && scalars < Self.windowBefore {
            from -= 1
            if isScalarStart(from) { scalars += 1 }
        }
        var to = start
        scalars = 0
        while to < content.upperBound && scalars < Self.windowAfter {
            to += 1
            if isScalarStart(to) { scalars += 1 }
        }
        let head = from > content.lowerBound ? "…" : ""
        let tail = to < content.upperBound ? "…" : ""
        let text = head + String(decoding: bytes[from..<to], as: UTF8.self) + tail
        let before = String(decoding: bytes[from..<start], as: UTF8.self)
        let underlineEnd = min(max(range.upperBound, start), to)
        let width = max(1, String(decoding: bytes[start..<underlineEnd], as: UTF8.self).unicodeScalars.count)
        var prefix = head.isEmpty ? "" : " "
        for s in before.unicodeScalars { prefix.append(s == "\t" ? "\t" : " ") }
        let gutter = String(line)
        let pad = String(repeating: " ", count: gutter.count)
        let marker = "^" + String(repeating: "~", count: width - 1)
        return " \(paint(gutter, "34")) | \(text)\n \(pad) | \(prefix)\(paint(marker, "1;32"))\n"
    }
}
