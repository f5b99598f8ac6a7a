import TallyAnalysis

/// Semantic tokens, folding and selection ranges, inlay hints, code lenses,
/// document links and formatting: requests answered from the analysis of the
/// requested text, translated to LSP.
extension LanguageFeatures {
    /// The range of `params.range` in bytes of `document`; InvalidParams when missing.
    static func byteRange(_ params: JSONValue?, in document: TextDocument, encoding: PositionEncoding) throws(ResponseError) -> Range<Int> {
        guard let range = LSPRange(json: params?["range"]) else { throw ResponseError.invalidParams("missing or invalid range") }
        return document.byteRange(of: range, encoding: encoding)
    }

    func semanticTokens(_ params: JSONValue?, _ context: HandlerContext, range: Bool) throws -> JSONValue {
        let document = try context.textDocument(params)
        let bytes = range ? try Self.byteRange(params, in: document, encoding: context.positionEncoding) : nil
        try context.checkCancellation()
        guard let inputs = inputs(for: document) else { return .null }
        let items = SemanticTokens.items(inputs.analysis.tree, in: bytes)
        let data = SemanticTokenEncoding(encoding: context.positionEncoding).encode(items, text: document.content)
        return ["data": .array(data.map { .int(Int64($0)) })]
    }

    func foldingRange(_ params: JSONValue?, _ context: HandlerContext) throws -> JSONValue {
        let document = try context.textDocument(params)
        try context.checkCancellation()
        guard let inputs = inputs(for: document) else { return .null }
        let text = document.content
        var out: [JSONValue] = []
        for region in Structure.foldingRegions(inputs.analysis.tree) {
            let first = text.line(containing: region.range.lowerBound)
            var last = text.line(containing: max(region.range.lowerBound, region.range.upperBound - 1))
            // A region that ends with its line break ends on that line.
            if last > first, text.lineStarts[last] == region.range.upperBound { last -= 1 }
            guard last > first else { continue }
            out.append(["startLine": .int(Int64(first)), "endLine": .int(Int64(last)), "kind": .string(region.kind.rawValue)])
        }
        return .array(out)
    }

    func selectionRange(_ params: JSONValue?, _ context: HandlerContext) throws -> JSONValue {
        let document = try context.textDocument(params)
        guard let positions = params?["positions"]?.array else { throw ResponseError.invalidParams("missing positions") }
        try context.checkCancellation()
        guard let inputs = inputs(for: document) else { return .null }
        var out: [JSONValue] = []
        for value in positions {
            guard let position = Position(json: value) else { throw ResponseError.invalidParams("invalid position \(value)") }
            let offset = document.offset(of: position, encoding: context.positionEncoding)
            // Innermost first; LSP nests each range in its `parent`.
            let ranges = Structure.selectionRanges(inputs.analysis.tree, at: offset)
            var chain: JSONValue? = nil
            for range in ranges.reversed() {
                var o: JSONObject = ["range": document.range(of: range, encoding: context.positionEncoding).json]
                if let parent = chain { o["parent"] = parent }
                chain = .object(o)
            }
            let empty = LSPRange(start: position, end: position)
            out.append(chain ?? ["range": empty.json])
        }
        return .array(out)
    }

    func inlayHint(_ params: JSONValue?, _ context: HandlerContext) throws -> JSONValue {
        let document = try context.textDocument(params)
        let range = try Self.byteRange(params, in: document, encoding: context.positionEncoding)
        try context.checkCancellation()
        guard let inputs = inputs(for: document) else { return .null }
        let settings = coordinator.settings
        let hints = InlayHints.hints(inputs.analysis, in: range, ids: settings.inlayHintIDs ?? true,
                                     counts: settings.inlayHintCounts ?? true)
        return .array(hints.map { hint in
            var o: JSONObject = ["position": document.position(of: hint.offset, encoding: context.positionEncoding).json,
                                 "label": .string(hint.label)]
            switch hint.kind {
            case .resolvedID: o["kind"] = 1  // Type: what the tag stands for
            case .count: o["paddingLeft"] = true
            }
            if let tooltip = hint.tooltip { o["tooltip"] = .string(tooltip) }
            return .object(o)
        })
    }

    func codeLens(_ params: JSONValue?, _ context: HandlerContext) throws -> JSONValue {
        let document = try context.textDocument(params)
        try context.checkCancellation()
        guard let inputs = inputs(for: document) else { return .null }
        return .array(CodeLenses.lenses(inputs.analysis, workspace: inputs.workspace).map { lens in
            // A lens that only informs: an empty command id, which clients show and do not run.
            ["range": document.range(of: lens.range, encoding: context.positionEncoding).json,
             "command": ["title": .string(lens.title), "command": ""]]
        })
    }

    func documentLink(_ params: JSONValue?, _ context: HandlerContext) throws -> JSONValue {
        let document = try context.textDocument(params)
        try context.checkCancellation()
        guard let inputs = inputs(for: document) else { return .null }
        return .array(DocumentLinks.links(inputs.analysis, gazetteer: inputs.gazetteer).map { link in
            ["range": document.range(of: link.range, encoding: context.positionEncoding).json,
             "target": .string(link.target), "tooltip": .string(link.tooltip)]
        })
    }

    func formatting(_ params: JSONValue?, _ context: HandlerContext, range: Bool) throws -> JSONValue {
        let document = try context.textDocument(params)
        let bytes = range ? try Self.byteRange(params, in: document, encoding: context.positionEncoding) : nil
        try context.checkCancellation()
        guard let inputs = inputs(for: document) else { return .null }
        let edits = Formatter.edits(for: inputs.analysis.tree, range: bytes)
        return WorkspaceEditTranslation(session: context.session).textEdits(edits, in: document.content)
    }
}
