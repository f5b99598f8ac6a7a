import TallyAnalysis

/// One checked file and its diagnostics, with what reporters need to show positions.
public struct CheckedFile: Sendable {
    public var path: String
    public var bytes: [UInt8]
    public var lineIndex: LineIndex
    public var diagnostics: [Diagnostic]

    public init(path: String, bytes: [UInt8], lineIndex: LineIndex, diagnostics: [Diagnostic]) {
        self.path = path
        self.bytes = bytes
        self.lineIndex = lineIndex
        self.diagnostics = diagnostics
    }

    /// One-based line and one-based column counted in Unicode scalars.
    public func position(_ offset: Int) -> (line: Int, column: Int) {
        let (line, byteColumn) = lineIndex.location(of: offset)
        let start = lineIndex.lineStarts[line]
        var scalars = 0
        var i = start
        let end = min(start + byteColumn, bytes.count)
        while i < end {
            if bytes[i] & 0xC0 != 0x80 { scalars += 1 }
            i += 1
        }
        return (line + 1, scalars + 1)
    }

    /// The text of one-based line `line`, without its line break.
    public func lineText(_ line: Int) -> String {
        let r = lineIndex.contentRange(ofLine: line - 1, in: bytes)
        return String(decoding: bytes[r], as: UTF8.self)
    }
}

/// Totals over a run, for the summary line and the exit status.
public struct CheckSummary: Sendable {
    public var files = 0
    public var errors = 0
    public var warnings = 0
    public var others = 0

    public init(files: [CheckedFile]) {
        self.files = files.count
        for f in files {
            for d in f.diagnostics {
                switch d.severity {
                case .error: errors += 1
                case .warning: warnings += 1
                default: others += 1
                }
            }
        }
    }

    public var line: String {
        func plural(_ n: Int, _ w: String) -> String { "\(n) \(w)\(n == 1 ? "" : "s")" }
        var parts = [plural(errors, "error"), plural(warnings, "warning")]
        if others > 0 { parts.append("\(others) note\(others == 1 ? "" : "s")") }
        return "\(parts.joined(separator: ", ")) in \(plural(files, "file"))"
    }
}
