/// Builds one `IncidentRecord` per incident id of a workspace.
///
/// Every incident block with the id, in every document, is a *statement*
/// about the incident; so is the set of `in=` figures of a document that has
/// no block for it. Statements are taken in document order (by URI), then in
/// block order. Per figure kind, each statement's total is the document's
/// `IncidentTotal`; the totals merge as follows:
/// - all overlap: the record keeps their common part (every claim holds);
/// - two cannot both be true, or a document contradicts itself: the record
///   keeps the smallest band holding every claim and sets `sourcesDisagree`,
///   and a note says who claims what. Nothing is ever averaged.
/// `best` is the low end of the band: the conservative estimate.
public enum IncidentRecords {
    /// The records of `workspace`, sorted by date (undated last), then by id.
    /// Only ids defined by at least one incident block give a record.
    public static func build(workspace: WorkspaceAnalysis, gazetteer: Gazetteer) -> [IncidentRecord] {
        var records: [IncidentRecord] = []
        records.reserveCapacity(workspace.incidentDefinitions.count)
        for id in workspace.incidentDefinitions.keys.sorted() {
            records.append(build(id: id, workspace: workspace, gazetteer: gazetteer))
        }
        return records.sorted { a, b in
            let ka = a.date?.start.earliestKey ?? Int.max
            let kb = b.date?.start.earliestKey ?? Int.max
            if ka != kb { return ka < kb }
            return a.id < b.id
        }
    }

    /// One document's view of the incident: a block, or `in=` figures alone.
    struct Statement {
        var document: DocumentAnalysis
        var incident: Incident
        /// True when this is a real block (false: `in=` figures of a document without one).
        var isBlock: Bool
        var location: IncidentRecord.SourceLocation
    }

    static func statements(of id: String, in workspace: WorkspaceAnalysis) -> [Statement] {
        var out: [Statement] = []
        let defined = Set((workspace.incidentDefinitions[id] ?? []).map(\.uri))
        for uri in workspace.uris {
            guard let doc = workspace.documents[uri] else { continue }
            if defined.contains(uri) {
                for inc in doc.incidents where inc.id == id {
                    out.append(Statement(document: doc, incident: inc, isBlock: true,
                                         location: .init(uri: uri, line: line(of: inc.openingLine.lowerBound, in: doc))))
                }
            } else {
                let linked = doc.figures.indices.filter { doc.figures[$0].incidentID == id && doc.figures[$0].incidentIndex == nil }
                guard let first = linked.first else { continue }
                let synthetic = Incident(blockIndex: -1, id: id, idRange: 0..<0, openingLine: 0..<0, range: 0..<0,
                                         date: nil, dateText: nil, type: nil, typeText: nil, places: [],
                                         perpetrators: [], victims: [], declared: [:], figureIndices: linked, note: nil)
                out.append(Statement(document: doc, incident: synthetic, isBlock: false,
                                     location: .init(uri: uri, line: line(of: doc.figures[first].range.lowerBound, in: doc))))
            }
        }
        return out
    }

    static func build(id: String, workspace: WorkspaceAnalysis, gazetteer: Gazetteer) -> IncidentRecord {
        let statements = statements(of: id, in: workspace)
        var record = IncidentRecord(id: id, date: nil, type: nil, perpetrators: [], victims: [], places: [],
                                    counts: [], figures: [], locations: [], sources: [], sourceURLs: [], notes: [])

        // Date, type, places, notes, actors named on incident lines.
        var perpetratorIDs: [String] = []
        var victimIDs: [String] = []
        var placeIDs: [String] = []
        for s in statements {
            let inc = s.incident
            if let d = inc.date {
                if var span = record.date {
                    if d.start.earliestKey < span.start.earliestKey { span.start = d.start }
                    if d.end.latestKey > span.end.latestKey { span.end = d.end }
                    record.date = span
                } else {
                    record.date = d
                }
            }
            if record.type == nil, let t = inc.type { record.type = t }
            appendNew(inc.places, to: &placeIDs)
            appendNew(inc.perpetrators, to: &perpetratorIDs)
            appendNew(inc.victims, to: &victimIDs)
            if let n = inc.note, !n.isEmpty, !record.notes.contains(n) { record.notes.append(n) }
        }

        // Figures, and the actors they name.
        for s in statements {
            let doc = s.document
            for fi in s.incident.figureIndices {
                let f = doc.figures[fi]
                guard let interval = f.interval else { continue }
                if let v = f.victim { appendNew([v], to: &victimIDs) }
                if let b = f.by { appendNew([b], to: &perpetratorIDs) }
                let (l, column) = position(of: f.range.lowerBound, in: doc)
                let note = doc.tree.tags[f.tagIndex].attribute("note").map(\.value).flatMap { $0.isEmpty ? nil : $0 }
                record.figures.append(IncidentRecord.SupportingFigure(
                    location: .init(uri: doc.uri, line: l), column: column, kind: f.kind, text: f.text,
                    interval: interval, victim: f.victim, by: f.by, note: note))
            }
        }
        // Two written ids may name one entry (`kayes` and `geonames:2455518`): keep it once.
        record.perpetrators = uniqueByID(perpetratorIDs.map { actor($0, gazetteer) }, id: \.id)
        record.victims = uniqueByID(victimIDs.map { actor($0, gazetteer) }, id: \.id)
        record.places = uniqueByID(placeIDs.map { place($0, gazetteer) }, id: \.id)

        // Where it is described, and by which sources.
        var seenDocuments: Set<String> = []
        for s in statements {
            if s.isBlock {
                record.locations.append(s.location)
            } else {
                for fi in s.incident.figureIndices {
                    let l = line(of: s.document.figures[fi].range.lowerBound, in: s.document)
                    let loc = IncidentRecord.SourceLocation(uri: s.document.uri, line: l)
                    if !record.locations.contains(loc) { record.locations.append(loc) }
                }
            }
            guard seenDocuments.insert(s.document.uri).inserted, let fm = s.document.tree.frontMatter else { continue }
            if let v = fm.entry("source")?.value, !v.isEmpty, !record.sources.contains(v) { record.sources.append(v) }
            if let v = fm.entry("url")?.value, !v.isEmpty, !record.sourceURLs.contains(v) { record.sourceURLs.append(v) }
        }

        // Counts.
        var perKind: [TagKind: [IncidentRecord.Statement]] = [:]
        for s in statements {
            for total in IncidentTotal.totals(of: s.incident, figures: s.document.figures) {
                let interval = total.isInconsistent ? widened(total, figures: s.document.figures) : total.interval
                perKind[total.kind, default: []].append(IncidentRecord.Statement(
                    location: s.location, interval: interval, isInconsistent: total.isInconsistent))
            }
        }
        for kind in TagKind.figureKinds {
            guard let said = perKind[kind], !said.isEmpty else { continue }
            let count = merge(kind, said)
            record.counts.append(count)
            if count.sourcesDisagree { record.notes.append(disputeNote(count)) }
        }
        return record
    }

    /// Merges the documents' totals of one kind: their common part when they
    /// all overlap and none contradicts itself, else the band holding all.
    static func merge(_ kind: TagKind, _ said: [IncidentRecord.Statement]) -> IncidentRecord.Count {
        var disagree = said.contains { $0.isInconsistent }
        var common: CountInterval? = said[0].interval
        for s in said.dropFirst() {
            if let c = common, let x = c.intersection(s.interval) { common = x } else { common = nil; disagree = true }
        }
        let band: CountInterval
        if !disagree, let common {
            band = common
        } else {
            band = said.dropFirst().reduce(said[0].interval) { $0.union($1.interval) }
        }
        return IncidentRecord.Count(kind: kind, low: band.low, best: band.low, high: band.high,
                                    sourcesDisagree: disagree, statements: said)
    }

    /// A self-contradicting total, widened to the declared total, every
    /// restatement and the sum of the parts.
    static func widened(_ total: IncidentTotal, figures: [Figure]) -> CountInterval {
        var band = total.interval
        if let d = total.declared { band = band.union(d) }
        for r in total.restatements { if let iv = figures[r].interval { band = band.union(iv) } }
        if let parts = IncidentTotal.sumOfParts(total.parts, figures: figures) { band = band.union(parts) }
        return band
    }

    /// `Sources disagree on killed: a.tally:3 gives 10; b.tally:8 gives 20 to 25.`
    static func disputeNote(_ count: IncidentRecord.Count) -> String {
        let claims = count.statements.map { s in
            "\(s.location.uri):\(s.location.line) gives \(words(s.interval))\(s.isInconsistent ? " (its own figures disagree)" : "")"
        }
        return "Sources disagree on \(count.kind.rawValue): \(claims.joined(separator: "; "))."
    }

    /// An interval in plain ASCII words: `10`, `130 or more`, `20 to 25`.
    public static func words(_ interval: CountInterval) -> String {
        switch interval.high {
        case nil: return "\(interval.low) or more"
        case let h? where h == interval.low: return "\(h)"
        case let h?: return "\(interval.low) to \(h)"
        }
    }

    // MARK: Gazetteer lookups

    static func actor(_ id: String, _ gazetteer: Gazetteer) -> IncidentRecord.Actor {
        if let e = gazetteer.entry(id: id), e.kind == .actor {
            return IncidentRecord.Actor(id: e.id, name: e.name, category: e.category)
        }
        return IncidentRecord.Actor(id: id, name: id, category: nil)
    }

    static func place(_ id: String, _ gazetteer: Gazetteer) -> IncidentRecord.Place {
        guard let e = gazetteer.entry(id: id), e.kind == .place else {
            return IncidentRecord.Place(id: id, name: id, countryCode: nil, country: nil, admin1: nil, admin2: nil,
                                        latitude: nil, longitude: nil, geoPrecision: nil)
        }
        let precision: Int
        switch e.category {
        case GazetteerCategory.country, GazetteerCategory.region: precision = 3
        case GazetteerCategory.district: precision = 2
        default: precision = 1
        }
        let country = e.countryCode.map { code in gazetteer.country(code: code)?.name ?? code }
        return IncidentRecord.Place(id: e.id, name: e.name, countryCode: e.countryCode, country: country,
                                    admin1: nonEmpty(e.admin1), admin2: nonEmpty(e.admin2),
                                    latitude: e.latitude, longitude: e.longitude, geoPrecision: precision)
    }

    // MARK: Helpers

    static func appendNew(_ items: [String], to list: inout [String]) {
        for item in items where !item.isEmpty && !list.contains(item) { list.append(item) }
    }

    static func uniqueByID<T>(_ items: [T], id: (T) -> String) -> [T] {
        var seen: Set<String> = []
        return items.filter { seen.insert(id($0)).inserted }
    }

    static func nonEmpty(_ s: String?) -> String? {
        guard let s, !s.isEmpty else { return nil }
        return s
    }

    static func line(of offset: Int, in doc: DocumentAnalysis) -> Int {
        doc.tree.lineIndex.line(containing: offset) + 1
    }

    /// One-based line, and one-based column in Unicode scalars.
    static func position(of offset: Int, in doc: DocumentAnalysis) -> (line: Int, column: Int) {
        let (l, byteColumn) = doc.tree.lineIndex.location(of: offset)
        let bytes = doc.tree.bytes
        let start = doc.tree.lineIndex.lineStarts[l]
        var scalars = 0
        var i = start
        let end = min(start + byteColumn, bytes.count)
        while i < end {
            if bytes[i] & 0xC0 != 0x80 { scalars += 1 }
            i += 1
        }
        return (l + 1, scalars + 1)
    }
}
