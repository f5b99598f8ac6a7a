/// The analysis of a set of documents together: incidents shared across
/// documents, `in=` links between documents, and the rules that need them.
public struct WorkspaceAnalysis: Sendable {
    public let documents: [String: DocumentAnalysis]
    /// Documents in a stable order (by URI).
    public let uris: [String]
    /// Where each incident id is defined: (uri, index in that document's incidents).
    public let incidentDefinitions: [String: [IncidentLocation]]
    private let crossDiagnostics: [String: [Diagnostic]]

    public struct IncidentLocation: Sendable, Hashable {
        public var uri: String
        public var index: Int
    }

    public init(documents list: [DocumentAnalysis], settings: AnalysisSettings = .default) {
        var docs: [String: DocumentAnalysis] = [:]
        for d in list { docs[d.uri] = d }
        documents = docs
        uris = docs.keys.sorted()
        var defs: [String: [IncidentLocation]] = [:]
        for uri in uris {
            for (i, inc) in docs[uri]!.incidents.enumerated() {
                defs[inc.id, default: []].append(IncidentLocation(uri: uri, index: i))
            }
        }
        incidentDefinitions = defs
        crossDiagnostics = Self.crossDocumentRules(docs: docs, uris: uris, defs: defs, settings: settings)
    }

    /// All diagnostics of `uri`: its own and those that need other documents.
    public func diagnostics(for uri: String) -> [Diagnostic] {
        guard let d = documents[uri] else { return [] }
        return (d.diagnostics + (crossDiagnostics[uri] ?? [])).sorted { ($0.range.lowerBound, $0.rule) < ($1.range.lowerBound, $1.rule) }
    }

    /// The figures of every document that count for incident `id`.
    public func figures(forIncident id: String) -> [(uri: String, figure: Int)] {
        var out: [(String, Int)] = []
        for uri in uris {
            for (i, f) in documents[uri]!.figures.enumerated() where f.incidentID == id { out.append((uri, i)) }
        }
        return out
    }

    static func crossDocumentRules(docs: [String: DocumentAnalysis], uris: [String], defs: [String: [IncidentLocation]],
                                   settings: AnalysisSettings) -> [String: [Diagnostic]] {
        var out: [String: [Diagnostic]] = [:]
        func add(_ uri: String, _ d: Diagnostic) {
            guard let s = settings.severity(of: d.rule) else { return }
            var d = d
            d.severity = s
            out[uri, default: []].append(d)
        }
        // unknown-incident: in= naming an incident defined nowhere.
        for uri in uris {
            let doc = docs[uri]!
            for f in doc.figures where f.hasExplicitIncident && f.incidentIndex == nil {
                guard let id = f.incidentID, defs[id] == nil else { continue }
                let tag = doc.tree.tags[f.tagIndex]
                let range = tag.attribute("in")?.valueRange ?? f.range
                let known = Array(defs.keys).sorted()
                let hint = Suggest.closest(id, among: known).map { " Did you mean '\($0)'?" } ?? ""
                add(uri, Diagnostic(rule: "unknown-incident", severity: .error, range: range,
                                    message: "No document of the workspace defines an incident '\(id)'.\(hint)"))
            }
        }
        // cross-document-conflict: the same incident's totals disagree between documents.
        for id in defs.keys.sorted() {
            let locs = defs[id]!
            let byDoc = Dictionary(grouping: locs, by: \.uri)
            guard byDoc.count > 1 else { continue }
            var totals: [(loc: IncidentLocation, totals: [TagKind: CountInterval])] = []
            for loc in locs {
                let doc = docs[loc.uri]!
                var t: [TagKind: CountInterval] = [:]
                for total in IncidentTotal.totals(of: doc.incidents[loc.index], figures: doc.figures) { t[total.kind] = total.interval }
                totals.append((loc, t))
            }
            for (i, a) in totals.enumerated() {
                for (j, b) in totals.enumerated() where i != j && a.loc.uri != b.loc.uri {
                    for kind in TagKind.figureKinds {
                        guard let ia = a.totals[kind], let ib = b.totals[kind], !ia.overlaps(ib) else { continue }
                        let docA = docs[a.loc.uri]!, docB = docs[b.loc.uri]!
                        let incA = docA.incidents[a.loc.index], incB = docB.incidents[b.loc.index]
                        let lineB = docB.tree.lineIndex.line(containing: incB.idRange.lowerBound) + 1
                        add(a.loc.uri, Diagnostic(
                            rule: "cross-document-conflict", severity: .warning, range: incA.idRange,
                            message: "This document gives incident '\(id)' \(ia.display) \(kind.rawValue); \(Self.fileName(b.loc.uri)) (line \(lineB)) gives \(ib.display). The sources disagree: check both, and keep the disagreement in a note if it is real.",
                            related: [RelatedLocation(uri: b.loc.uri, range: incB.idRange, message: "\(ib.display) \(kind.rawValue) in \(Self.fileName(b.loc.uri))")]))
                    }
                }
            }
        }
        return out
    }

    static func fileName(_ uri: String) -> String {
        uri.split(separator: "/").last.map(String.init) ?? uri
    }
}
