import TallyAnalysis

/// Turns analysis completion candidates into an LSP `CompletionList`.
struct CompletionTranslation: Sendable {
    var encoding: PositionEncoding
    /// Whether the client reads Markdown in `documentation`.
    var markdown: Bool
    /// Whether the client takes snippets (`completionItem.snippetSupport`).
    var snippets: Bool

    init(session: ClientSession) {
        encoding = session.positionEncoding
        snippets = session.supports("textDocument", "completion", "completionItem", "snippetSupport")
        markdown = LanguageFeatures.acceptsMarkdown(session.capability("textDocument", "completion", "completionItem", "documentationFormat"))
    }

    /// LSP `CompletionItemKind` for a candidate kind.
    static func kind(_ kind: CompletionCandidate.Kind) -> Int {
        switch kind {
        case .place: return 9          // Module
        case .actor: return 7          // Class
        case .tagKind: return 14       // Keyword
        case .attributeKey: return 10  // Property
        case .incident: return 18      // Reference
        case .eventType: return 20     // EnumMember
        case .value: return 12         // Value
        case .tag: return 15           // Snippet
        }
    }

    func list(_ result: CompletionResult, text: PositionConverter) -> JSONValue {
        var items: [JSONValue] = []
        items.reserveCapacity(result.items.count)
        for candidate in result.items {
            var item: JSONObject = ["label": .string(candidate.label), "kind": .int(Int64(Self.kind(candidate.kind)))]
            if let detail = candidate.detail { item["detail"] = .string(detail) }
            if let documentation = candidate.documentation {
                item["documentation"] = ["kind": markdown ? "markdown" : "plaintext", "value": .string(documentation)]
            }
            item["sortText"] = .string(candidate.sortText)
            if let filter = candidate.filterText { item["filterText"] = .string(filter) }
            item["textEdit"] = ["range": text.range(of: candidate.replace, encoding: encoding).json,
                                "newText": .string(candidate.newText)]
            item["insertTextFormat"] = candidate.isSnippet && snippets ? 2 : 1
            items.append(.object(item))
        }
        return ["isIncomplete": .bool(result.isIncomplete), "items": .array(items)]
    }
}
