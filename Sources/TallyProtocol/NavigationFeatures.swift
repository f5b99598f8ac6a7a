import TallyAnalysis

/// Go to definition, references, highlights, rename and symbols: requests
/// answered from `Navigation`, `Rename` and `Symbols`, translated to LSP.
extension LanguageFeatures {
    /// A file's text as the editor holds it when open there (with its
    /// version), otherwise as the disk holds it; nil when unreadable.
    static func fileText(path: String, documents: DocumentStore) -> (text: PositionConverter, version: Int?, uri: String)? {
        if let open = documents.all.first(where: { FileURI.path(of: $0.uri) == path }) {
            return (open.content, open.version, open.uri)
        }
        guard let bytes = try? SourceFile.read(path) else { return nil }
        return (PositionConverter(bytes: bytes), nil, FileURI.uri(ofPath: path))
    }

    func definition(_ params: JSONValue?, _ context: HandlerContext) throws -> JSONValue {
        let (document, _, offset) = try context.textDocumentPosition(params)
        try context.checkCancellation()
        guard let inputs = inputs(for: document) else { return .null }
        let encoding = context.positionEncoding
        var locations: [JSONValue] = []
        for target in Navigation.definition(in: inputs.analysis, at: offset, workspace: inputs.workspace, gazetteer: inputs.gazetteer) {
            switch target {
            case .location(let location):
                guard let text = inputs.text(of: location.uri) else { continue }
                locations.append(["uri": .string(location.uri), "range": text.range(of: location.range, encoding: encoding).json])
            case .gazetteerFile(let path, let line):
                let file = Self.fileText(path: path, documents: context.documents)
                let uri = file?.uri ?? FileURI.uri(ofPath: path)
                let range = file.map { f in f.text.range(of: f.text.contentRange(ofLine: line - 1), encoding: encoding) }
                    ?? LSPRange(start: Position(line: line - 1, character: 0), end: Position(line: line - 1, character: 0))
                locations.append(["uri": .string(uri), "range": range.json])
            case .embeddedEntry(let id):
                let start = Position(line: 0, character: 0)
                locations.append(["uri": .string(EmbeddedEntryDocument.uri(ofEntry: id)),
                                  "range": LSPRange(start: start, end: start).json])
            }
        }
        return .array(locations)
    }

    func references(_ params: JSONValue?, _ context: HandlerContext) throws -> JSONValue {
        let (document, _, offset) = try context.textDocumentPosition(params)
        try context.checkCancellation()
        guard let inputs = inputs(for: document) else { return .null }
        let includeDeclaration = params?[path: "context", "includeDeclaration"]?.bool ?? true
        let found = Navigation.references(in: inputs.analysis, at: offset, workspace: inputs.workspace,
                                          includeDeclaration: includeDeclaration)
        return .array(found.compactMap { location in
            guard let text = inputs.text(of: location.uri) else { return nil }
            return ["uri": .string(location.uri), "range": text.range(of: location.range, encoding: context.positionEncoding).json]
        })
    }

    func documentHighlight(_ params: JSONValue?, _ context: HandlerContext) throws -> JSONValue {
        let (document, _, offset) = try context.textDocumentPosition(params)
        try context.checkCancellation()
        guard let inputs = inputs(for: document) else { return .null }
        return .array(Navigation.highlights(in: inputs.analysis, at: offset).map { item in
            // DocumentHighlightKind: 2 Read for a mention, 3 Write for the incident's definition.
            ["range": document.range(of: item.range, encoding: context.positionEncoding).json,
             "kind": item.isDefinition ? 3 : 2]
        })
    }

    func prepareRename(_ params: JSONValue?, _ context: HandlerContext) throws -> JSONValue {
        let (document, _, offset) = try context.textDocumentPosition(params)
        try context.checkCancellation()
        guard let inputs = inputs(for: document) else { return .null }
        switch Rename.prepare(in: inputs.analysis, at: offset, gazetteer: inputs.gazetteer) {
        case .success(let found):
            return ["range": document.range(of: found.range, encoding: context.positionEncoding).json,
                    "placeholder": .string(found.placeholder)]
        case .failure(let refusal):
            throw ResponseError.requestFailed(refusal.message)
        }
    }

    func rename(_ params: JSONValue?, _ context: HandlerContext) throws -> JSONValue {
        let (document, _, offset) = try context.textDocumentPosition(params)
        guard let newName = params?["newName"]?.string else { throw ResponseError.invalidParams("missing newName") }
        try context.checkCancellation()
        guard let inputs = inputs(for: document) else { return .null }
        let plan: Rename.Plan
        switch Rename.rename(in: inputs.analysis, at: offset, to: newName, workspace: inputs.workspace, gazetteer: inputs.gazetteer) {
        case .success(let p): plan = p
        case .failure(let refusal): throw ResponseError.requestFailed(refusal.message)
        }
        var edits = plan.edits
        var extraText: [String: PositionConverter] = [:]
        var extraVersion: [String: Int] = [:]
        if let change = plan.gazetteerEdit {
            guard let file = Self.fileText(path: change.path, documents: context.documents) else {
                throw ResponseError.requestFailed("Cannot read the gazetteer file \(change.path) to rename '\(change.oldID)'.")
            }
            guard let field = GazetteerFileEditing.idFieldRange(in: file.text.bytes, line: change.line, id: change.oldID) else {
                throw ResponseError.requestFailed("Line \(change.line) of \(change.path) does not start with the id '\(change.oldID)' "
                    + "(the file changed, or it is not a Tally TSV gazetteer); nothing was renamed.")
            }
            edits[file.uri, default: []].append(TextEdit(range: field, newText: change.newID))
            extraText[file.uri] = file.text
            if let v = file.version { extraVersion[file.uri] = v }
        }
        let translation = WorkspaceEditTranslation(session: context.session)
        guard let edit = translation.workspaceEdit(edits, text: { extraText[$0] ?? inputs.text(of: $0) },
                                                   version: { extraVersion[$0] ?? inputs.version(of: $0) }) else {
            throw ResponseError.requestFailed("A document to change is no longer known to the server; nothing was renamed.")
        }
        return edit
    }

    func documentSymbol(_ params: JSONValue?, _ context: HandlerContext) throws -> JSONValue {
        let document = try context.textDocument(params)
        try context.checkCancellation()
        guard let inputs = inputs(for: document) else { return .null }
        let symbols = Symbols.outline(inputs.analysis, gazetteer: inputs.gazetteer)
        return SymbolTranslation(session: context.session).outline(symbols, uri: document.uri, text: document.content)
    }

    func workspaceSymbol(_ params: JSONValue?, _ context: HandlerContext) throws -> JSONValue {
        let query = params?["query"]?.string ?? ""
        coordinator.scheduler.queue.sync {}
        let snapshot = coordinator.snapshots.snapshot
        let translation = SymbolTranslation(session: context.session)
        var out: [JSONValue] = []
        for key in snapshot.projects.keys.sorted() {
            try context.checkCancellation()
            let project = snapshot.projects[key]!
            for symbol in Symbols.workspace(project.workspace, query: query, gazetteer: project.project.gazetteer) {
                if let item = translation.workspaceSymbol(symbol, text: snapshot.document(uri: symbol.location.uri)?.text) {
                    out.append(item)
                }
            }
        }
        return .array(out)
    }
}
