import TallyAnalysis

/// One checked file and its diagnostics, with what reporters need to show positions.
public struct CheckedFile: Sendable {
    public var path: String
    public private(set) var bytes: [UInt8]
    public private(set) var lineIndex: LineIndex
    public var diagnostics: [Diagnostic]

    /// Scalars (bytes that are not UTF-8 continuation bytes) in
    /// `bytes[0 ..< k * checkpointStride]`, so that a column costs at most one
    /// stride of counting, not a scan from the start of a possibly huge line.
    private let scalarsBefore: [Int]
    private static let checkpointStride = 4096

    public init(path: String, bytes: [UInt8], lineIndex: LineIndex, diagnostics: [Diagnostic]) {
        self.path = path
        self.bytes = bytes
        self.lineIndex = lineIndex
        self.diagnostics = diagnostics
        var table = [0]
        table.reserveCapacity(bytes.count / Self.checkpointStride + 1)
        var count = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
            if i % Self.checkpointStride == 0 { table.append(count) }
        }
        scalarsBefore = table
    }

    /// Unicode scalars that start in `bytes[0 ..< offset]`.
    func scalarCount(before offset: Int) -> Int {
        let end = max(0, min(offset, bytes.count))
        let k = end / Self.checkpointStride
        var count = scalarsBefore[k]
        var i = k * Self.checkpointStride
        while i < end {
            if bytes[i] & 0xC0 != 0x80 { count += 1 }
            i += 1
        }
        return count
    }

    /// One-based line and one-based column counted in Unicode scalars.
    public func position(_ offset: Int) -> (line: Int, column: Int) {
        let (line, byteColumn) = lineIndex.location(of: offset)
        let start = lineIndex.lineStarts[line]
        let end = min(start + byteColumn, bytes.count)
        return (line + 1, scalarCount(before: end) - scalarCount(before: start) + 1)
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
