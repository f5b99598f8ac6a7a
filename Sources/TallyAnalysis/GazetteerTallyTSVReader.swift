/// Reads a Tally TSV gazetteer: tab-separated, a header row whose first
/// column is `id`, then one entry per row. Columns are found by name (in any
/// order; unknown columns are reported once and ignored):
///
/// | column | also accepted as | meaning |
/// | --- | --- | --- |
/// | `id` | | readable id (required, no spaces) |
/// | `name` | | canonical name (required) |
/// | `aliases` | `alternate_names`, `alternatenames` | comma-separated other names |
/// | `ascii_name` | `asciiname` | kept as an alias when it differs |
/// | `kind` | | `place` or `actor` (or a category, see below) |
/// | `category` | `type` | see `GazetteerCategory` |
/// | `feature_code` | | GeoNames feature code |
/// | `feature_class` | | GeoNames feature class |
/// | `country` | `country_code` | ISO alpha-2 of a place |
/// | `countries` | | comma-separated ISO alpha-2 codes (actors) |
/// | `admin1` | `admin1_name` | region name |
/// | `admin1_code` | | GeoNames admin1 code |
/// | `admin2` | `admin2_name` | second-level division name |
/// | `latitude`, `longitude` | `lat`, `lon`/`lng` | decimal degrees |
/// | `population` | | whole number |
/// | `affiliation` | | who an actor belongs to |
/// | `description` | | one sentence |
/// | `geonames_id` | `geonameid` | GeoNames id (a numeric `id` counts as one too) |
///
/// Without a `kind`, the category decides (place categories vs the actor
/// categories of `GazetteerCategory`); a row with neither is a place when it
/// has place columns (country, coordinates, feature code) and an actor when it
/// has actor columns (countries, affiliation). Lines starting with `#` and
/// blank lines are skipped.
struct TallyTSVReader {
    enum Column: Int, CaseIterable {
        case id, name, aliases, asciiName, kind, category, featureCode, featureClass, country, countries
        case admin1, admin1Code, admin2, latitude, longitude, population, affiliation, description, geonamesID
    }

    static let headerNames: [String: Column] = [
        "id": .id, "name": .name, "aliases": .aliases, "alternate_names": .aliases, "alternatenames": .aliases,
        "ascii_name": .asciiName, "asciiname": .asciiName, "kind": .kind, "category": .category, "type": .category,
        "feature_code": .featureCode, "feature_class": .featureClass, "country": .country, "country_code": .country,
        "countries": .countries, "admin1": .admin1, "admin1_name": .admin1, "admin1_code": .admin1Code,
        "admin2": .admin2, "admin2_name": .admin2, "latitude": .latitude, "lat": .latitude,
        "longitude": .longitude, "lon": .longitude, "lng": .longitude, "population": .population,
        "affiliation": .affiliation, "description": .description, "geonames_id": .geonamesID, "geonameid": .geonamesID,
    ]
    /// Columns of the default gazetteer's source files that are deliberately not read.
    static let ignoredNames: Set<String> = ["source", "iso3166_2", "notes", "note"]

    let origin: OriginMaker
    /// Field index of each column (by `Column.rawValue`), -1 when absent.
    private var columns = [Int](repeating: -1, count: Column.allCases.count)
    private let fieldCount: Int
    private var entries: [GazetteerEntry] = []
    private var problems: [GazetteerProblem] = []
    private var lineOfID: [String: Int] = [:]
    private var usable = true

    init(header: ArraySlice<UInt8>, headerLine: Int, origin: OriginMaker) {
        self.origin = origin
        let names = GazetteerParser.split(header).map { GazetteerParser.fieldString(GazetteerParser.trim($0)).lowercased() }
        fieldCount = names.count
        var unknown: [String] = []
        for (i, name) in names.enumerated() {
            if let column = TallyTSVReader.headerNames[name] {
                if columns[column.rawValue] < 0 { columns[column.rawValue] = i } else {
                    problems.append(GazetteerProblem(line: headerLine, message: "column '\(name)' appears twice; the first is used"))
                }
            } else if !TallyTSVReader.ignoredNames.contains(name), !name.isEmpty {
                unknown.append(name)
            }
        }
        if !unknown.isEmpty {
            problems.append(GazetteerProblem(line: headerLine, message: "unknown column\(unknown.count > 1 ? "s" : "") "
                + unknown.map { "'\($0)'" }.joined(separator: ", ") + " ignored"))
        }
        if columns[Column.name.rawValue] < 0 {
            problems.append(GazetteerProblem(line: headerLine, message: "the header has no 'name' column; no rows can be read"))
            usable = false
        }
    }

    mutating func read(line: ArraySlice<UInt8>, number: Int) {
        guard usable else { return }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
        if line.first == UInt8(ascii: "#") { return }
        let fields = GazetteerParser.split(line)
        if fields.count > fieldCount {
            problems.append(GazetteerProblem(line: number, message: "row has \(fields.count) fields but the header has \(fieldCount)"))
            return
        }
        func value(_ column: Column) -> String? {
            let i = columns[column.rawValue]
            guard i >= 0, i < fields.count, !fields[i].isEmpty else { return nil }
            let trimmed = GazetteerParser.trim(fields[i])
            return trimmed.isEmpty ? nil : GazetteerParser.fieldString(trimmed)
        }
        func has(_ column: Column) -> Bool {
            let i = columns[column.rawValue]
            return i >= 0 && i < fields.count && !GazetteerParser.trim(fields[i]).isEmpty
        }
        func listValue(_ column: Column) -> [String] {
            let i = columns[column.rawValue]
            guard i >= 0, i < fields.count else { return [] }
            return GazetteerParser.list(fields[i])
        }
        func fail(_ message: String) { problems.append(GazetteerProblem(line: number, message: message)) }

        guard let id = value(.id) else { return fail("row has no id") }
        if id.utf8.contains(where: { $0 == 0x20 || $0 == 0x2C || $0 == 0x3D || $0 == 0x5D || $0 == 0x7D || $0 == 0x22 }) {
            return fail("id '\(id)' may not contain spaces, commas, '=', ']', '}' or quotes")
        }
        guard let name = value(.name) else { return fail("row '\(id)' has no name") }
        if let first = lineOfID[id] { return fail("id '\(id)' is already defined on line \(first); row skipped") }

        var latitude: Double? = nil, longitude: Double? = nil, population: Int? = nil, geonamesID: Int? = nil
        if let text = value(.latitude) {
            guard let v = Double(text), (-90...90).contains(v) else { return fail("latitude '\(text)' of '\(id)' is not a number between -90 and 90") }
            latitude = v
        }
        if let text = value(.longitude) {
            guard let v = Double(text), (-180...180).contains(v) else { return fail("longitude '\(text)' of '\(id)' is not a number between -180 and 180") }
            longitude = v
        }
        if (latitude == nil) != (longitude == nil) { return fail("'\(id)' has a latitude or a longitude but not both") }
        if let text = value(.population) {
            guard let v = Int(text), v >= 0 else { return fail("population '\(text)' of '\(id)' is not a whole number") }
            population = v > 0 ? v : nil
        }
        if let text = value(.geonamesID) {
            guard let v = Int(text), v > 0 else { return fail("GeoNames id '\(text)' of '\(id)' is not a positive number") }
            geonamesID = v
        } else if let v = Int(id), v > 0 {
            geonamesID = v
        }

        let featureCode = value(.featureCode)
        var category = value(.category)?.lowercased()
        var kind: GazetteerEntryKind? = nil
        if let kindText = value(.kind)?.lowercased() {
            if let k = GazetteerEntryKind(rawValue: kindText) { kind = k } else if category == nil { category = kindText } else {
                return fail("kind '\(kindText)' of '\(id)' is neither 'place' nor 'actor'")
            }
        }
        if kind == nil, let category {
            if GazetteerCategory.placeCategories.contains(category) { kind = .place }
            else if GazetteerCategory.actorCategories.contains(category) { kind = .actor }
        }
        if kind == nil {
            if has(.country) || latitude != nil || featureCode != nil || has(.featureClass) || has(.admin1) {
                kind = .place
            } else if has(.countries) || has(.affiliation) {
                kind = .actor
            } else {
                return fail("cannot tell whether '\(id)' is a place or an actor: add a 'kind' column (place or actor)")
            }
        }
        if category == nil {
            if kind == .place {
                category = featureCode.map { GazetteerCategory.category(forFeatureCode: $0, featureClass: value(.featureClass)) }
                    ?? (value(.featureClass) == "A" ? GazetteerCategory.district : GazetteerCategory.place)
            } else {
                category = "other"
            }
        }

        var aliases = listValue(.aliases)
        if let ascii = value(.asciiName), ascii != name, !aliases.contains(ascii) { aliases.insert(ascii, at: 0) }
        var countries = listValue(.countries).map { $0.uppercased() }
        var countryCode = value(.country)?.uppercased()
        if kind == .actor, let code = countryCode, countries.isEmpty {
            countries = GazetteerParser.list(ArraySlice(code.utf8))
            countryCode = nil
        }
        if let code = countryCode, code.utf8.contains(0x2C) {
            return fail("country '\(code)' of '\(id)' should be one ISO code (use 'countries' for a list)")
        }
        lineOfID[id] = number
        entries.append(GazetteerEntry(
            id: id, kind: kind!, name: name, aliases: aliases, category: category!, featureCode: featureCode,
            countryCode: countryCode, admin1Code: value(.admin1Code), admin1: value(.admin1), admin2: value(.admin2),
            latitude: latitude, longitude: longitude, population: population, affiliation: value(.affiliation),
            countries: countries, description: value(.description), geonamesID: geonamesID, origin: origin(number)))
    }

    func finish() -> GazetteerLoadResult {
        GazetteerLoadResult(entries: entries, problems: problems, format: .tallyTSV)
    }
}
