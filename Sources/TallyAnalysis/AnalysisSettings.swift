/// What a project configures about the analysis (from `tally.json`, editor settings).
public struct AnalysisSettings: Sendable, Hashable {
    /// Per-rule severity; a rule mapped to nil is off. Rules not listed use their default.
    public var ruleOverrides: [String: Severity?]
    /// Whether to compute hint-level rules (editors show them; `tally check` does not need them).
    public var computeHints: Bool

    public init(ruleOverrides: [String: Severity?] = [:], computeHints: Bool = true) {
        self.ruleOverrides = ruleOverrides
        self.computeHints = computeHints
    }

    public static let `default` = AnalysisSettings()

    /// The severity in force for `rule`, or nil when it is off.
    public func severity(of rule: String) -> Severity? {
        if let o = ruleOverrides[rule] { return o }
        return RuleCatalog.info(rule)?.defaultSeverity ?? .error
    }

    /// Parses a severity word of `tally.json`: error, warning, info, hint, off.
    public static func parseSeverity(_ s: String) -> Severity?? {
        switch s.lowercased() {
        case "off", "none", "ignore": return .some(nil)
        case "error": return .some(.error)
        case "warning", "warn": return .some(.warning)
        case "info", "information": return .some(.info)
        case "hint": return .some(.hint)
        default: return nil
        }
    }
}
