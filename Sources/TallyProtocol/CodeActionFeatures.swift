import TallySyntax
import TallyAnalysis

/// Code actions: the quick fixes of the diagnostics under the selection
/// (derived again from the analysis of the requested text, not taken from
/// the client), "Add ... to the project gazetteer" for unknown names when
/// the project has a Tally TSV gazetteer file, and the refactorings of
/// `CodeActions`. Each action carries its `WorkspaceEdit`; none is sent when
/// one of its documents is unknown.
extension LanguageFeatures {
    static let addToGazetteerRules: Set<String> = ["unknown-place", "unknown-actor"]

    /// Whether an action of `kind` passes the client's `only` filter
    /// (a kind matches itself and its sub-kinds: `refactor` admits
    /// `refactor.rewrite`).
    static func admits(_ only: [String]?, _ kind: String) -> Bool {
        guard let only else { return true }
        return only.contains { kind == $0 || kind.hasPrefix($0 + ".") }
    }

    func codeAction(_ params: JSONValue?, _ context: HandlerContext) throws -> JSONValue {
        let document = try context.textDocument(params)
        let selection = try Self.byteRange(params, in: document, encoding: context.positionEncoding)
        let only = params?[path: "context", "only"]?.array?.compactMap(\.string)
        try context.checkCancellation()
        guard let inputs = inputs(for: document) else { return .null }
        let translation = WorkspaceEditTranslation(session: context.session)
        let conversion = DiagnosticConversion(session: context.session)
        var actions: [JSONValue] = []
        var seen: Set<String> = []

        func add(title: String, kind: String, edits: [String: [TextEdit]], diagnostic: JSONValue?, preferred: Bool = false,
                 text: (String) -> PositionConverter? = { inputs.text(of: $0) },
                 version: (String) -> Int? = { inputs.version(of: $0) }) {
            guard Self.admits(only, kind), let edit = translation.workspaceEdit(edits, text: text, version: version) else { return }
            // The same fix offered by several diagnostics ("tag all mentions") is listed once.
            guard seen.insert(title + "\u{0}" + edit.description).inserted else { return }
            var o: JSONObject = ["title": .string(title), "kind": .string(kind)]
            if let diagnostic { o["diagnostics"] = [diagnostic] }
            if preferred { o["isPreferred"] = true }
            o["edit"] = edit
            actions.append(.object(o))
        }

        let touching = inputs.diagnostics.filter {
            $0.range.lowerBound <= selection.upperBound && selection.lowerBound <= $0.range.upperBound
        }
        let gazetteerFile = Self.addToGazetteerRules.isDisjoint(with: touching.map(\.rule)) ? nil
            : projectTSVGazetteer(inputs.project, documents: context.documents)
        for d in touching {
            try context.checkCancellation()
            let lsp = conversion.convert(d, text: document.content, textOf: { inputs.text(of: $0) })
            for fix in d.fixes {
                add(title: fix.title, kind: "quickfix", edits: fix.edits, diagnostic: lsp,
                    preferred: fix.isSafe && d.fixes.count == 1)
            }
            if Self.addToGazetteerRules.contains(d.rule), let file = gazetteerFile,
               let entry = Self.newEntry(for: d, in: inputs.analysis, gazetteer: inputs.gazetteer),
               let row = GazetteerFileEditing.appendRow(to: file.text.bytes, id: entry.id, name: entry.name, kind: entry.kind) {
                let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
                add(title: "Add '\(entry.name)' to the project gazetteer \(name) as \(entry.kind.rawValue) '\(entry.id)'",
                    kind: "quickfix", edits: [file.uri: [row]], diagnostic: lsp,
                    text: { $0 == file.uri ? file.text : inputs.text(of: $0) },
                    version: { $0 == file.uri ? file.version : inputs.version(of: $0) })
            }
        }
        for refactoring in CodeActions.refactorings(inputs.analysis, selection: selection) {
            add(title: refactoring.title, kind: refactoring.kind, edits: refactoring.edits, diagnostic: nil)
        }
        return .array(actions)
    }

    /// The first gazetteer file of the project that is a Tally TSV file,
    /// with its text (the editor's when open there).
    func projectTSVGazetteer(_ project: ServiceProject, documents: DocumentStore)
        -> (path: String, uri: String, text: PositionConverter, version: Int?)? {
        for path in project.configuration.gazetteers {
            guard let file = Self.fileText(path: path, documents: documents),
                  GazetteerFileEditing.header(of: file.text.bytes) != nil else { continue }
            return (path, file.uri, file.text, file.version)
        }
        return nil
    }

    /// The entry an unknown-name diagnostic asks for: the written id, or an
    /// id made from the tag's text; its name is the tag's text. Nil when the
    /// id is taken or cannot be made.
    static func newEntry(for diagnostic: Diagnostic, in analysis: DocumentAnalysis, gazetteer: Gazetteer)
        -> (id: String, name: String, kind: GazetteerEntryKind)? {
        guard let reference = analysis.references.first(where: {
            $0.role == .tag && $0.entryID == nil
                && $0.range.lowerBound <= diagnostic.range.lowerBound && diagnostic.range.upperBound <= $0.range.upperBound
        }) else { return nil }
        let name = reference.surface.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(separator: " ")
        let id = reference.writtenID ?? GazetteerSlug.slug(name)
        guard !name.isEmpty, IdentifierSyntax.isValid(id), gazetteer.entry(id: id) == nil else { return nil }
        return (id, name, reference.kind)
    }
}
