/// The default gazetteer compiled into the binary: places of Mali and its
/// Sahel neighbours (from GeoNames, plus three hand-added villages) and the
/// conflict actors of Sahel reporting. Generated into
/// `EmbeddedGazetteerData.swift` by Tests/Tools/make_embedded_gazetteer.py.
public enum EmbeddedGazetteer {
    /// Credit the GeoNames licence requires wherever the default gazetteer ships.
    public static let attribution = """
        This product includes geographical data from GeoNames (https://www.geonames.org/), \
        licensed under the Creative Commons Attribution 4.0 International License \
        (https://creativecommons.org/licenses/by/4.0/). The data was modified: filtered to ten \
        West African countries, reduced to selected columns, and merged with ISO 3166-2 \
        subdivision codes and names. ISO 3166 codes and names come from Debian's iso-codes \
        (via pycountry, LGPL-2.1); three coordinates come from Wikipedia articles \
        (Sandaré, Diallassagou, Dioura).
        """

    /// Parses the embedded data into entries (places first, then actors).
    public static func entries() -> [GazetteerEntry] {
        var entries: [GazetteerEntry] = []
        entries.reserveCapacity(9_200)
        for chunk in EmbeddedGazetteerData.placeChunks {
            entries.append(contentsOf: GazetteerParser.parseEmbedded(chunk).entries)
        }
        entries.append(contentsOf: GazetteerParser.parseEmbedded(EmbeddedGazetteerData.actors).entries)
        return entries
    }

    /// Builds a fresh gazetteer from the embedded data.
    public static func load() -> Gazetteer {
        Gazetteer(entries: entries())
    }

    /// The embedded gazetteer, built once on first use.
    public static let shared: Gazetteer = load()
}
