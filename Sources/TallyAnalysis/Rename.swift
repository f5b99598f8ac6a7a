/// Renaming incident ids and project-gazetteer ids across the workspace.
public enum Rename {
    public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// An id to change in a project gazetteer file (the protocol layer reads the file and makes the edit).
    public struct GazetteerFileEdit: Sendable, Hashable {
        public var path: String
        /// One-based line of the entry.
        public var line: Int
        public var oldID: String
        public var newID: String
    }

    public struct Plan: Sendable, Hashable {
        public var edits: [String: [TextEdit]]
        public var gazetteerEdit: GazetteerFileEdit?
    }

    /// The range to rename and its current text, or why it cannot be renamed.
    public static func prepare(in document: DocumentAnalysis, at offset: Int, gazetteer: Gazetteer) -> Result<(range: Range<Int>, placeholder: String), Refusal> {
        switch Navigation.symbol(in: document, at: offset) {
        case .incident(let id, let range)?:
            return .success((range, id))
        case .entry(_, let id, let range)?:
            guard let e = gazetteer.entry(id: id) else { return .failure(Refusal(message: "'\(id)' is not in any gazetteer.")) }
            if case .embedded = e.origin {
                return .failure(Refusal(message: "'\(e.id)' (\(e.name)) comes from the embedded gazetteer and cannot be renamed. Add an entry to a project gazetteer to use another id."))
            }
            let written = document.references.first { $0.entryID == id && ($0.idRange?.contains(offset) == true || $0.idRange?.upperBound == offset) }
            return .success((written?.idRange ?? range, e.id))
        case nil:
            return .failure(Refusal(message: "Nothing to rename here: place the cursor on an incident id or on a project-gazetteer id."))
        }
    }

    public static func rename(in document: DocumentAnalysis, at offset: Int, to newName: String, workspace: WorkspaceAnalysis,
                              gazetteer: Gazetteer) -> Result<Plan, Refusal> {
        guard IdentifierSyntax.isValid(newName) else {
            return .failure(Refusal(message: "'\(newName)' is not a valid id: use letters, digits, '-', '_', '.' or ':', starting with a letter or digit."))
        }
        if case .failure(let r) = prepare(in: document, at: offset, gazetteer: gazetteer) { return .failure(r) }
        var docs = workspace.uris.compactMap { workspace.documents[$0] }.map { $0.uri == document.uri ? document : $0 }
        if workspace.documents[document.uri] == nil { docs.append(document) }
        var edits: [String: [TextEdit]] = [:]
        switch Navigation.symbol(in: document, at: offset)! {
        case .incident(let id, _):
            for d in docs where d.incidents.contains(where: { $0.id == newName }) && newName != id {
                return .failure(Refusal(message: "An incident '\(newName)' already exists in \(WorkspaceAnalysis.fileName(d.uri)); renaming would merge two incidents."))
            }
            for d in docs {
                let locs = Navigation.mentions(of: .incident(id: id, range: 0..<0), in: d)
                if !locs.isEmpty { edits[d.uri] = locs.map { TextEdit(range: $0.range, newText: newName) } }
            }
            return .success(Plan(edits: edits, gazetteerEdit: nil))
        case .entry(_, let id, _):
            let e = gazetteer.entry(id: id)!
            if newName != id, gazetteer.entry(id: newName) != nil {
                return .failure(Refusal(message: "The id '\(newName)' is already used by another gazetteer entry."))
            }
            for d in docs {
                var list: [TextEdit] = []
                for r in d.references where r.entryID == id {
                    if let ir = r.idRange, r.writtenID != nil { list.append(TextEdit(range: ir, newText: newName)) }
                }
                if !list.isEmpty { edits[d.uri] = list }
            }
            guard case .file(let path, let line) = e.origin else { return .failure(Refusal(message: "Embedded entries cannot be renamed.")) }
            return .success(Plan(edits: edits, gazetteerEdit: GazetteerFileEdit(path: path, line: line, oldID: e.id, newID: newName)))
        }
    }
}
