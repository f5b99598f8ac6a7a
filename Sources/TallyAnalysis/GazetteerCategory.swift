/// The category names the gazetteer uses, and how important each is.
///
/// Places: `country` (GeoNames PCLI), `region` (ADM1), `district` (ADM2),
/// `capital` (PPLC), `town` (PPLA…PPLA4, a seat of an administrative unit),
/// `place` (any other populated place; `village` and `city` are accepted as
/// synonyms in Tally TSV files), `feature` (any other GeoNames feature: a
/// river, a hill, a camp). Actors use the categories of the actors file
/// (`state-force`, `foreign-state-force`, `armed-group`, `militia`,
/// `political`, `civilians`, `international-org`, `other`).
public enum GazetteerCategory {
    public static let country = "country"
    public static let region = "region"
    public static let district = "district"
    public static let capital = "capital"
    public static let town = "town"
    public static let place = "place"
    public static let village = "village"
    public static let city = "city"
    public static let feature = "feature"

    /// Categories that name places.
    public static let placeCategories: Set<String> = [country, region, district, capital, town, place, village, city, feature]
    /// Categories of the default actors file.
    public static let actorCategories: Set<String> = [
        "state-force", "foreign-state-force", "armed-group", "militia", "political",
        "civilians", "international-org", "other",
    ]
    /// Categories of populated places (as opposed to countries and divisions).
    public static let populatedCategories: Set<String> = [capital, town, place, village, city]
    /// Categories of countries and administrative divisions.
    public static let divisionCategories: Set<String> = [country, region, district]

    /// The category of a GeoNames feature code (`PCLI`, `ADM1`, `PPLA2`, …),
    /// `feature` for anything else.
    public static func category(forFeatureCode code: String, featureClass: String? = nil) -> String {
        switch code {
        case "PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCL": return country
        case "ADM1", "ADM1H": return region
        case "ADM2", "ADM2H": return district
        case "PPLC": return capital
        case "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLA5", "PPLG": return town
        default:
            if code.hasPrefix("PPL") { return place }
            if code.isEmpty, featureClass == "P" { return place }
            if code.hasPrefix("ADM") { return district }
            return feature
        }
    }

    /// Rank used for ordering by importance: country > capital > region >
    /// town > district > other populated places; actors all rank alike.
    public static func rank(of category: String) -> Int {
        switch category {
        case country: return 7
        case capital: return 6
        case region: return 5
        case town, city: return 4
        case district: return 3
        case place, village: return 2
        default: return 1
        }
    }
}
