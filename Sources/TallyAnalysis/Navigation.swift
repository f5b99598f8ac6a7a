/// A range in a document of the workspace.
public struct Location: Sendable, Hashable {
    public var uri: String
    public var range: Range<Int>

    public init(uri: String, range: Range<Int>) {
        self.uri = uri
        self.range = range
    }
}

/// What a name under the cursor stands for.
public enum SymbolAtCursor: Sendable, Hashable {
    /// A gazetteer entry (by resolved id), mentioned at `range`.
    case entry(kind: GazetteerEntryKind, id: String, range: Range<Int>)
    /// An incident id, at `range` (on its opening line or in `in=`).
    case incident(id: String, range: Range<Int>)
}

/// Where a definition lives.
public enum DefinitionTarget: Sendable, Hashable {
    case location(Location)
    /// A line of a project gazetteer file (one-based).
    case gazetteerFile(path: String, line: Int)
    /// An entry of the embedded gazetteer, shown read-only by the server.
    case embeddedEntry(id: String)
}

/// Go to definition, find references, document highlights.
public enum Navigation {
    public static func symbol(in document: DocumentAnalysis, at offset: Int) -> SymbolAtCursor? {
        let tree = document.tree
        for inc in document.incidents where inc.idRange.lowerBound <= offset && offset <= inc.idRange.upperBound {
            return .incident(id: inc.id, range: inc.idRange)
        }
        if let ti = tree.tagIndex(at: offset), let a = tree.tags[ti].attribute("in"), let vr = a.valueRange,
           vr.lowerBound <= offset && offset <= vr.upperBound, !a.value.isEmpty {
            return .incident(id: a.value, range: vr)
        }
        if let ref = document.reference(at: offset), let id = ref.entryID {
            return .entry(kind: ref.kind, id: id, range: ref.idRange.flatMap { $0.contains(offset) || $0.upperBound == offset ? $0 : nil } ?? ref.range)
        }
        return nil
    }

    public static func definition(in document: DocumentAnalysis, at offset: Int, workspace: WorkspaceAnalysis,
                                  gazetteer: Gazetteer) -> [DefinitionTarget] {
        switch symbol(in: document, at: offset) {
        case .incident(let id, _)?:
            var out: [DefinitionTarget] = []
            if let i = document.incident(id: id) {
                out.append(.location(Location(uri: document.uri, range: document.incidents[i].openingLine)))
            }
            for loc in workspace.incidentDefinitions[id] ?? [] where loc.uri != document.uri {
                if let doc = workspace.documents[loc.uri] {
                    out.append(.location(Location(uri: loc.uri, range: doc.incidents[loc.index].openingLine)))
                }
            }
            return out
        case .entry(_, let id, _)?:
            guard let e = gazetteer.entry(id: id) else { return [] }
            switch e.origin {
            case .embedded: return [.embeddedEntry(id: e.id)]
            case .file(let path, let line): return [.gazetteerFile(path: path, line: line)]
            }
        case nil:
            return []
        }
    }

    /// Every mention of the symbol under the cursor across the workspace, in document order.
    public static func references(in document: DocumentAnalysis, at offset: Int, workspace: WorkspaceAnalysis,
                                  includeDeclaration: Bool = true) -> [Location] {
        guard let s = symbol(in: document, at: offset) else { return [] }
        var docs = workspace.uris.compactMap { workspace.documents[$0] }
        if workspace.documents[document.uri] == nil { docs.append(document) } else {
            docs = docs.map { $0.uri == document.uri ? document : $0 }
        }
        var out: [Location] = []
        for d in docs { out += mentions(of: s, in: d, includeDeclaration: includeDeclaration) }
        return out
    }

    /// The mentions of `symbol` in one document.
    public static func mentions(of symbol: SymbolAtCursor, in d: DocumentAnalysis, includeDeclaration: Bool = true) -> [Location] {
        var out: [Location] = []
        switch symbol {
        case .incident(let id, _):
            if includeDeclaration {
                for inc in d.incidents where inc.id == id { out.append(Location(uri: d.uri, range: inc.idRange)) }
            }
            for f in d.figures where f.hasExplicitIncident && f.incidentID == id {
                if let vr = d.tree.tags[f.tagIndex].attribute("in")?.valueRange { out.append(Location(uri: d.uri, range: vr)) }
            }
        case .entry(_, let id, _):
            for r in d.references where r.entryID == id {
                let range = r.role == .tag ? d.tree.tags[r.tagIndex!].textRange : r.range
                out.append(Location(uri: d.uri, range: range))
            }
        }
        return out.sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    /// Highlights in this document: (range, is it the definition/write).
    public static func highlights(in document: DocumentAnalysis, at offset: Int) -> [(range: Range<Int>, isDefinition: Bool)] {
        guard let s = symbol(in: document, at: offset) else { return [] }
        let defs: Set<Int>
        if case .incident(let id, _) = s {
            defs = Set(document.incidents.filter { $0.id == id }.map(\.idRange.lowerBound))
        } else {
            defs = []
        }
        return mentions(of: s, in: document).map { ($0.range, defs.contains($0.range.lowerBound)) }
    }
}
