/// Options of a completion request.
public struct CompletionOptions: Sendable, Hashable {
    /// Whether the client accepts snippets (`${1:...}` placeholders).
    public var snippets: Bool
    /// The most items to return; more matches set `isIncomplete`.
    public var limit: Int

    public init(snippets: Bool = false, limit: Int = 50) {
        self.snippets = snippets
        self.limit = limit
    }
}

/// One completion proposal, in byte offsets of the document.
public struct CompletionCandidate: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case place, actor, tagKind, attributeKey, incident, eventType, value, tag
    }

    public var label: String
    public var kind: Kind
    public var detail: String?
    /// Markdown.
    public var documentation: String?
    /// The bytes the proposal replaces (the typed prefix).
    public var replace: Range<Int>
    public var newText: String
    public var isSnippet: Bool
    public var sortText: String
    public var filterText: String?
}

public struct CompletionResult: Sendable, Hashable {
    public var items: [CompletionCandidate]
    public var isIncomplete: Bool

    public static let empty = CompletionResult(items: [], isIncomplete: false)
}

/// Completion: what fits at the cursor, from the syntax around it and the gazetteer.
public enum Completion {
    public static func complete(in document: DocumentAnalysis, at offset: Int, workspace: WorkspaceAnalysis,
                                gazetteer: Gazetteer, options: CompletionOptions = CompletionOptions()) -> CompletionResult {
        let tree = document.tree
        let offset = min(max(0, offset), tree.bytes.count)
        var c = CompletionBuilder(document: document, workspace: workspace, gazetteer: gazetteer, options: options)
        if let ti = tree.tagIndex(at: offset), tree.tags[ti].braceRange.lowerBound < offset {
            let tag = tree.tags[ti]
            let end = tag.isClosed ? tag.braceRange.upperBound - 1 : tag.braceRange.upperBound
            if offset <= end { c.inTag(tag, offset: offset) }
        } else if let line = incidentLine(tree, at: offset) {
            c.onIncidentLine(line, offset: offset)
        } else if let start = openBracket(tree, before: offset) {
            c.tagProposals(bracket: start, offset: offset)
        }
        return c.result()
    }

    /// The opening line of an incident holding `offset`, when the cursor is on it after the id.
    static func incidentLine(_ tree: SyntaxTree, at offset: Int) -> IncidentBlock? {
        for block in tree.incidents where block.openingLine.lowerBound <= offset && offset <= block.openingLine.upperBound {
            return block.idRange.upperBound < offset || block.id.isEmpty ? block : nil
        }
        // An opening line still being typed may not have made a block (e.g. `::: incident x pl`): it has, since
        // every `::: ...` line opens one; nothing else to do.
        return nil
    }

    /// The `[` of a tag being typed in prose: `[Kay` with the cursor after it, no `]` in between.
    static func openBracket(_ tree: SyntaxTree, before offset: Int) -> Int? {
        let b = tree.bytes
        var i = offset - 1
        var count = 0
        while i >= 0 && count < 60 {
            let c = b[i]
            if c == UInt8(ascii: "[") {
                if i > 0 && b[i - 1] == UInt8(ascii: "\\") { return nil }
                guard let t = tree.token(at: i), t.kind == .text else { return nil }
                return i
            }
            if c == 0x0A || c == UInt8(ascii: "]") || c == UInt8(ascii: "{") || c == UInt8(ascii: "}") { return nil }
            i -= 1
            count += 1
        }
        return nil
    }
}

/// Collects candidates for one request.
struct CompletionBuilder {
    let document: DocumentAnalysis
    let workspace: WorkspaceAnalysis
    let gazetteer: Gazetteer
    let options: CompletionOptions
    var items: [CompletionCandidate] = []
    var incomplete = false

    init(document: DocumentAnalysis, workspace: WorkspaceAnalysis, gazetteer: Gazetteer, options: CompletionOptions) {
        self.document = document
        self.workspace = workspace
        self.gazetteer = gazetteer
        self.options = options
    }

    var tree: SyntaxTree { document.tree }

    func result() -> CompletionResult {
        var out = items
        for i in out.indices { out[i].sortText = String(repeating: "0", count: max(0, 5 - String(i).count)) + String(i) }
        return CompletionResult(items: out, isIncomplete: incomplete)
    }

    /// The item being typed: from the previous blank (or `start`) to the offset.
    func segment(from start: Int, to offset: Int) -> Range<Int> {
        var i = offset
        while i > start {
            let c = tree.bytes[i - 1]
            if c == 0x20 || c == 0x09 || c == UInt8(ascii: "{") { break }
            i -= 1
        }
        return i..<offset
    }

    func text(_ r: Range<Int>) -> String { tree.text(r) }

    /// For `key=val` (or `key=a,b,val`) being typed in `seg`: the key and the range of the value typed so far.
    func keyAndValuePrefix(_ seg: Range<Int>, typed: String, offset: Int) -> (String, Range<Int>)? {
        guard let eq = typed.utf8.firstIndex(of: UInt8(ascii: "=")) else { return nil }
        let key = String(decoding: typed.utf8[..<eq], as: UTF8.self)
        var valueStart = seg.lowerBound + typed.utf8.distance(from: typed.utf8.startIndex, to: eq) + 1
        // Lists: complete the item after the last comma.
        var k = offset
        while k > valueStart { if tree.bytes[k - 1] == UInt8(ascii: ",") { valueStart = k; break }; k -= 1 }
        return (key, valueStart..<offset)
    }

    // MARK: Tags

    mutating func inTag(_ tag: Tag, offset: Int) {
        let seg = segment(from: tag.braceRange.lowerBound + 1, to: offset)
        let isHead = tag.kindRange.isEmpty ? true : seg.lowerBound <= tag.kindRange.lowerBound
        let typed = text(seg)
        if let (key, prefix) = keyAndValuePrefix(seg, typed: typed, offset: offset) {
            if isHead {
                switch key {
                case "place": entries(.place, prefix: prefix, fallbackQuery: tree.tagText(tag))
                case "actor": entries(.actor, prefix: prefix, fallbackQuery: tree.tagText(tag))
                default:
                    if let kind = TagKind(rawValue: key), kind.isFigure { countValue(tag, kind: kind, prefix: prefix) }
                }
            } else {
                switch key {
                case "victim", "by": entries(.actor, prefix: prefix, fallbackQuery: "")
                case "in": incidents(prefix: prefix)
                default: break
                }
            }
            return
        }
        if isHead {
            wholeTags(tag, replace: seg)
            for kind in TagKind.allCases where kind.rawValue.hasPrefix(typed.lowercased()) || typed.isEmpty {
                items.append(CompletionCandidate(label: kind.rawValue, kind: .tagKind, detail: kind.isFigure ? "figure" : "reference",
                                                 documentation: kindHelp(kind), replace: seg, newText: kind.rawValue,
                                                 isSnippet: false, sortText: "", filterText: nil))
            }
        } else if let kind = tag.kind {
            let used = Set(tag.attributes.map(\.key))
            for key in kind.allowedAttributes where !used.contains(key) && (typed.isEmpty || key.hasPrefix(typed)) {
                items.append(attributeKey(key, replace: seg))
            }
        }
    }

    func kindHelp(_ kind: TagKind) -> String {
        switch kind {
        case .actor: return "A reference to an actor of the gazetteer: `[the group]{actor=jnim}`."
        case .place: return "A reference to a place of the gazetteer: `[Kayes]{place}`."
        default: return "A figure: how many were \(kind.rawValue). The count is read from the text or given: `{\(kind.rawValue)=N}`, `N+`, `N-M`."
        }
    }

    func attributeKey(_ key: String, replace: Range<Int>) -> CompletionCandidate {
        let help: [String: String] = [
            "victim": "Who suffered (an actor id). A figure with `victim=` counts a part of the total.",
            "by": "The perpetrator (an actor id).",
            "in": "The incident this figure counts for (default: the enclosing block).",
            "note": "Free text; quote values with spaces: `note=\"...\"`.",
            "date": "`YYYY-MM-DD`, `YYYY-MM` or a range `A/B`.",
            "type": "An ACLED event type or sub-event type.",
            "place": "Comma-separated place ids.",
        ]
        return CompletionCandidate(label: key + "=", kind: .attributeKey, detail: "attribute", documentation: help[key],
                                   replace: replace, newText: key + "=", isSnippet: false, sortText: "", filterText: key)
    }

    /// `[Kayes]{` → `place=kayes` first, when the tag text names an entry.
    mutating func wholeTags(_ tag: Tag, replace: Range<Int>) {
        let text = tree.tagText(tag)
        guard !text.isEmpty else { return }
        for kind in [GazetteerEntryKind.place, .actor] {
            let candidates: [GazetteerEntry]
            switch gazetteer.resolve(text, kind: kind, context: documentCountries) {
            case .resolved(let e): candidates = [e]
            case .ambiguous(let es): candidates = Array(es.prefix(8))
            case .unknown: candidates = []
            }
            for e in candidates {
                let head = "\(kind.rawValue)=\(e.id)"
                items.append(CompletionCandidate(label: head, kind: .tag, detail: describe(e), documentation: EntryMarkdown.render(e, gazetteer: gazetteer),
                                                 replace: replace, newText: head, isSnippet: false, sortText: "", filterText: nil))
            }
        }
    }

    /// `[three people]{killed=` → the count read from the text.
    mutating func countValue(_ tag: Tag, kind: TagKind, prefix: Range<Int>) {
        guard let f = document.figure(forTag: tree.tagIndex(at: tag.range.lowerBound) ?? -1),
              let r = document.figures[f].reading else { return }
        let v = r.interval.description
        items.append(CompletionCandidate(label: v, kind: .value, detail: "read from '\(r.words)'", documentation: nil,
                                         replace: prefix, newText: v, isSnippet: false, sortText: "", filterText: nil))
    }

    // MARK: Incident lines

    mutating func onIncidentLine(_ block: IncidentBlock, offset: Int) {
        let seg = segment(from: block.idRange.upperBound, to: offset)
        let typed = text(seg)
        if let (key, prefix) = keyAndValuePrefix(seg, typed: typed, offset: offset) {
            switch key {
            case "place": entries(.place, prefix: prefix, fallbackQuery: "")
            case "by", "victim": entries(.actor, prefix: prefix, fallbackQuery: "")
            case "type": eventTypes(prefix: prefix)
            case "date":
                if let p = document.published {
                    items.append(CompletionCandidate(label: p.description, kind: .value, detail: "the publication date", documentation: nil,
                                                     replace: prefix, newText: p.description, isSnippet: false, sortText: "", filterText: nil))
                }
            default: break
            }
            return
        }
        let used = Set(block.attributes.map(\.key))
        for key in IncidentAttribute.keys where !used.contains(key) && (typed.isEmpty || key.hasPrefix(typed)) {
            items.append(attributeKey(key, replace: seg))
        }
    }

    mutating func eventTypes(prefix: Range<Int>) {
        let typed = text(prefix)
        for t in EventType.all where typed.isEmpty || t.id.hasPrefix(typed) || t.id.contains(typed) {
            let detail = t.parent.map { "sub-event type of \($0)" } ?? "event type"
            items.append(CompletionCandidate(label: t.id, kind: .eventType, detail: detail, documentation: "ACLED: \(t.label)",
                                             replace: prefix, newText: t.id, isSnippet: false, sortText: "", filterText: nil))
        }
    }

    mutating func incidents(prefix: Range<Int>) {
        let typed = text(prefix)
        var seen: Set<String> = []
        for inc in document.incidents where seen.insert(inc.id).inserted {
            if typed.isEmpty || inc.id.contains(typed) {
                items.append(CompletionCandidate(label: inc.id, kind: .incident, detail: "this document" + (inc.dateText.map { ", \($0)" } ?? ""),
                                                 documentation: nil, replace: prefix, newText: inc.id, isSnippet: false, sortText: "", filterText: nil))
            }
        }
        for id in workspace.incidentDefinitions.keys.sorted() where !seen.contains(id) && (typed.isEmpty || id.contains(typed)) {
            seen.insert(id)
            let where_ = workspace.incidentDefinitions[id]!.first.map { WorkspaceAnalysis.fileName($0.uri) } ?? ""
            items.append(CompletionCandidate(label: id, kind: .incident, detail: where_, documentation: nil,
                                             replace: prefix, newText: id, isSnippet: false, sortText: "", filterText: nil))
        }
    }

    // MARK: Gazetteer

    var documentCountries: Set<String> { document.countries }

    var documentRegions: Set<String> { document.regions }

    func describe(_ e: GazetteerEntry) -> String {
        if e.kind == .actor {
            return [e.category, e.affiliation].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " · ")
        }
        var parts = [e.category]
        if let a = e.admin1, !a.isEmpty, a != e.name { parts.append(a) }
        if let c = e.countryCode { parts.append(gazetteer.country(code: c)?.name ?? c) }
        return parts.joined(separator: " · ")
    }

    /// Gazetteer entries matching the typed prefix (or `fallbackQuery` when nothing is typed).
    mutating func entries(_ kind: GazetteerEntryKind, prefix: Range<Int>, fallbackQuery: String) {
        let typed = text(prefix)
        let query = typed.isEmpty ? fallbackQuery : typed
        var matches: [GazetteerMatch]
        if query.isEmpty {
            // Nothing typed: what the document already uses, then the most important entries.
            var used: [String] = []
            for r in document.references where r.kind == kind {
                if let id = r.entryID, !used.contains(id) { used.append(id) }
            }
            matches = used.compactMap { gazetteer.entry(id: $0) }.map {
                GazetteerMatch(entry: $0, matchedText: $0.name, quality: .exact, editDistance: 0, score: 0)
            }
            let more = gazetteer.search("", kind: kind, limit: options.limit, preferredCountries: documentCountries)
            matches += more.matches.filter { m in !used.contains(m.entry.id) }
            incomplete = true
        } else {
            let r = gazetteer.search(query.replacingDashes(), kind: kind, limit: options.limit + 1, preferredCountries: documentCountries)
            matches = r.matches
            if r.isIncomplete || matches.count > options.limit { incomplete = true }
            // Within one match quality, places in regions the document already names come first.
            let regions = documentRegions
            if !regions.isEmpty {
                matches = stableSorted(matches) { a, b in
                    guard a.quality == b.quality else { return false }
                    let ra = a.entry.admin1.map { regions.contains(TextFolding.fold($0)) } ?? false
                    let rb = b.entry.admin1.map { regions.contains(TextFolding.fold($0)) } ?? false
                    return ra && !rb
                }
            }
        }
        for m in matches.prefix(options.limit) {
            let e = m.entry
            var label = e.name
            if m.matchedText != e.name && !m.matchedText.isEmpty && m.quality != .fuzzy { label += " (\(m.matchedText))" }
            items.append(CompletionCandidate(label: label, kind: kind == .place ? .place : .actor, detail: "\(e.id) · \(describe(e))",
                                             documentation: EntryMarkdown.render(e, gazetteer: gazetteer), replace: prefix, newText: e.id,
                                             isSnippet: false, sortText: "", filterText: typed.isEmpty ? e.id : typed + " " + e.id))
        }
    }

    /// `[Kay` in prose → `[Kayes]{place=kayes}`.
    mutating func tagProposals(bracket: Int, offset: Int) {
        let prefix = (bracket + 1)..<offset
        let typed = text(prefix)
        guard !typed.isEmpty else { return }
        var replaceEnd = offset
        // An editor that auto-closed the bracket left `]` after the cursor: replace it too.
        if offset < tree.bytes.count && tree.bytes[offset] == UInt8(ascii: "]") { replaceEnd += 1 }
        let r = gazetteer.search(typed, kind: nil, limit: options.limit + 1, preferredCountries: documentCountries)
        if r.isIncomplete || r.matches.count > options.limit { incomplete = true }
        for m in r.matches.prefix(options.limit) {
            let e = m.entry
            let kind = e.kind == .place ? "place" : "actor"
            // The canonical name, unless the typed text is another name of the entry (`GSIM`): then keep it.
            let foldedTyped = TextFolding.fold(typed)
            let shown = TextFolding.fold(e.name).hasPrefix(foldedTyped) || m.quality != .exact ? e.name : typed
            let newText: String
            if options.snippets {
                newText = "[${1:\(shown.snippetEscaped)}]{\(kind)=\(e.id)}$0"
            } else {
                newText = "[\(shown)]{\(kind)=\(e.id)}"
            }
            items.append(CompletionCandidate(label: e.name, kind: e.kind == .place ? .place : .actor, detail: "\(kind)=\(e.id) · \(describe(e))",
                                             documentation: EntryMarkdown.render(e, gazetteer: gazetteer), replace: bracket..<replaceEnd,
                                             newText: newText, isSnippet: options.snippets, sortText: "", filterText: "[" + typed))
        }
    }
}

func stableSorted<T>(_ a: [T], by less: (T, T) -> Bool) -> [T] {
    a.enumerated().sorted { x, y in
        if less(x.element, y.element) { return true }
        if less(y.element, x.element) { return false }
        return x.offset < y.offset
    }.map(\.element)
}

extension String {
    /// `nioro-du-sahel` → `nioro du sahel`, so that ids typed as values match names.
    func replacingDashes() -> String { String(self.map { $0 == "-" ? " " : $0 }) }

    var snippetEscaped: String {
        var out = ""
        for c in self {
            if c == "$" || c == "}" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
