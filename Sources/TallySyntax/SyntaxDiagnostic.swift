/// How serious a finding is, from the most to the least.
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
    case error
    case warning
    case info
    case hint

    private var rank: Int {
        switch self {
        case .error: return 0
        case .warning: return 1
        case .info: return 2
        case .hint: return 3
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// A problem the parser found: a rule name, a byte range and a message.
public struct SyntaxDiagnostic: Sendable, Hashable {
    public var rule: String
    public var severity: Severity
    public var range: Range<Int>
    public var message: String

    public init(rule: String, severity: Severity = .error, range: Range<Int>, message: String) {
        self.rule = rule
        self.severity = severity
        self.range = range
        self.message = message
    }
}
