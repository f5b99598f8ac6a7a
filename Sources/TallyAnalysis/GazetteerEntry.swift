import Foundation

/// One place or actor of a gazetteer.
public struct GazetteerEntry: Sendable, Hashable {
    /// Readable, stable id (`kayes`, `kayes-region`, `jnim`).
    public var id: String
    public var kind: GazetteerEntryKind
    /// Canonical name, with its diacritics (`Ségou`).
    public var name: String
    /// Other names: spellings, ASCII forms, acronyms, translations.
    public var aliases: [String]
    /// See `GazetteerCategory`.
    public var category: String
    /// GeoNames feature code (`PPLA`, `ADM1`, …) when known.
    public var featureCode: String?
    /// ISO 3166-1 alpha-2 code of a place.
    public var countryCode: String?
    /// GeoNames admin1 code (not ISO), e.g. `03` for Kayes in Mali.
    public var admin1Code: String?
    /// Name of the first-level division (region) a place is in.
    public var admin1: String?
    /// Name of the second-level division (cercle, province, LGA…).
    public var admin2: String?
    public var latitude: Double?
    public var longitude: Double?
    public var population: Int?
    /// Actors: who they belong to or answer to (`al-Qaeda`, `Russia`).
    public var affiliation: String?
    /// Actors: ISO alpha-2 codes of the countries where they are active.
    public var countries: [String]
    public var description: String?
    /// The GeoNames `geonameid`; the entry is also addressable as `geonames:ID`.
    public var geonamesID: Int?
    public var origin: GazetteerOrigin

    public init(id: String, kind: GazetteerEntryKind, name: String, aliases: [String] = [],
                category: String, featureCode: String? = nil, countryCode: String? = nil,
                admin1Code: String? = nil, admin1: String? = nil, admin2: String? = nil,
                latitude: Double? = nil, longitude: Double? = nil, population: Int? = nil,
                affiliation: String? = nil, countries: [String] = [], description: String? = nil,
                geonamesID: Int? = nil, origin: GazetteerOrigin = .embedded) {
        self.id = id
        self.kind = kind
        self.name = name
        self.aliases = aliases
        self.category = category
        self.featureCode = featureCode
        self.countryCode = countryCode
        self.admin1Code = admin1Code
        self.admin1 = admin1
        self.admin2 = admin2
        self.latitude = latitude
        self.longitude = longitude
        self.population = population
        self.affiliation = affiliation
        self.countries = countries
        self.description = description
        self.geonamesID = geonamesID
        self.origin = origin
    }

    /// `geonames:ID` when the entry has a GeoNames id.
    public var geonamesReference: String? { geonamesID.map { "geonames:\($0)" } }

    /// A town, village or capital (not a country or an administrative division).
    public var isPopulatedPlace: Bool {
        kind == .place && GazetteerCategory.populatedCategories.contains(category)
    }

    /// A country or an administrative division.
    public var isDivision: Bool {
        kind == .place && GazetteerCategory.divisionCategories.contains(category)
    }

    /// Country codes the entry belongs to: its country for a place, the
    /// countries it is active in for an actor.
    public var allCountryCodes: [String] {
        if let countryCode { return [countryCode] + countries.filter { $0 != countryCode } }
        return countries
    }

    /// Ordering weight: category rank first (country > capital > region >
    /// town > district > place), then population on a log scale. Fits in 27 bits.
    public var importance: Int {
        let rank = GazetteerCategory.rank(of: category)
        var populationScore = 0
        if let population, population > 0 {
            populationScore = min(Int(log2(Double(population) + 1) * 65_536), (1 << 23) - 1)
        }
        return rank << 23 | populationScore
    }
}
