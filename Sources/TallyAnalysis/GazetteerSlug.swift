/// Readable ids for gazetteer entries that come without one (GeoNames rows).
///
/// The rules are those the default gazetteer's generator uses
/// (Tests/Tools/make_embedded_gazetteer.py): the folded name with `-` between
/// words (`Nioro du Sahel` → `nioro-du-sahel`); regions get `-region`
/// (`kayes-region`); second-level divisions get `-district` unless their name
/// already has a division word (`nioro-cercle`). When several entries share a
/// slug, the most important one keeps it and the others get their country code
/// appended, then their admin1 code, then their GeoNames id.
public enum GazetteerSlug {
    static let divisionWords: Set<String> = [
        "cercle", "province", "prefecture", "departement", "department", "daira",
        "district", "lga", "commune", "region", "sous-prefecture",
    ]

    /// Lowercase ASCII letters and digits with single `-` between words.
    public static func slug(_ text: String) -> String {
        var out: [UInt8] = []
        var pendingDash = false
        for byte in TextFolding.foldedUTF8(text) {
            let isWordByte = (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            if isWordByte {
                if pendingDash, !out.isEmpty { out.append(UInt8(ascii: "-")) }
                pendingDash = false
                out.append(byte)
            } else {
                pendingDash = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The slug an entry gets before collisions are settled.
    static func baseSlug(name: String, fallbackName: String?, category: String, fallbackID: String) -> String {
        var base = slug(name)
        if base.isEmpty, let fallbackName { base = slug(fallbackName) }
        if base.isEmpty { base = "place-" + fallbackID }
        if category == GazetteerCategory.region, !base.hasSuffix("region") {
            base += "-region"
        } else if category == GazetteerCategory.district {
            let words = base.split(separator: "-").map(String.init)
            if !words.contains(where: divisionWords.contains) { base += "-district" }
        }
        return base
    }

    /// Gives each entry a unique id from its base slug (`bases[i]` for
    /// `entries[i]`), never taking one of `reserved`.
    static func assignIDs(_ entries: inout [GazetteerEntry], bases: [String], reserved: Set<String> = []) {
        // Groups in order of first appearance (deterministic for a given input).
        var groupOf: [String: Int] = [:]
        var groups: [[Int]] = []
        var groupBases: [String] = []
        groupOf.reserveCapacity(bases.count)
        for (i, base) in bases.enumerated() {
            if let g = groupOf[base] { groups[g].append(i) } else {
                groupOf[base] = groups.count
                groups.append([i])
                groupBases.append(base)
            }
        }
        var used = reserved
        used.reserveCapacity(bases.count + reserved.count)
        var pending: [(String, [Int])] = []
        for (g, base) in groupBases.enumerated() {
            var members = groups[g]
            if members.count > 1 {
                members.sort { a, b in
                    let ia = entries[a].importance, ib = entries[b].importance
                    if ia != ib { return ia > ib }
                    return (entries[a].geonamesID ?? Int.max, a) < (entries[b].geonamesID ?? Int.max, b)
                }
            }
            if !used.contains(base) {
                entries[members[0]].id = base
                used.insert(base)
                members.removeFirst()
            }
            if !members.isEmpty { pending.append((base, members)) }
        }
        for (base, members) in pending {
            for i in members {
                let entry = entries[i]
                var candidates: [String] = []
                if let cc = entry.countryCode?.lowercased(), !cc.isEmpty {
                    candidates.append("\(base)-\(cc)")
                    if let a1 = entry.admin1Code, !a1.isEmpty { candidates.append("\(base)-\(cc)-\(slug(a1))") }
                }
                if let geonamesID = entry.geonamesID { candidates.append("\(base)-\(geonamesID)") }
                var chosen = candidates.first { !used.contains($0) }
                if chosen == nil {
                    var n = 2
                    while used.contains("\(base)-\(n)") { n += 1 }
                    chosen = "\(base)-\(n)"
                }
                entries[i].id = chosen!
                used.insert(chosen!)
            }
        }
    }
}
