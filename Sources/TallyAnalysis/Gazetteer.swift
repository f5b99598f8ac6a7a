/// An immutable set of places and actors with lookup by id, resolution of
/// surface text, and completion search.
///
/// Built from one or more sources merged in order: an entry of a later source
/// replaces an earlier entry with the same GeoNames id (keeping the earlier
/// entry's id, so ids stay stable when a GeoNames dump is added on top of the
/// default gazetteer) or, failing that, with the same id. When a later entry's
/// id is taken by a different GeoNames place, the later entry gets a suffixed
/// id (`-cc`, then `-geonamesID`) instead of replacing it.
public struct Gazetteer: Sendable {
    public let entries: [GazetteerEntry]
    public let index: GazetteerIndex
    private let byID: [String: Int]
    private let byGeonamesID: [Int: Int]
    /// Country entries by ISO alpha-2 code.
    private let countryByCode: [String: Int]

    /// A gazetteer of one source.
    public init(entries: [GazetteerEntry]) {
        self.init(sources: [entries])
    }

    /// A gazetteer of several sources merged in order (later sources win).
    public init(sources: [[GazetteerEntry]]) {
        var merged: [GazetteerEntry] = []
        var byID: [String: Int] = [:]
        var byGeonamesID: [Int: Int] = [:]
        merged.reserveCapacity(sources.reduce(0) { $0 + $1.count })
        for source in sources {
            for var entry in source {
                if let geonamesID = entry.geonamesID, let existing = byGeonamesID[geonamesID] {
                    entry.id = merged[existing].id
                    merged[existing] = entry
                    continue
                }
                if let existing = byID[entry.id] {
                    let previous = merged[existing].geonamesID
                    if let previous, let incoming = entry.geonamesID, previous != incoming {
                        entry.id = Gazetteer.freeID(for: entry, taken: byID)
                    } else {
                        if let previous { byGeonamesID[previous] = nil }
                        merged[existing] = entry
                        if let incoming = entry.geonamesID { byGeonamesID[incoming] = existing }
                        continue
                    }
                }
                byID[entry.id] = merged.count
                if let geonamesID = entry.geonamesID { byGeonamesID[geonamesID] = merged.count }
                merged.append(entry)
            }
        }
        Gazetteer.fillDivisionNames(&merged)
        var countryByCode: [String: Int] = [:]
        for (i, entry) in merged.enumerated() where entry.kind == .place && entry.category == GazetteerCategory.country {
            if let code = entry.countryCode, countryByCode[code] == nil { countryByCode[code] = i }
        }
        self.entries = merged
        self.byID = byID
        self.byGeonamesID = byGeonamesID
        self.countryByCode = countryByCode
        self.index = GazetteerIndex(entries: merged)
    }

    /// A gazetteer of entries that are already merged, with their index
    /// (as `GazetteerCache` restores it): only the lookup tables are rebuilt.
    /// Ids and GeoNames ids must be unique, as merging leaves them.
    init(merged: [GazetteerEntry], index: GazetteerIndex) {
        var byID: [String: Int] = [:]
        var byGeonamesID: [Int: Int] = [:]
        var countryByCode: [String: Int] = [:]
        byID.reserveCapacity(merged.count)
        byGeonamesID.reserveCapacity(merged.count)
        for (i, entry) in merged.enumerated() {
            byID[entry.id] = i
            if let geonamesID = entry.geonamesID { byGeonamesID[geonamesID] = i }
            if entry.kind == .place, entry.category == GazetteerCategory.country,
               let code = entry.countryCode, countryByCode[code] == nil {
                countryByCode[code] = i
            }
        }
        self.entries = merged
        self.byID = byID
        self.byGeonamesID = byGeonamesID
        self.countryByCode = countryByCode
        self.index = index
    }

    public var count: Int { entries.count }

    /// The entry with this id, or with this GeoNames id when written `geonames:ID`.
    public func entry(id: String) -> GazetteerEntry? {
        if let i = byID[id] { return entries[i] }
        if id.hasPrefix("geonames:"), let number = Int(id.dropFirst("geonames:".count)),
           let i = byGeonamesID[number] {
            return entries[i]
        }
        return nil
    }

    /// The entry with this GeoNames id.
    public func entry(geonamesID: Int) -> GazetteerEntry? {
        byGeonamesID[geonamesID].map { entries[$0] }
    }

    /// The country entry for an ISO alpha-2 code (`ML` → Mali).
    public func country(code: String) -> GazetteerEntry? {
        countryByCode[code.uppercased()].map { entries[$0] }
    }

    /// Ranked completion candidates (see `GazetteerIndex.search`).
    public func search(_ query: String, kind: GazetteerEntryKind? = nil, limit: Int = 20,
                       preferredCountries: Set<String> = []) -> GazetteerSearchResult {
        index.search(query, kind: kind, limit: limit, preferredCountries: preferredCountries)
    }

    /// Entries with a name, alias or id that folds to the same key as `text`.
    public func exactMatches(_ text: String, kind: GazetteerEntryKind? = nil) -> [GazetteerEntry] {
        index.exactEntryIndices(folded: TextFolding.foldedUTF8(text))
            .map { entries[$0] }
            .filter { kind == nil || $0.kind == kind }
    }

    // MARK: - Resolution

    /// Division words accepted after a place name (`Kayes region`,
    /// `Nioro cercle`) and the categories each points to.
    static let divisionWords: [String: Set<String>] = [
        "region": [GazetteerCategory.region],
        "regions": [GazetteerCategory.region],
        "cercle": [GazetteerCategory.district],
        "province": [GazetteerCategory.region, GazetteerCategory.district],
        "prefecture": [GazetteerCategory.region, GazetteerCategory.district],
        "department": [GazetteerCategory.district],
        "departement": [GazetteerCategory.district],
        "district": [GazetteerCategory.region, GazetteerCategory.district],
        "state": [GazetteerCategory.region],
    ]
    /// The same words written before the name (`région de Kayes`, `cercle de Nioro`).
    static let leadingLinkWords: Set<String> = ["de", "du", "des", "d'", "of"]

    /// What `surface` names. Matching folds case, diacritics and apostrophes
    /// (`[Segou]`, `Ségou`, `SEGOU` are the same) and uses aliases and ids.
    ///
    /// Rules, in order:
    /// 1. exact folded match on a name, alias or id (of `kind` when given);
    ///    failing that, the name without a division word (`Kayes region`,
    ///    `cercle de Nioro`), keeping only divisions of that level when any;
    /// 2. a town and a division of the same name (Kayes town, Kayes region):
    ///    the populated place, unless a division word was written (a country
    ///    stays in the running: `Mali` is the country, not the Guinean town);
    /// 3. several left: those in `context` countries (ISO alpha-2), if any are;
    /// 4. one candidate clearly more important (country > capital > region >
    ///    town > district > village) wins;
    /// 5. otherwise ambiguous. No match: unknown, with close spellings.
    public func resolve(_ surface: String, kind: GazetteerEntryKind? = nil,
                        context countries: Set<String> = []) -> GazetteerResolution {
        let folded = TextFolding.fold(surface)
        var candidates = exactMatches(folded, kind: kind)
        var divisionFilter: Set<String>? = nil
        if candidates.isEmpty, kind != .actor, let (stripped, categories) = Gazetteer.strippingDivisionWord(folded) {
            let places = exactMatches(stripped, kind: .place)
            let divisions = places.filter { categories.contains($0.category) }
            candidates = divisions.isEmpty ? places : divisions
            divisionFilter = categories
        }
        if candidates.isEmpty {
            let suggestions = search(surface, kind: kind, limit: 5, preferredCountries: countries)
            return .unknown(suggestions: suggestions.matches.map(\.entry))
        }
        if candidates.count == 1 { return .resolved(candidates[0]) }

        if divisionFilter == nil {
            let populated = candidates.filter { $0.isPopulatedPlace || $0.category == GazetteerCategory.country }
            if !populated.isEmpty { candidates = populated }
            if candidates.count == 1 { return .resolved(candidates[0]) }
        }
        if !countries.isEmpty {
            let local = candidates.filter { !Set($0.allCountryCodes).isDisjoint(with: countries) }
            if !local.isEmpty { candidates = local }
            if candidates.count == 1 { return .resolved(candidates[0]) }
        }
        let ranked = candidates.sorted { a, b in
            let ra = GazetteerCategory.rank(of: a.category), rb = GazetteerCategory.rank(of: b.category)
            if ra != rb { return ra > rb }
            return a.importance > b.importance
        }
        let top = GazetteerCategory.rank(of: ranked[0].category)
        if ranked[0].kind == .place, top > GazetteerCategory.rank(of: ranked[1].category) {
            return .resolved(ranked[0])
        }
        return .ambiguous(ranked)
    }

    /// `kayes region` → (`kayes`, regions); `cercle de nioro` → (`nioro`, districts).
    static func strippingDivisionWord(_ folded: String) -> (String, Set<String>)? {
        var words = TextFolding.words(ofFolded: folded).map(String.init)
        guard words.count >= 2 else { return nil }
        if let categories = divisionWords[words[words.count - 1]] {
            words.removeLast()
            return (words.joined(separator: " "), categories)
        }
        if let categories = divisionWords[words[0]] {
            words.removeFirst()
            if words.count >= 2, leadingLinkWords.contains(words[0]) { words.removeFirst() }
            if let first = words.first, first.hasPrefix("d'"), first.count > 2 {
                words[0] = String(first.dropFirst(2))
            }
            return (words.joined(separator: " "), categories)
        }
        return nil
    }

    // MARK: - Merging helpers

    private static func freeID(for entry: GazetteerEntry, taken: [String: Int]) -> String {
        if let code = entry.countryCode?.lowercased(), !code.isEmpty, taken["\(entry.id)-\(code)"] == nil {
            return "\(entry.id)-\(code)"
        }
        if let geonamesID = entry.geonamesID, taken["\(entry.id)-\(geonamesID)"] == nil {
            return "\(entry.id)-\(geonamesID)"
        }
        var n = 2
        while taken["\(entry.id)-\(n)"] != nil { n += 1 }
        return "\(entry.id)-\(n)"
    }

    /// GeoNames dumps give only admin codes; name them from the region and
    /// district entries of any source (matched by country and admin1 code).
    private static func fillDivisionNames(_ entries: inout [GazetteerEntry]) {
        var regionNames: [String: String] = [:]
        for entry in entries where entry.kind == .place && entry.category == GazetteerCategory.region {
            if let country = entry.countryCode, let code = entry.admin1Code {
                let key = country + "." + code
                if regionNames[key] == nil { regionNames[key] = entry.name }
            }
        }
        guard !regionNames.isEmpty else { return }
        for i in entries.indices where entries[i].admin1 == nil {
            if let country = entries[i].countryCode, let code = entries[i].admin1Code,
               let name = regionNames[country + "." + code] {
                entries[i].admin1 = name
            }
        }
    }
}
