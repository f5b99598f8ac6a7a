import TallyAnalysis

/// Turns analysis outlines and workspace symbols into LSP `DocumentSymbol`,
/// `SymbolInformation` and `WorkspaceSymbol` objects.
struct SymbolTranslation: Sendable {
    var encoding: PositionEncoding
    /// Whether the client takes nested `DocumentSymbol`s
    /// (`textDocument.documentSymbol.hierarchicalDocumentSymbolSupport`).
    var hierarchical: Bool

    init(encoding: PositionEncoding, hierarchical: Bool) {
        self.encoding = encoding
        self.hierarchical = hierarchical
    }

    init(session: ClientSession) {
        self.init(encoding: session.positionEncoding,
                  hierarchical: session.supports("textDocument", "documentSymbol", "hierarchicalDocumentSymbolSupport"))
    }

    /// LSP `SymbolKind`.
    static func kind(_ kind: DocumentSymbol.Kind) -> Int {
        switch kind {
        case .incident: return 24     // Event
        case .figure: return 16       // Number
        case .place: return 2         // Module (as in completion)
        case .actor: return 5         // Class (as in completion)
        case .frontMatter: return 19  // Object
        }
    }

    /// A name an editor accepts (LSP forbids empty names).
    static func name(_ name: String) -> String {
        name.isEmpty ? "?" : name
    }

    /// The outline of a document at `uri` whose text is `text`: nested
    /// symbols, or a flat list with container names for older clients.
    func outline(_ symbols: [DocumentSymbol], uri: String, text: PositionConverter) -> JSONValue {
        if hierarchical { return .array(symbols.map { nested($0, text: text) }) }
        var flat: [JSONValue] = []
        func add(_ s: DocumentSymbol, container: String?) {
            var o: JSONObject = ["name": .string(Self.name(s.name)), "kind": .int(Int64(Self.kind(s.kind))),
                                 "location": ["uri": .string(uri), "range": text.range(of: s.range, encoding: encoding).json]]
            if let container { o["containerName"] = .string(container) }
            flat.append(.object(o))
            for child in s.children { add(child, container: Self.name(s.name)) }
        }
        for s in symbols { add(s, container: nil) }
        return .array(flat)
    }

    private func nested(_ s: DocumentSymbol, text: PositionConverter) -> JSONValue {
        var o: JSONObject = ["name": .string(Self.name(s.name)), "kind": .int(Int64(Self.kind(s.kind)))]
        if let detail = s.detail { o["detail"] = .string(detail) }
        let range = s.range
        // The selection must lie inside the range.
        let lo = min(max(s.selectionRange.lowerBound, range.lowerBound), range.upperBound)
        let hi = min(max(s.selectionRange.upperBound, lo), range.upperBound)
        o["range"] = text.range(of: range, encoding: encoding).json
        o["selectionRange"] = text.range(of: lo..<hi, encoding: encoding).json
        if !s.children.isEmpty { o["children"] = .array(s.children.map { nested($0, text: text) }) }
        return .object(o)
    }

    /// A workspace symbol as `SymbolInformation` (understood by every
    /// client that asks for workspace symbols); nil when the text of its
    /// document is unknown.
    func workspaceSymbol(_ s: WorkspaceSymbol, text: PositionConverter?) -> JSONValue? {
        guard let text else { return nil }
        var o: JSONObject = ["name": .string(Self.name(s.name)), "kind": .int(Int64(Self.kind(s.kind))),
                             "location": ["uri": .string(s.location.uri),
                                          "range": text.range(of: s.location.range, encoding: encoding).json]]
        if let container = s.containerName { o["containerName"] = .string(container) }
        return .object(o)
    }
}
