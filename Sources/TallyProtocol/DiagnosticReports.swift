import TallyAnalysis

/// The diagnostics last computed for one document, as sent (push) or to be
/// served (pull).
struct DocumentReport: Sendable {
    var uri: String
    /// The editor version they belong to; nil for a file's text.
    var version: Int?
    var diagnostics: [Diagnostic]
    /// The LSP form of `diagnostics`.
    var items: [JSONValue]
    /// Changes whenever `items` change (pull `resultId`).
    var resultId: String
}

/// The latest report per document key, and the decisions that follow from
/// a new one: whether to push it, whether the pull result changed. Owned by
/// the analysis queue.
final class DiagnosticReports {
    private(set) var reports: [String: DocumentReport] = [:]
    private var counter = 0

    /// What `update` found.
    enum Change {
        /// Same diagnostics, version and URI: nothing to send.
        case none
        /// A new report; `clearURI` is an earlier URI of the same file whose
        /// diagnostics must be cleared.
        case updated(report: DocumentReport, itemsChanged: Bool, clearURI: String?)
    }

    /// Whether the report of `key` is current for these inputs, so that
    /// conversion can be skipped.
    func isCurrent(_ key: String, uri: String, version: Int?, diagnostics: [Diagnostic]) -> Bool {
        guard let old = reports[key] else { return false }
        return old.uri == uri && old.version == version && old.diagnostics == diagnostics
    }

    func update(_ key: String, uri: String, version: Int?, diagnostics: [Diagnostic], items: [JSONValue]) -> Change {
        let old = reports[key]
        if let old, old.uri == uri, old.version == version, old.items == items {
            reports[key]?.diagnostics = diagnostics
            return .none
        }
        let itemsChanged = old?.items != items
        var resultId = old?.resultId ?? ""
        if itemsChanged || old == nil {
            counter += 1
            resultId = "r\(counter)"
        }
        let report = DocumentReport(uri: uri, version: version, diagnostics: diagnostics, items: items, resultId: resultId)
        reports[key] = report
        var clear: String? = nil
        if let old, old.uri != uri, !old.items.isEmpty { clear = old.uri }
        return .updated(report: report, itemsChanged: itemsChanged, clearURI: clear)
    }

    /// Forgets `key`; returns its last report.
    func remove(_ key: String) -> DocumentReport? {
        reports.removeValue(forKey: key)
    }

    func report(uri: String) -> DocumentReport? {
        reports[WorkspaceState.key(of: uri)]
    }
}
