/// Reads the rows of a GeoNames dump (`cities500.txt`, `ML.txt`,
/// `allCountries.txt`): 19 tab-separated columns, no header —
/// geonameid, name, asciiname, alternatenames, latitude, longitude,
/// feature class, feature code, country code, cc2, admin1 code, admin2 code,
/// admin3 code, admin4 code, population, elevation, dem, timezone,
/// modification date.
///
/// Every row becomes a place. Its category comes from the feature code
/// (`GazetteerCategory.category(forFeatureCode:)`), its id is a readable slug
/// (`GazetteerSlug`), and it is also addressable as `geonames:<geonameid>`.
/// Within one dump, division names are filled in from its ADM1/ADM2 rows.
struct GeoNamesReader {
    let origin: OriginMaker
    private var entries: [GazetteerEntry] = []
    private var bases: [String] = []
    private var admin2Codes: [String?] = []
    private var problems: [GazetteerProblem] = []
    private var seen: [Int: Int] = [:]

    init(origin: OriginMaker) {
        self.origin = origin
    }

    mutating func read(line: ArraySlice<UInt8>, number: Int) {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
        if line.first == UInt8(ascii: "#") { return }
        let fields = GazetteerParser.split(line)
        guard fields.count == 19 else {
            problems.append(GazetteerProblem(line: number, message: "GeoNames row has \(fields.count) columns, expected 19"))
            return
        }
        func text(_ i: Int) -> String { GazetteerParser.fieldString(fields[i]) }
        func optional(_ i: Int) -> String? { fields[i].isEmpty ? nil : text(i) }
        guard let geonamesID = Int(text(0)), geonamesID > 0 else {
            problems.append(GazetteerProblem(line: number, message: "GeoNames id '\(text(0))' is not a positive number"))
            return
        }
        let name = GazetteerParser.fieldString(GazetteerParser.trim(fields[1]))
        guard !name.isEmpty else {
            problems.append(GazetteerProblem(line: number, message: "GeoNames row \(geonamesID) has no name"))
            return
        }
        guard let latitude = Double(text(4)), let longitude = Double(text(5)),
              (-90...90).contains(latitude), (-180...180).contains(longitude) else {
            problems.append(GazetteerProblem(line: number, message: "GeoNames row \(geonamesID) has bad coordinates '\(text(4))', '\(text(5))'"))
            return
        }
        var population: Int? = nil
        if !fields[14].isEmpty {
            guard let value = Int(text(14)), value >= 0 else {
                problems.append(GazetteerProblem(line: number, message: "GeoNames row \(geonamesID) has bad population '\(text(14))'"))
                return
            }
            population = value > 0 ? value : nil
        }
        if let first = seen[geonamesID] {
            problems.append(GazetteerProblem(line: number, message: "GeoNames id \(geonamesID) repeats line \(first); row skipped"))
            return
        }
        seen[geonamesID] = number
        let ascii = text(2)
        var aliases: [String] = []
        // Exact duplicates only: the index folds and merges the rest.
        let alternates = GazetteerParser.list(fields[3])
        aliases.reserveCapacity(alternates.count + 1)
        if !ascii.isEmpty, ascii != name { aliases.append(ascii) }
        if alternates.count <= 16 {
            for alias in alternates where alias != name && !aliases.contains(alias) { aliases.append(alias) }
        } else {
            var distinct: Set<String> = Set(aliases)
            distinct.insert(name)
            for alias in alternates where distinct.insert(alias).inserted { aliases.append(alias) }
        }
        let featureCode = optional(7)
        let category = GazetteerCategory.category(forFeatureCode: featureCode ?? "", featureClass: optional(6))
        let admin1Code = optional(10).flatMap { $0 == "00" ? nil : $0 }
        let entry = GazetteerEntry(
            id: "", kind: .place, name: name, aliases: aliases, category: category,
            featureCode: featureCode, countryCode: optional(8), admin1Code: admin1Code,
            latitude: latitude, longitude: longitude, population: population,
            geonamesID: geonamesID, origin: origin(number))
        entries.append(entry)
        admin2Codes.append(optional(11))
        bases.append(GazetteerSlug.baseSlug(name: name, fallbackName: ascii, category: category,
                                            fallbackID: String(geonamesID)))
    }

    mutating func finish() -> GazetteerLoadResult {
        GazetteerSlug.assignIDs(&entries, bases: bases)
        // Name divisions from the dump's own ADM1/ADM2 rows.
        var admin1Names: [String: String] = [:]
        var admin2Names: [String: String] = [:]
        for (i, entry) in entries.enumerated() {
            guard let country = entry.countryCode, let a1 = entry.admin1Code else { continue }
            if entry.featureCode == "ADM1" { admin1Names[country + "." + a1] = entry.name }
            if entry.featureCode == "ADM2", let a2 = admin2Codes[i] { admin2Names[country + "." + a1 + "." + a2] = entry.name }
        }
        if !admin1Names.isEmpty || !admin2Names.isEmpty {
            for i in entries.indices {
                guard let country = entries[i].countryCode, let a1 = entries[i].admin1Code else { continue }
                if entries[i].featureCode != "ADM1" { entries[i].admin1 = admin1Names[country + "." + a1] }
                if let a2 = admin2Codes[i], !(entries[i].featureCode ?? "").hasPrefix("ADM2") {
                    entries[i].admin2 = admin2Names[country + "." + a1 + "." + a2]
                }
            }
        }
        return GazetteerLoadResult(entries: entries, problems: problems, format: .geonames)
    }
}
