/// A finding about a document, in byte offsets of that document.
public struct Diagnostic: Sendable, Hashable {
    public var rule: String
    public var severity: Severity
    public var range: Range<Int>
    public var message: String
    /// Other places that explain this one (the competing figure, the first definition).
    public var related: [RelatedLocation]
    /// Edits that would resolve it, best first.
    public var fixes: [Fix]

    public init(rule: String, severity: Severity, range: Range<Int>, message: String,
                related: [RelatedLocation] = [], fixes: [Fix] = []) {
        self.rule = rule
        self.severity = severity
        self.range = range
        self.message = message
        self.related = related
        self.fixes = fixes
    }
}

/// A location in some document of the workspace.
public struct RelatedLocation: Sendable, Hashable {
    public var uri: String
    public var range: Range<Int>
    public var message: String

    public init(uri: String, range: Range<Int>, message: String) {
        self.uri = uri
        self.range = range
        self.message = message
    }
}

/// A replacement of a byte range of one document.
public struct TextEdit: Sendable, Hashable {
    public var range: Range<Int>
    public var newText: String

    public init(range: Range<Int>, newText: String) {
        self.range = range
        self.newText = newText
    }
}

/// A named set of edits that resolves a diagnostic.
public struct Fix: Sendable, Hashable {
    public var title: String
    /// Edits per document URI.
    public var edits: [String: [TextEdit]]
    /// True when applying it without a human's choice is safe (`tally check --fix`).
    public var isSafe: Bool

    public init(title: String, edits: [String: [TextEdit]], isSafe: Bool) {
        self.title = title
        self.edits = edits
        self.isSafe = isSafe
    }
}

extension [TextEdit] {
    /// Applies non-overlapping edits to `bytes` in one pass (edits are clamped to the bytes).
    public func applied(to bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var copied = 0
        for e in self.sorted(by: { $0.range.lowerBound < $1.range.lowerBound }) {
            let lower = Swift.min(Swift.max(e.range.lowerBound, copied), bytes.count)
            let upper = Swift.min(Swift.max(e.range.upperBound, lower), bytes.count)
            out.append(contentsOf: bytes[copied..<lower])
            out.append(contentsOf: e.newText.utf8)
            copied = upper
        }
        out.append(contentsOf: bytes[copied...])
        return out
    }
}
