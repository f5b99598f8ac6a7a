/// An outline entry: incidents, with their figures and places as children.
public struct DocumentSymbol: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case incident, figure, place, actor, frontMatter }
    public var name: String
    public var detail: String?
    public var kind: Kind
    /// The whole construct.
    public var range: Range<Int>
    /// The part to select and reveal (the id, the tag text).
    public var selectionRange: Range<Int>
    public var children: [DocumentSymbol]
}

/// A symbol of the whole workspace, for "go to symbol in workspace".
public struct WorkspaceSymbol: Sendable, Hashable {
    public var name: String
    public var kind: DocumentSymbol.Kind
    public var location: Location
    public var containerName: String?
}

public enum Symbols {
    public static func outline(_ document: DocumentAnalysis, gazetteer: Gazetteer) -> [DocumentSymbol] {
        let tree = document.tree
        var out: [DocumentSymbol] = []
        if let fm = tree.frontMatter {
            out.append(DocumentSymbol(name: fm.entry("title")?.value ?? "front matter", detail: fm.entry("published")?.value,
                                      kind: .frontMatter, range: fm.range, selectionRange: fm.range.lowerBound..<min(fm.range.upperBound, 3), children: []))
        }
        for (ii, inc) in document.incidents.enumerated() {
            var children: [DocumentSymbol] = []
            let totals = IncidentTotal.totals(of: inc, figures: document.figures)
            for fi in inc.figureIndices {
                let f = document.figures[fi]
                let tag = tree.tags[f.tagIndex]
                children.append(DocumentSymbol(name: "\(f.kind.rawValue) \(f.interval?.display ?? "?")", detail: f.text, kind: .figure,
                                               range: f.range, selectionRange: tag.textRange, children: []))
            }
            for r in document.references where r.incidentIndex == ii && r.role == .tag {
                let name = r.entryID.flatMap { gazetteer.entry(id: $0)?.name } ?? r.surface
                children.append(DocumentSymbol(name: name, detail: r.entryID, kind: r.kind == .place ? .place : .actor,
                                               range: r.range, selectionRange: tree.tags[r.tagIndex!].textRange, children: []))
            }
            children.sort { $0.range.lowerBound < $1.range.lowerBound }
            let detail = ([inc.dateText].compactMap { $0 } + totals.map { "\($0.kind.rawValue) \($0.interval.display)" }).joined(separator: " · ")
            out.append(DocumentSymbol(name: inc.id, detail: detail.isEmpty ? nil : detail, kind: .incident, range: inc.range,
                                      selectionRange: inc.idRange, children: children))
        }
        return out
    }

    /// Incidents, actors and places in use, matching `query` fuzzily (its letters in order, case- and accent-insensitive).
    public static func workspace(_ workspace: WorkspaceAnalysis, query: String, gazetteer: Gazetteer, limit: Int = 200) -> [WorkspaceSymbol] {
        let q = Array(TextFolding.fold(query).utf8.filter { $0 != 0x20 })
        var scored: [(Int, WorkspaceSymbol)] = []
        var seenEntries: Set<String> = []
        for uri in workspace.uris {
            guard let d = workspace.documents[uri] else { continue }
            for inc in d.incidents {
                if let s = fuzzyScore(q, inc.id) {
                    scored.append((s, WorkspaceSymbol(name: inc.id, kind: .incident, location: Location(uri: uri, range: inc.idRange),
                                                      containerName: WorkspaceAnalysis.fileName(uri))))
                }
            }
            for r in d.references {
                guard let id = r.entryID, !seenEntries.contains(id), let e = gazetteer.entry(id: id) else { continue }
                let s = fuzzyScore(q, e.name) ?? fuzzyScore(q, id)
                guard let s else { continue }
                seenEntries.insert(id)
                let range = r.role == .tag ? d.tree.tags[r.tagIndex!].textRange : r.range
                scored.append((s, WorkspaceSymbol(name: e.name, kind: e.kind == .place ? .place : .actor,
                                                  location: Location(uri: uri, range: range), containerName: id)))
            }
        }
        return scored.sorted { ($0.0, $0.1.name) < ($1.0, $1.1.name) }.prefix(limit).map(\.1)
    }

    /// Lower is better; nil when the query's letters do not all appear in order.
    static func fuzzyScore(_ q: [UInt8], _ candidate: String) -> Int? {
        if q.isEmpty { return 0 }
        let c = Array(TextFolding.fold(candidate).utf8)
        var i = 0, gaps = 0, last = -1, first = -1
        for (j, b) in c.enumerated() where i < q.count && b == q[i] {
            if first < 0 { first = j }
            if last >= 0 { gaps += j - last - 1 }
            last = j
            i += 1
        }
        guard i == q.count else { return nil }
        return first * 2 + gaps + (c.count - q.count)
    }
}
