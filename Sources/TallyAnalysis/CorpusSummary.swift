/// An overview of a set of incident records: incidents per month, totals per
/// kind, the most affected places and the actors with the most casualties
/// attributed to them. A pure function of the records.
///
/// Conventions (stated again in the README):
/// - An incident counts in the month its date starts in; undated ones apart.
/// - Totals add up each incident's band: `best` and `low` sum the best and low
///   ends, `high` is unbounded as soon as one incident's is.
/// - A place is credited with the whole count of every incident that names it
///   (Tally cannot tell how a total splits over several places).
/// - An actor is credited with the whole count of every incident it is a
///   perpetrator of (`by=`), shared perpetrators each getting the full count.
/// - Casualties are killed plus injured, best estimates.
public struct CorpusSummary: Sendable, Hashable {
    public var incidents: Int
    /// Distinct documents supporting the records.
    public var documents: Int
    /// The earliest start and the latest end of the incidents' dates.
    public var firstDate: PartialDate?
    public var lastDate: PartialDate?
    /// Months in order, only those with incidents.
    public var months: [Month]
    public var undatedIncidents: Int
    /// One per figure kind that some incident reports, in `TagKind.figureKinds` order.
    public var totals: [KindTotal]
    /// Places by casualties, then incidents, then name; at most `limit`.
    public var places: [Tally]
    /// Perpetrators by casualties, then incidents, then name; at most `limit`.
    public var actors: [Tally]
    /// Casualties of incidents that name no perpetrator.
    public var unattributed: Tally
    /// Incidents whose documents disagree on some count.
    public var disputedIncidents: Int

    public struct Month: Sendable, Hashable {
        /// `YYYY-MM`.
        public var month: String
        public var incidents: Int
        /// Sum of fatalities (killed, best).
        public var fatalities: Int
    }

    public struct KindTotal: Sendable, Hashable {
        public var kind: TagKind
        /// Incidents that report this kind.
        public var incidents: Int
        public var low: Int
        public var best: Int
        /// Nil when some incident's band is unbounded.
        public var high: Int?
        /// Incidents whose sources disagree on this kind.
        public var disputed: Int
    }

    /// What is credited to one place or actor.
    public struct Tally: Sendable, Hashable {
        public var id: String
        public var name: String
        public var incidents: Int
        public var killed: Int
        public var injured: Int
        public var casualties: Int { killed + injured }
    }

    public static func make(records: [IncidentRecord], limit: Int = 10) -> CorpusSummary {
        var summary = CorpusSummary(incidents: records.count, documents: 0, firstDate: nil, lastDate: nil, months: [],
                                    undatedIncidents: 0, totals: [], places: [], actors: [],
                                    unattributed: Tally(id: "", name: "unattributed", incidents: 0, killed: 0, injured: 0),
                                    disputedIncidents: 0)
        var documents: Set<String> = []
        var months: [String: Month] = [:]
        var totals: [TagKind: KindTotal] = [:]
        var places: [String: Tally] = [:]
        var actors: [String: Tally] = [:]
        for r in records {
            for loc in r.locations { documents.insert(loc.uri) }
            if r.sourcesDisagree { summary.disputedIncidents += 1 }
            let killed = r.count(.killed)?.best ?? 0
            let injured = r.count(.injured)?.best ?? 0
            if let d = r.date {
                if summary.firstDate.map({ d.start.earliestKey < $0.earliestKey }) ?? true { summary.firstDate = d.start }
                if summary.lastDate.map({ d.end.latestKey > $0.latestKey }) ?? true { summary.lastDate = d.end }
                let key = PartialDate(year: d.start.year, month: d.start.month, day: nil).description
                var m = months[key] ?? Month(month: key, incidents: 0, fatalities: 0)
                m.incidents += 1
                m.fatalities += r.fatalities
                months[key] = m
            } else {
                summary.undatedIncidents += 1
            }
            for c in r.counts {
                var t = totals[c.kind] ?? KindTotal(kind: c.kind, incidents: 0, low: 0, best: 0, high: 0, disputed: 0)
                t.incidents += 1
                t.low += c.low
                t.best += c.best
                t.high = t.high.flatMap { h in c.high.map { h + $0 } }
                if c.sourcesDisagree { t.disputed += 1 }
                totals[c.kind] = t
            }
            for p in r.places {
                credit(&places, id: p.id, name: p.name, killed: killed, injured: injured)
            }
            for a in r.perpetrators {
                credit(&actors, id: a.id, name: a.name, killed: killed, injured: injured)
            }
            if r.perpetrators.isEmpty {
                summary.unattributed.incidents += 1
                summary.unattributed.killed += killed
                summary.unattributed.injured += injured
            }
        }
        summary.documents = documents.count
        summary.months = months.keys.sorted().map { months[$0]! }
        summary.totals = TagKind.figureKinds.compactMap { totals[$0] }
        summary.places = Array(ranked(places).prefix(max(0, limit)))
        summary.actors = Array(ranked(actors).prefix(max(0, limit)))
        return summary
    }

    static func credit(_ table: inout [String: Tally], id: String, name: String, killed: Int, injured: Int) {
        var t = table[id] ?? Tally(id: id, name: name, incidents: 0, killed: 0, injured: 0)
        t.incidents += 1
        t.killed += killed
        t.injured += injured
        table[id] = t
    }

    static func ranked(_ table: [String: Tally]) -> [Tally] {
        table.values.sorted { a, b in
            if a.casualties != b.casualties { return a.casualties > b.casualties }
            if a.incidents != b.incidents { return a.incidents > b.incidents }
            if a.name != b.name { return a.name < b.name }
            return a.id < b.id
        }
    }
}
