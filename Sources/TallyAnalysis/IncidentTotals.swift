/// What a document says an incident's total of one kind is, and from which figures.
public struct IncidentTotal: Sendable, Hashable {
    public var kind: TagKind
    /// The best interval the document supports: the declared total if any, else the
    /// restatements' common part, else the sum of the parts.
    public var interval: CountInterval
    /// Figures (indices into `DocumentAnalysis.figures`) that restate the total.
    public var restatements: [Int]
    /// Figures that count a part of the total (with `victim=`).
    public var parts: [Int]
    public var declared: CountInterval?
    /// True when the figures cannot all be true together.
    public var isInconsistent: Bool

    /// Computes the totals of every kind the incident mentions.
    public static func totals(of incident: Incident, figures: [Figure]) -> [IncidentTotal] {
        var out: [IncidentTotal] = []
        for kind in TagKind.figureKinds {
            let mine = incident.figureIndices.filter { figures[$0].kind == kind && figures[$0].interval != nil }
            let declared = incident.declared[kind]?.interval
            if mine.isEmpty && declared == nil { continue }
            let restatements = mine.filter { !figures[$0].isPart }
            let parts = mine.filter { figures[$0].isPart }
            var inconsistent = false
            var common: CountInterval? = declared
            for r in restatements {
                let iv = figures[r].interval!
                if let c = common {
                    if let x = c.intersection(iv) { common = x } else { inconsistent = true; common = c.union(iv) }
                } else {
                    common = iv
                }
            }
            let partSum = sumOfParts(parts, figures: figures)
            var interval: CountInterval
            if let declared {
                interval = declared
            } else if let c = common {
                interval = c
            } else {
                interval = partSum ?? .exactly(0)
            }
            if let ps = partSum, let hi = interval.high, ps.low > hi { inconsistent = true }
            // Parts raise the floor of a total that is vaguer than them.
            if let ps = partSum, ps.low > interval.low, interval.high.map({ ps.low <= $0 }) ?? true {
                interval.low = ps.low
            }
            out.append(IncidentTotal(kind: kind, interval: interval, restatements: restatements, parts: parts,
                                     declared: declared, isInconsistent: inconsistent))
        }
        return out
    }

    /// The sum of the parts: figures with the same victim restate one part, so each victim counts once
    /// (with the highest minimum and the lowest known maximum among its figures).
    public static func sumOfParts(_ parts: [Int], figures: [Figure]) -> CountInterval? {
        guard !parts.isEmpty else { return nil }
        var byVictim: [String: CountInterval] = [:]
        var order: [String] = []
        for p in parts {
            let f = figures[p]
            guard let iv = f.interval, let v = f.victim else { continue }
            if let cur = byVictim[v] {
                let lo = max(cur.low, iv.low)
                let hi: Int?
                switch (cur.high, iv.high) {
                case let (a?, b?): hi = max(lo, min(a, b))
                case let (a?, nil): hi = max(lo, a)
                case let (nil, b?): hi = max(lo, b)
                default: hi = nil
                }
                byVictim[v] = CountInterval(low: lo, high: hi)
            } else {
                byVictim[v] = iv
                order.append(v)
            }
        }
        var low = 0
        var high: Int? = 0
        for v in order {
            let iv = byVictim[v]!
            low += iv.low
            if let h = high, let ih = iv.high { high = h + ih } else { high = nil }
        }
        return CountInterval(low: low, high: high)
    }
}
