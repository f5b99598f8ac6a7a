/// Everything Tally knows about one document on its own: its tree, the
/// resolved references, the figures, the incidents and the document-local
/// diagnostics. A pure function of (uri, bytes, gazetteer, settings).
public struct DocumentAnalysis: Sendable {
    public let uri: String
    public let tree: SyntaxTree
    public let language: DocumentLanguage
    public let published: PartialDate?
    public let references: [Reference]
    public let figures: [Figure]
    public let incidents: [Incident]
    /// Diagnostics of this document alone, severities already settled by the settings.
    public let diagnostics: [Diagnostic]
    /// Countries and (folded) first-level regions of the places the document resolves, for ranking.
    public let countries: Set<String>
    public let regions: Set<String>

    public static func analyze(uri: String, text: String, gazetteer: Gazetteer, settings: AnalysisSettings = .default) -> DocumentAnalysis {
        analyze(uri: uri, tree: SyntaxTree.parse(text), gazetteer: gazetteer, settings: settings)
    }

    public static func analyze(uri: String, bytes: [UInt8], gazetteer: Gazetteer, settings: AnalysisSettings = .default) -> DocumentAnalysis {
        analyze(uri: uri, tree: SyntaxTree.parse(bytes: bytes), gazetteer: gazetteer, settings: settings)
    }

    public static func analyze(uri: String, tree: SyntaxTree, gazetteer: Gazetteer, settings: AnalysisSettings = .default) -> DocumentAnalysis {
        var a = DocumentAnalyzer(uri: uri, tree: tree, gazetteer: gazetteer)
        a.computeHints = settings.computeHints && settings.severity(of: "untagged-mention") != nil
        a.run()
        let diagnostics = a.findings.compactMap { d -> Diagnostic? in
            guard let s = settings.severity(of: d.rule) else { return nil }
            var d = d
            d.severity = s
            return d
        }.sorted { ($0.range.lowerBound, $0.rule) < ($1.range.lowerBound, $1.rule) }
        var countries: Set<String> = []
        var regions: Set<String> = []
        var seen: Set<String> = []
        for r in a.references where r.kind == .place {
            guard let id = r.entryID, seen.insert(id).inserted, let e = gazetteer.entry(id: id) else { continue }
            if let c = e.countryCode { countries.insert(c) }
            if let a1 = e.admin1 { regions.insert(TextFolding.fold(a1)) }
        }
        return DocumentAnalysis(uri: uri, tree: tree, language: a.language, published: a.published,
                                references: a.references, figures: a.figures, incidents: a.incidents,
                                diagnostics: diagnostics, countries: countries, regions: regions)
    }

    /// Index of the incident with `id` in this document.
    public func incident(id: String) -> Int? { incidents.firstIndex { $0.id == id } }

    /// The figure made by tag `tagIndex`, if any.
    public func figure(forTag tagIndex: Int) -> Int? {
        figures.firstIndex { $0.tagIndex == tagIndex }
    }

    /// The reference at `offset` (a tag or an id in an attribute).
    public func reference(at offset: Int) -> Reference? {
        var best: Reference? = nil
        for r in references where r.range.lowerBound <= offset && offset <= r.range.upperBound {
            if let b = best, b.range.count <= r.range.count { continue }
            best = r
        }
        return best
    }
}

/// The worker behind `DocumentAnalysis.analyze`.
struct DocumentAnalyzer {
    let uri: String
    let tree: SyntaxTree
    let gazetteer: Gazetteer
    var language: DocumentLanguage = .english
    var published: PartialDate?
    var references: [Reference] = []
    var figures: [Figure] = []
    var incidents: [Incident] = []
    var findings: [Diagnostic] = []
    var countries: Set<String> = []
    var computeHints = true
    /// Resolutions already made in this document: names repeat, and a miss costs a fuzzy search.
    var textResolutions: [TextKey: GazetteerResolution] = [:]

    struct TextKey: Hashable {
        var text: String
        var kind: GazetteerEntryKind
    }

    mutating func resolveCached(_ text: String, kind: GazetteerEntryKind) -> GazetteerResolution {
        let key = TextKey(text: text, kind: kind)
        if let r = textResolutions[key] { return r }
        let r = gazetteer.resolve(text, kind: kind, context: countries)
        textResolutions[key] = r
        return r
    }
    /// Incident index by block index and by id (first definition), for constant-time lookups.
    var incidentOfBlock: [Int: Int] = [:]
    var incidentByID: [String: Int] = [:]

    init(uri: String, tree: SyntaxTree, gazetteer: Gazetteer) {
        self.uri = uri
        self.tree = tree
        self.gazetteer = gazetteer
    }

    mutating func report(_ rule: String, _ range: Range<Int>, _ message: String,
                         related: [RelatedLocation] = [], fixes: [Fix] = []) {
        let sev = RuleCatalog.info(rule)?.defaultSeverity ?? .error
        findings.append(Diagnostic(rule: rule, severity: sev, range: range, message: message, related: related, fixes: fixes))
    }

    mutating func run() {
        for d in tree.diagnostics {
            findings.append(Diagnostic(rule: d.rule, severity: d.severity, range: d.range, message: d.message))
        }
        readFrontMatter()
        collectIncidents()
        collectCountryContext()
        resolveTags()
        resolveIncidentAttributes()
        checkIncidentDates()
        var rules = CountConsistency(analyzer: self)
        rules.check()
        findings += rules.findings
        if computeHints {
            findings += UntaggedMentions.find(uri: uri, tree: tree, references: references)
        }
    }

    // MARK: Front matter

    mutating func readFrontMatter() {
        guard let fm = tree.frontMatter else { return }
        for e in fm.entries {
            if !FrontMatterKey.keys.contains(e.key) {
                let hint = Suggest.closest(e.key, among: FrontMatterKey.keys).map { " Did you mean '\($0)'?" } ?? ""
                report("unknown-front-matter-key", e.keyRange, "Unknown front-matter key '\(e.key)'.\(hint) Known keys: \(FrontMatterKey.keys.joined(separator: ", ")).")
            }
            switch e.key {
            case "language":
                if let l = DocumentLanguage(rawValue: e.value.lowercased()) {
                    language = l
                } else {
                    report("bad-front-matter", e.valueRange, "language must be 'en' or 'fr', not '\(e.value)'.")
                }
            case "published":
                if let d = DateSyntax.parseDate(e.value, requireDay: true) {
                    published = d
                } else {
                    report("malformed-date", e.valueRange, "published must be a date YYYY-MM-DD, not '\(e.value)'.")
                }
            default:
                break
            }
        }
    }

    // MARK: Incidents

    mutating func collectIncidents() {
        var firstByID: [String: Int] = [:]
        for (bi, block) in tree.incidents.enumerated() where block.blockType == "incident" && !block.id.isEmpty {
            var inc = Incident(blockIndex: bi, id: block.id, idRange: block.idRange, openingLine: block.openingLine,
                               range: block.range, date: nil, dateText: nil, type: nil, typeText: nil,
                               places: [], perpetrators: [], victims: [], declared: [:], figureIndices: [], note: nil)
            for a in block.attributes {
                switch a.key {
                case "date":
                    inc.dateText = a.value
                    inc.date = DateSyntax.parseSpan(a.value)
                case "type":
                    inc.typeText = a.value
                    inc.type = EventType.named(a.value)
                    if inc.type == nil && IdentifierSyntax.isValid(a.value) {
                        let ids = EventType.all.map(\.id)
                        let hint = Suggest.closest(a.value, among: ids).map { " Did you mean '\($0)'?" } ?? ""
                        report("unknown-event-type", a.valueRange ?? a.range, "'\(a.value)' is not an event type.\(hint) See the event types in the language reference.")
                    }
                case "place": inc.places = a.listItems.map(\.value)
                case "by": inc.perpetrators = a.listItems.map(\.value)
                case "victim": inc.victims = a.listItems.map(\.value)
                case "note": inc.note = a.value
                default:
                    if let k = TagKind(rawValue: a.key), k.isFigure, let c = CountInterval.parse(a.value), inc.declared[k] == nil {
                        inc.declared[k] = Incident.DeclaredTotal(interval: c, range: a.valueRange ?? a.range)
                    }
                }
            }
            incidentOfBlock[bi] = incidents.count
            if let first = firstByID[block.id] {
                let other = incidents[first]
                report("duplicate-incident", block.idRange,
                       "The incident id '\(block.id)' is already used on line \(tree.lineIndex.line(containing: other.idRange.lowerBound) + 1); ids are unique within a document.",
                       related: [RelatedLocation(uri: uri, range: other.idRange, message: "first use of '\(block.id)'")])
            } else {
                firstByID[block.id] = incidents.count
            }
            incidents.append(inc)
        }
        incidentByID = firstByID
    }

    /// The countries of places this document names by id, used to prefer candidates when text is ambiguous.
    mutating func collectCountryContext() {
        for inc in incidents {
            for p in inc.places {
                if let e = gazetteer.entry(id: p), let c = e.countryCode { countries.insert(c) }
            }
        }
        for tag in tree.tags where tag.kind == .place {
            if let v = tag.value, let e = gazetteer.entry(id: v), let c = e.countryCode { countries.insert(c) }
        }
    }

    func localIncident(forBlock block: Int?) -> Int? {
        guard let block else { return nil }
        return incidentOfBlock[block]
    }

    // MARK: Tags

    mutating func resolveTags() {
        for (ti, tag) in tree.tags.enumerated() {
            guard let kind = tag.kind, tag.isClosed || !tag.kindName.isEmpty else { continue }
            let incidentIndex = localIncident(forBlock: tag.enclosingIncident)
            switch kind {
            case .actor, .place:
                resolveEntityTag(ti, tag, kind == .actor ? .actor : .place, incidentIndex)
            default:
                addFigure(ti, tag, kind, incidentIndex)
            }
        }
        for (fi, f) in figures.enumerated() {
            if let ii = f.incidentIndex { incidents[ii].figureIndices.append(fi) }
        }
    }

    mutating func resolveEntityTag(_ ti: Int, _ tag: Tag, _ kind: GazetteerEntryKind, _ incidentIndex: Int?) {
        let text = tree.tagText(tag)
        var ref = Reference(kind: kind, role: .tag, range: tag.range, surface: text, writtenID: tag.value,
                            idRange: tag.valueRange, entryID: nil, isInferred: tag.value == nil, tagIndex: ti,
                            incidentIndex: incidentIndex)
        if let id = tag.value, let idRange = tag.valueRange {
            ref.entryID = resolveID(id, kind: kind, range: idRange)
        } else {
            ref.entryID = resolveText(text, kind: kind, range: tag.textRange, tag: tag)
        }
        references.append(ref)
    }

    /// Resolves a written id; reports unknown ids. Returns the entry id.
    mutating func resolveID(_ id: String, kind: GazetteerEntryKind, range: Range<Int>) -> String? {
        guard IdentifierSyntax.isValid(id) else { return nil }
        if let e = gazetteer.entry(id: id) {
            if e.kind == kind { return e.id }
            let rule = kind == .actor ? "unknown-actor" : "unknown-place"
            report(rule, range, "'\(id)' is \(e.kind == .actor ? "an actor" : "a place") (\(e.name)), not \(kind == .actor ? "an actor" : "a place").")
            return nil
        }
        let rule = kind == .actor ? "unknown-actor" : "unknown-place"
        let spaced = id.replacingOccurrences(of: "-", with: " ")
        var suggestions: [GazetteerEntry] = []
        switch resolveCached(spaced, kind: kind) {
        case .resolved(let e): suggestions = [e]
        case .ambiguous(let es): suggestions = es
        case .unknown(let s): suggestions = s
        }
        let fixes = suggestions.prefix(3).map { e in
            Fix(title: "Use '\(e.id)' (\(e.name))", edits: [uri: [TextEdit(range: range, newText: e.id)]], isSafe: false)
        }
        let hint = suggestions.isEmpty ? "" : " Did you mean \(suggestions.prefix(3).map { "'\($0.id)' (\($0.name))" }.joined(separator: ", "))?"
        report(rule, range, "No \(kind == .actor ? "actor" : "place") has the id '\(id)'.\(hint) Add it to a project gazetteer if it is missing.", fixes: Array(fixes))
        return nil
    }

    /// Resolves tag text (no `=id`); reports unknown and ambiguous text.
    mutating func resolveText(_ text: String, kind: GazetteerEntryKind, range: Range<Int>, tag: Tag) -> String? {
        let what = kind == .actor ? "actor" : "place"
        switch resolveCached(text, kind: kind) {
        case .resolved(let e):
            return e.id
        case .ambiguous(let candidates):
            let list = candidates.prefix(5).map { "'\($0.id)' (\(describe($0)))" }.joined(separator: ", ")
            let fixes = candidates.prefix(8).map { e in
                Fix(title: "Use '\(e.id)' (\(describe(e)))", edits: [uri: [TextEdit(range: tag.kindRange.upperBound..<tag.kindRange.upperBound, newText: "=\(e.id)")]], isSafe: false)
            }
            report("ambiguous-\(what)", range, "'\(text)' names \(candidates.count) \(what)s: \(list). Say which with {\(what)=ID}.", fixes: Array(fixes))
            return nil
        case .unknown(let suggestions):
            let hint = suggestions.isEmpty ? "" : " Did you mean \(suggestions.prefix(3).map { "'\($0.id)' (\($0.name))" }.joined(separator: ", "))?"
            let fixes = suggestions.prefix(3).map { e in
                Fix(title: "Use '\(e.id)' (\(e.name))", edits: [uri: [TextEdit(range: tag.kindRange.upperBound..<tag.kindRange.upperBound, newText: "=\(e.id)")]], isSafe: false)
            }
            report("unknown-\(what)", range, "No \(what) in the gazetteers is called '\(text)'.\(hint) Give the id with {\(what)=ID} or add it to a project gazetteer.", fixes: Array(fixes))
            return nil
        }
    }

    func describe(_ e: GazetteerEntry) -> String {
        var parts = [e.category]
        if let a = e.admin1, !a.isEmpty { parts.append(a) }
        if let c = e.countryCode, !c.isEmpty { parts.append(c) }
        return parts.joined(separator: ", ")
    }

    mutating func addFigure(_ ti: Int, _ tag: Tag, _ kind: TagKind, _ enclosing: Int?) {
        let text = tree.tagText(tag)
        let given = tag.value.flatMap { CountInterval.parse($0) }
        let reading = CountReader.read(text, language: language)
        var readingRange: Range<Int>? = nil
        if let r = reading {
            let base = tag.textRange.lowerBound
            let lo = min(base + r.range.lowerBound, tag.textRange.upperBound)
            let hi = min(base + r.range.upperBound, tag.textRange.upperBound)
            readingRange = lo..<max(lo, hi)
        }
        let victimAttr = tag.attribute("victim")
        let byAttr = tag.attribute("by")
        let inAttr = tag.attribute("in")
        var figure = Figure(tagIndex: ti, kind: kind, range: tag.range, text: text, interval: given ?? reading?.interval,
                            given: given, reading: reading, readingRange: readingRange,
                            victim: victimAttr.map(\.value).flatMap { $0.isEmpty ? nil : $0 },
                            by: byAttr.map(\.value).flatMap { $0.isEmpty ? nil : $0 },
                            incidentID: nil, hasExplicitIncident: false, incidentIndex: nil)
        if let a = inAttr, !a.value.isEmpty {
            figure.incidentID = a.value
            figure.hasExplicitIncident = true
            figure.incidentIndex = incidentByID[a.value]
        } else if let e = enclosing {
            figure.incidentID = incidents[e].id
            figure.incidentIndex = e
        }
        // Count checks.
        if tag.value == nil && reading == nil {
            report("count-unreadable", tag.textRange.isEmpty ? tag.range : tag.textRange,
                   "No count can be read from '\(text)'; give one with {\(kind.rawValue)=N} (N, N+ or N-M).")
        } else if let g = given, let r = reading, !g.overlaps(r.interval), let vr = tag.valueRange {
            let fixes = [
                Fix(title: "Use the text's count (\(r.interval))", edits: [uri: [TextEdit(range: vr, newText: r.interval.description)]], isSafe: false),
                Fix(title: "Drop the value and read \(r.interval.display) from the text", edits: [uri: [TextEdit(range: tag.kindRange.upperBound..<vr.upperBound, newText: "")]], isSafe: false),
            ]
            report("count-text-mismatch", vr,
                   "The value \(g) disagrees with the text: '\(r.words)' reads as \(r.interval.display). Correct the value or drop it to use the text.",
                   related: readingRange.map { [RelatedLocation(uri: uri, range: $0, message: "the text says '\(r.words)'")] } ?? [],
                   fixes: fixes)
        }
        if figure.incidentID == nil {
            let fixes = incidents.map { inc in
                Fix(title: "Count it for incident '\(inc.id)'", edits: [uri: [TextEdit(range: tag.braceRange.upperBound - (tag.isClosed ? 1 : 0)..<tag.braceRange.upperBound - (tag.isClosed ? 1 : 0), newText: " in=\(inc.id)")]], isSafe: incidents.count == 1)
            }
            report("unattached-figure", tag.range,
                   "This figure is outside every incident block and has no in=ID, so it counts for nothing. Move it into an incident block or add in=ID.",
                   fixes: fixes)
        }
        // Actor links.
        if let a = victimAttr, let vr = a.valueRange, !a.value.isEmpty {
            let id = resolveID(a.value, kind: .actor, range: vr)
            references.append(Reference(kind: .actor, role: .figureVictim, range: vr, surface: a.value, writtenID: a.value, idRange: vr, entryID: id, isInferred: false, tagIndex: ti, incidentIndex: figure.incidentIndex))
        }
        if let a = byAttr, let vr = a.valueRange, !a.value.isEmpty {
            let id = resolveID(a.value, kind: .actor, range: vr)
            references.append(Reference(kind: .actor, role: .figurePerpetrator, range: vr, surface: a.value, writtenID: a.value, idRange: vr, entryID: id, isInferred: false, tagIndex: ti, incidentIndex: figure.incidentIndex))
        }
        figures.append(figure)
    }

    // MARK: Incident lines

    mutating func resolveIncidentAttributes() {
        for (ii, inc) in incidents.enumerated() {
            let block = tree.incidents[inc.blockIndex]
            for a in block.attributes {
                let role: Reference.Role
                let kind: GazetteerEntryKind
                switch a.key {
                case "place": role = .incidentPlace; kind = .place
                case "by": role = .incidentPerpetrator; kind = .actor
                case "victim": role = .incidentVictim; kind = .actor
                default: continue
                }
                for item in a.listItems {
                    let id = resolveID(item.value, kind: kind, range: item.range)
                    references.append(Reference(kind: kind, role: role, range: item.range, surface: item.value, writtenID: item.value,
                                                idRange: item.range, entryID: id, isInferred: false, tagIndex: nil, incidentIndex: ii))
                }
            }
        }
        references.sort { $0.range.lowerBound < $1.range.lowerBound }
    }

    mutating func checkIncidentDates() {
        guard let published else { return }
        for inc in incidents {
            guard let d = inc.date, d.start.earliestKey > published.latestKey,
                  let attr = tree.incidents[inc.blockIndex].attribute("date") else { continue }
            report("date-after-publication", attr.valueRange ?? attr.range,
                   "Incident '\(inc.id)' is dated \(inc.dateText ?? ""), after the article was published (\(published)). Check the date.")
        }
    }
}
