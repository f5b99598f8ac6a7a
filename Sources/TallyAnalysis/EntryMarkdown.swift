/// Markdown descriptions of gazetteer entries, shared by hover and completion.
public enum EntryMarkdown {
    public static func render(_ e: GazetteerEntry, gazetteer: Gazetteer) -> String {
        var lines: [String] = []
        lines.append("**\(e.name)** `\(e.id)`")
        if e.kind == .actor {
            var facts = [e.category]
            if let a = e.affiliation, !a.isEmpty { facts.append("affiliation: \(a)") }
            if !e.countries.isEmpty { facts.append("active in: \(e.countries.joined(separator: ", "))") }
            lines.append(facts.joined(separator: " · "))
        } else {
            var facts = [e.category]
            if let a2 = e.admin2, !a2.isEmpty { facts.append(a2) }
            if let a1 = e.admin1, !a1.isEmpty, a1 != e.name { facts.append(a1) }
            if let c = e.countryCode { facts.append(gazetteer.country(code: c)?.name ?? c) }
            lines.append(facts.joined(separator: " · "))
            if let lat = e.latitude, let lon = e.longitude {
                lines.append("\(coordinate(lat, "N", "S")), \(coordinate(lon, "E", "W")) · [map](\(mapLink(lat, lon)))")
            }
            if let p = e.population, p > 0 { lines.append("population \(grouped(p))") }
        }
        if let d = e.description, !d.isEmpty { lines.append(d) }
        let aliases = e.aliases.prefix(8)
        if !aliases.isEmpty {
            lines.append("also: " + aliases.joined(separator: ", ") + (e.aliases.count > 8 ? ", …" : ""))
        }
        if let g = e.geonamesID { lines.append("GeoNames [\(g)](https://www.geonames.org/\(g))") }
        return lines.joined(separator: "\n\n")
    }

    static func coordinate(_ v: Double, _ pos: String, _ neg: String) -> String {
        let a = abs(v)
        let rounded = (a * 10000).rounded() / 10000
        return "\(rounded)°\(v >= 0 ? pos : neg)"
    }

    /// An OpenStreetMap link centred on the point.
    public static func mapLink(_ lat: Double, _ lon: Double) -> String {
        "https://www.openstreetmap.org/?mlat=\(lat)&mlon=\(lon)#map=11/\(lat)/\(lon)"
    }

    static func grouped(_ n: Int) -> String {
        let s = String(n)
        var out = ""
        for (i, c) in s.reversed().enumerated() {
            if i > 0 && i % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return String(out.reversed())
    }
}
