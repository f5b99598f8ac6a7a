/// A hover: Markdown and the byte range it describes.
public struct HoverInfo: Sendable, Hashable {
    public var markdown: String
    public var range: Range<Int>
}

/// Hover summaries: an entry's record and what the document says about it,
/// a figure's reading, an incident's table, the document's summary.
public enum Hover {
    public static func hover(in document: DocumentAnalysis, at offset: Int, workspace: WorkspaceAnalysis,
                             gazetteer: Gazetteer) -> HoverInfo? {
        let tree = document.tree
        if let fm = tree.frontMatter, fm.range.contains(offset) {
            return HoverInfo(markdown: documentSummary(document, gazetteer: gazetteer), range: fm.range)
        }
        // An id in an attribute, or an actor/place tag.
        if let ref = document.reference(at: offset), ref.role != .tag || tree.tagIndex(at: offset).map({ tree.tags[$0].kind == .actor || tree.tags[$0].kind == .place }) == true {
            return HoverInfo(markdown: reference(ref, document: document, gazetteer: gazetteer), range: ref.range)
        }
        if let ti = tree.tagIndex(at: offset), let fi = document.figure(forTag: ti) {
            return HoverInfo(markdown: figure(fi, document: document, workspace: workspace), range: tree.tags[ti].range)
        }
        for (ii, inc) in document.incidents.enumerated() where inc.openingLine.lowerBound <= offset && offset <= inc.openingLine.upperBound {
            return HoverInfo(markdown: incident(ii, document: document, workspace: workspace, gazetteer: gazetteer), range: inc.openingLine)
        }
        return nil
    }

    static func line(_ document: DocumentAnalysis, _ offset: Int) -> Int {
        document.tree.lineIndex.line(containing: offset) + 1
    }

    // MARK: References

    static func reference(_ ref: Reference, document: DocumentAnalysis, gazetteer: Gazetteer) -> String {
        guard let id = ref.entryID, let e = gazetteer.entry(id: id) else {
            let what = ref.kind == .actor ? "actor" : "place"
            return "**\(ref.surface)**: no \(what) of the gazetteers matches. Give an id with `{\(what)=ID}` or add an entry to a project gazetteer."
        }
        var md = EntryMarkdown.render(e, gazetteer: gazetteer)
        md += "\n\n---\n\n**In this document**\n\n"
        let mentions = document.references.filter { $0.entryID == id }
        md += "- \(mentions.count) mention\(mentions.count == 1 ? "" : "s")"
        if ref.isInferred { md += " (this one resolved from the text '\(ref.surface)')" }
        md += "\n"
        if e.kind == .actor {
            let asPerpetrator = document.incidents.filter { $0.perpetrators.contains(id) }.map(\.id)
            let asVictim = document.incidents.filter { $0.victims.contains(id) }.map(\.id)
            if !asPerpetrator.isEmpty { md += "- perpetrator in: \(asPerpetrator.map { "`\($0)`" }.joined(separator: ", "))\n" }
            if !asVictim.isEmpty { md += "- victim in: \(asVictim.map { "`\($0)`" }.joined(separator: ", "))\n" }
            let by = casualties(document) { $0.by == id || ($0.by == nil && $0.incidentIndex.map { document.incidents[$0].perpetrators == [id] } == true) }
            let suffered = casualties(document) { $0.victim == id }
            if !by.isEmpty { md += "- casualties attributed to it: \(by)\n" }
            if !suffered.isEmpty { md += "- casualties it suffered: \(suffered)\n" }
        } else {
            let here = document.incidents.enumerated().filter { $0.element.places.contains(id) }
            for (_, inc) in here {
                let totals = IncidentTotal.totals(of: inc, figures: document.figures)
                let t = totals.map { "\($0.kind.rawValue) \($0.interval.display)" }.joined(separator: ", ")
                md += "- incident `\(inc.id)`\(inc.dateText.map { " (\($0))" } ?? "")\(t.isEmpty ? "" : ": \(t)")\n"
            }
        }
        return md
    }

    /// Sums per kind of the figures matching `include` (the low ends; open when any is open).
    static func casualties(_ document: DocumentAnalysis, _ include: (Figure) -> Bool) -> String {
        var sums: [TagKind: CountInterval] = [:]
        for f in document.figures where include(f) {
            guard let iv = f.interval else { continue }
            if let cur = sums[f.kind] {
                let hi: Int? = (cur.high != nil && iv.high != nil) ? cur.high! + iv.high! : nil
                sums[f.kind] = CountInterval(low: cur.low + iv.low, high: hi)
            } else {
                sums[f.kind] = iv
            }
        }
        return TagKind.figureKinds.compactMap { k in sums[k].map { "\(k.rawValue) \($0.display)" } }.joined(separator: ", ")
    }

    // MARK: Figures

    static func figure(_ fi: Int, document: DocumentAnalysis, workspace: WorkspaceAnalysis) -> String {
        let f = document.figures[fi]
        var md = "**\(f.kind.rawValue): \(f.interval?.display ?? "unknown")**"
        if let r = f.reading {
            md += "\n\nread from the words '\(r.words)'" + (r.isVague ? " (a vague quantity)" : "")
            if let g = f.given { md += "; the value given is \(g.display)" + (g.overlaps(r.interval) ? ", which agrees" : ", which disagrees") }
        } else if let g = f.given {
            md += "\n\ngiven as `\(g)`; no number in the text"
        }
        if let v = f.victim { md += "\n\nvictim: `\(v)` (a part of the incident's total)" } else { md += "\n\nrestates the incident's total" }
        if let b = f.by { md += " · by: `\(b)`" }
        guard let id = f.incidentID else {
            return md + "\n\nNot attached to an incident: move it into an incident block or add `in=ID`."
        }
        md += "\n\nincident `\(id)`" + (f.hasExplicitIncident ? " (from `in=`)" : "")
        if let ii = f.incidentIndex, let total = IncidentTotal.totals(of: document.incidents[ii], figures: document.figures).first(where: { $0.kind == f.kind }) {
            md += ": \(f.kind.rawValue) \(total.interval.display) from \(total.restatements.count + total.parts.count) figure\(total.restatements.count + total.parts.count == 1 ? "" : "s")"
            if let iv = f.interval {
                if f.isPart {
                    md += total.isInconsistent ? " — the parts do not fit the total" : " — this part fits the total"
                } else {
                    md += iv.overlaps(total.interval) ? " — this figure agrees" : " — this figure disagrees with the total"
                }
            }
        }
        return md
    }

    // MARK: Incidents

    static func incident(_ ii: Int, document: DocumentAnalysis, workspace: WorkspaceAnalysis, gazetteer: Gazetteer) -> String {
        let inc = document.incidents[ii]
        func names(_ ids: [String]) -> String {
            ids.isEmpty ? "—" : ids.map { gazetteer.entry(id: $0)?.name ?? $0 }.joined(separator: ", ")
        }
        var md = "**Incident `\(inc.id)`**\n\n| | |\n|---|---|\n"
        md += "| date | \(inc.dateText ?? "—") |\n"
        md += "| type | \(inc.type.map { $0.parent == nil ? $0.label : "\($0.eventType.label): \($0.label)" } ?? inc.typeText ?? "—") |\n"
        md += "| places | \(names(inc.places)) |\n"
        md += "| perpetrators | \(names(inc.perpetrators)) |\n"
        md += "| victims | \(names(inc.victims)) |\n"
        let totals = IncidentTotal.totals(of: inc, figures: document.figures)
        for t in totals {
            let lines = (t.restatements + t.parts).map { "line \(line(document, document.figures[$0].range.lowerBound))" }
            var cell = t.interval.display
            if let d = t.declared { cell += " (declared \(d))" }
            if !lines.isEmpty { cell += " — figures on \(lines.joined(separator: ", "))" }
            if t.isInconsistent { cell += " ⚠ inconsistent" }
            md += "| \(t.kind.rawValue) | \(cell) |\n"
        }
        let others = (workspace.incidentDefinitions[inc.id] ?? []).filter { $0.uri != document.uri }
        if !others.isEmpty {
            md += "\nAlso in: " + others.map { WorkspaceAnalysis.fileName($0.uri) }.joined(separator: ", ") + "\n"
        }
        return md
    }

    // MARK: Document

    static func documentSummary(_ document: DocumentAnalysis, gazetteer: Gazetteer) -> String {
        var md = "**\(document.tree.frontMatter?.entry("title")?.value ?? "Document")**\n\n"
        md += "- \(document.incidents.count) incident\(document.incidents.count == 1 ? "" : "s"), \(document.figures.count) figure\(document.figures.count == 1 ? "" : "s")\n"
        var sums: [TagKind: CountInterval] = [:]
        for inc in document.incidents {
            for t in IncidentTotal.totals(of: inc, figures: document.figures) {
                if let cur = sums[t.kind] {
                    let hi: Int? = (cur.high != nil && t.interval.high != nil) ? cur.high! + t.interval.high! : nil
                    sums[t.kind] = CountInterval(low: cur.low + t.interval.low, high: hi)
                } else {
                    sums[t.kind] = t.interval
                }
            }
        }
        let totals = TagKind.figureKinds.compactMap { k in sums[k].map { "\(k.rawValue) \($0.display)" } }
        if !totals.isEmpty { md += "- totals: \(totals.joined(separator: ", "))\n" }
        var actors: [String] = [], places: [String] = []
        for r in document.references {
            guard let id = r.entryID, let e = gazetteer.entry(id: id) else { continue }
            if r.kind == .actor { if !actors.contains(e.name) { actors.append(e.name) } } else if !places.contains(e.name) { places.append(e.name) }
        }
        if !actors.isEmpty { md += "- actors: \(actors.joined(separator: ", "))\n" }
        if !places.isEmpty { md += "- places: \(places.joined(separator: ", "))\n" }
        return md
    }
}
