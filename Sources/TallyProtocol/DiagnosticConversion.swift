import TallySyntax
import TallyAnalysis

/// Turns analysis diagnostics (byte ranges) into LSP `Diagnostic` objects in
/// the negotiated position encoding.
///
/// `code` is the rule name, `codeDescription.href` its section of the
/// language reference (when `ReferenceLink` finds one),
/// `source` is "tally". Related locations are converted with the text of the
/// document they point into. Fixes travel in `data.fixes` (titles, safety
/// and LSP text edits per URI) for a later code action.
public struct DiagnosticConversion: Sendable {
    public var encoding: PositionEncoding
    /// Whether to send `relatedInformation` (client capability
    /// `textDocument.publishDiagnostics.relatedInformation`).
    public var relatedInformation: Bool
    /// Whether to send `codeDescription` (`codeDescriptionSupport`).
    public var codeDescription: Bool

    public init(encoding: PositionEncoding, relatedInformation: Bool = true, codeDescription: Bool = true) {
        self.encoding = encoding
        self.relatedInformation = relatedInformation
        self.codeDescription = codeDescription
    }

    /// Settings for what `session`'s client declared.
    public init(session: ClientSession) {
        self.init(encoding: session.positionEncoding,
                  relatedInformation: session.supports("textDocument", "publishDiagnostics", "relatedInformation"),
                  codeDescription: session.supports("textDocument", "publishDiagnostics", "codeDescriptionSupport"))
    }

    /// LSP `DiagnosticSeverity`: 1 error, 2 warning, 3 information, 4 hint.
    public static func severity(_ severity: Severity) -> Int {
        switch severity {
        case .error: return 1
        case .warning: return 2
        case .info: return 3
        case .hint: return 4
        }
    }

    /// The LSP diagnostics of one document. `text` is that document's text;
    /// `textOf` gives the text of another document by URI (nil when unknown:
    /// related locations and fix edits there are left out).
    public func convert(_ diagnostics: [Diagnostic], text: PositionConverter,
                        textOf: (String) -> PositionConverter?) -> [JSONValue] {
        diagnostics.map { convert($0, text: text, textOf: textOf) }
    }

    public func convert(_ d: Diagnostic, text: PositionConverter, textOf: (String) -> PositionConverter?) -> JSONValue {
        var o = JSONObject()
        o["range"] = text.range(of: d.range, encoding: encoding).json
        o["severity"] = .int(Int64(Self.severity(d.severity)))
        o["code"] = .string(d.rule)
        if codeDescription, let link = ReferenceLink.url(for: d.rule) {
            o["codeDescription"] = ["href": .string(link)]
        }
        o["source"] = "tally"
        o["message"] = .string(d.message)
        if relatedInformation && !d.related.isEmpty {
            var related: [JSONValue] = []
            for location in d.related {
                guard let other = textOf(location.uri) else { continue }
                related.append([
                    "location": ["uri": .string(location.uri), "range": other.range(of: location.range, encoding: encoding).json],
                    "message": .string(location.message),
                ])
            }
            if !related.isEmpty { o["relatedInformation"] = .array(related) }
        }
        if !d.fixes.isEmpty {
            var fixes: [JSONValue] = []
            for fix in d.fixes {
                var changes = JSONObject()
                var complete = true
                for uri in fix.edits.keys.sorted() {
                    guard let target = textOf(uri) else { complete = false; break }
                    changes[uri] = .array(fix.edits[uri]!.map { edit in
                        ["range": target.range(of: edit.range, encoding: encoding).json, "newText": .string(edit.newText)]
                    })
                }
                guard complete else { continue }
                fixes.append(["title": .string(fix.title), "isSafe": .bool(fix.isSafe), "changes": .object(changes)])
            }
            if !fixes.isEmpty { o["data"] = ["fixes": .array(fixes)] }
        }
        return .object(o)
    }
}
