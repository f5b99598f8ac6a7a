/// One rule: a stable kebab-case name, a default severity and a one-line summary.
public struct RuleInfo: Sendable, Hashable {
    public var name: String
    public var defaultSeverity: Severity
    public var summary: String
    /// The layer that finds it.
    public var category: Category

    public enum Category: String, Sendable, Hashable { case syntax, counts, gazetteer, incidents }
}

/// Every rule Tally knows. The language reference (Grammar/REFERENCE.md) documents each with an example.
public enum RuleCatalog {
    public static let all: [RuleInfo] = [
        // Syntax
        RuleInfo(name: "invalid-utf8", defaultSeverity: .error, summary: "The file is not valid UTF-8.", category: .syntax),
        RuleInfo(name: "bad-front-matter", defaultSeverity: .error, summary: "The front matter is malformed (no colon, unclosed, duplicate key, bad value).", category: .syntax),
        RuleInfo(name: "unknown-front-matter-key", defaultSeverity: .warning, summary: "A front-matter key that v1 does not define.", category: .syntax),
        RuleInfo(name: "unclosed-tag", defaultSeverity: .error, summary: "A tag's `{` is not closed on its line.", category: .syntax),
        RuleInfo(name: "unknown-kind", defaultSeverity: .error, summary: "A tag's kind is missing or not a v1 kind.", category: .syntax),
        RuleInfo(name: "unknown-attribute", defaultSeverity: .error, summary: "An attribute key the tag kind or incident line does not take.", category: .syntax),
        RuleInfo(name: "duplicate-attribute", defaultSeverity: .error, summary: "The same attribute twice in one tag or incident line.", category: .syntax),
        RuleInfo(name: "malformed-attribute", defaultSeverity: .error, summary: "Text that is not `key=value`, or an unterminated quoted value.", category: .syntax),
        RuleInfo(name: "missing-value", defaultSeverity: .error, summary: "An attribute with `=` but no value.", category: .syntax),
        RuleInfo(name: "malformed-count", defaultSeverity: .error, summary: "A count that is not `N`, `N+` or `N-M`.", category: .syntax),
        RuleInfo(name: "malformed-date", defaultSeverity: .error, summary: "A date that is not `YYYY-MM-DD`, `YYYY-MM` or `A/B`.", category: .syntax),
        RuleInfo(name: "malformed-id", defaultSeverity: .error, summary: "An id with characters other than letters, digits, `-`, `_`, `.`, `:`.", category: .syntax),
        RuleInfo(name: "unclosed-block", defaultSeverity: .error, summary: "An incident block without its closing `:::` line.", category: .syntax),
        RuleInfo(name: "stray-fence", defaultSeverity: .error, summary: "A `:::` line that closes no block.", category: .syntax),
        RuleInfo(name: "nested-block", defaultSeverity: .error, summary: "An incident block opened inside another.", category: .syntax),
        RuleInfo(name: "unknown-block", defaultSeverity: .error, summary: "A `:::` block whose type is not `incident`.", category: .syntax),
        // Counts
        RuleInfo(name: "count-unreadable", defaultSeverity: .error, summary: "A figure with no value and no number readable in its text.", category: .counts),
        RuleInfo(name: "count-text-mismatch", defaultSeverity: .error, summary: "A figure's value disagrees with the number in its text.", category: .counts),
        RuleInfo(name: "count-conflict", defaultSeverity: .error, summary: "Two restatements of an incident's total (or one and the declared total) that cannot both be true.", category: .counts),
        RuleInfo(name: "count-exceeds-total", defaultSeverity: .error, summary: "The parts of a total (figures with `victim=`) add up to more than the total allows.", category: .counts),
        RuleInfo(name: "cross-document-conflict", defaultSeverity: .warning, summary: "Two documents give totals for the same incident id that cannot both be true.", category: .counts),
        // Gazetteer
        RuleInfo(name: "unknown-actor", defaultSeverity: .warning, summary: "An actor that no gazetteer knows.", category: .gazetteer),
        RuleInfo(name: "unknown-place", defaultSeverity: .warning, summary: "A place that no gazetteer knows.", category: .gazetteer),
        RuleInfo(name: "ambiguous-actor", defaultSeverity: .warning, summary: "Tag text that names several actors; give the id.", category: .gazetteer),
        RuleInfo(name: "ambiguous-place", defaultSeverity: .warning, summary: "Tag text that names several places; give the id.", category: .gazetteer),
        RuleInfo(name: "untagged-mention", defaultSeverity: .hint, summary: "Untagged text naming an actor or place that the document tags elsewhere.", category: .gazetteer),
        // Incidents
        RuleInfo(name: "unattached-figure", defaultSeverity: .warning, summary: "A figure outside every incident block and without `in=`.", category: .incidents),
        RuleInfo(name: "unknown-incident", defaultSeverity: .error, summary: "`in=` names an incident that no document of the workspace defines.", category: .incidents),
        RuleInfo(name: "duplicate-incident", defaultSeverity: .error, summary: "The same incident id twice in one document.", category: .incidents),
        RuleInfo(name: "date-after-publication", defaultSeverity: .error, summary: "An incident dated after the article's publication date.", category: .incidents),
        RuleInfo(name: "unknown-event-type", defaultSeverity: .warning, summary: "A `type=` that is not in the event-type vocabulary.", category: .incidents),
    ]

    private static let byName: [String: RuleInfo] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    public static func info(_ name: String) -> RuleInfo? { byName[name] }

    /// The link to a rule's section of the language reference, given where the reference is
    /// published (`base`, e.g. a `file://` URL of Grammar/REFERENCE.md or a web address).
    public static func documentationURL(_ name: String, base: String) -> String {
        "\(base)#\(name)"
    }
}
