import Foundation

/// A deterministic, synthetic GeoNames dump shaped like `cities500.txt`, for
/// tests and benchmarks (no large data is committed).
///
/// Rows have the 19 GeoNames columns; names are built from West African-like
/// syllables, some with diacritics, hyphens or a second word; about a third of
/// the rows carry alternate names (ASCII spellings, variants, a Cyrillic
/// transliteration); feature codes follow cities500's mix (one PPLC per
/// country, a few percent PPLA…PPLA4, the rest PPL); populations are skewed
/// like real towns. The same `rows` and `seed` always give the same text.
public enum SyntheticGazetteer {
    /// Country codes the rows are spread over.
    public static let countries = ["ML", "BF", "NE", "SN", "MR", "GN", "CI", "DZ", "TD", "NG",
                                   "GH", "TG", "BJ", "CM", "LR", "SL", "GM", "GW", "CV", "MA"]

    /// The first GeoNames id used (row `i` has id `firstID + i`).
    public static let firstID = 90_000_000

    /// A dump of `rows` rows. Each row ends with `\n`.
    public static func geoNamesDump(rows: Int, seed: UInt64 = 1) -> String {
        var generator = SplitMix64(seed: seed)
        var out = ""
        out.reserveCapacity(rows * 110)
        for i in 0..<rows {
            out += row(index: i, generator: &generator)
            out += "\n"
        }
        return out
    }

    private static let onsets = ["b", "d", "g", "k", "m", "n", "s", "t", "y", "z", "dj", "ny", "f", "l",
                                 "s", "k", "t", "b", "h", "w", "kh", "gu", "ts", "r", "m", "d"]
    private static let vowels = ["a", "e", "i", "o", "ou", "a", "é", "o", "ia", "è", "ô", "ai"]
    private static let codas = ["", "", "", "n", "r", "l", "ng", "s"]
    private static let secondWords = ["du Sahel", "Koura", "Coura", "Est", "Ouest", "Bas", "Haut", "Nord", "Sud", "Plage"]
    private static let cyrillic: [Character: String] = [
        "a": "а", "b": "б", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и", "j": "дж", "k": "к",
        "l": "л", "m": "м", "n": "н", "o": "о", "r": "р", "s": "с", "t": "т", "u": "у", "w": "в", "y": "й", "z": "з",
    ]

    private static func word(_ generator: inout SplitMix64, syllables: Int) -> String {
        var text = ""
        for _ in 0..<syllables {
            text += generator.pick(onsets)
            text += generator.pick(vowels)
        }
        text += generator.pick(codas)
        return text.prefix(1).uppercased() + text.dropFirst()
    }

    private static func row(index: Int, generator: inout SplitMix64) -> String {
        let country = countries[index % countries.count]
        var name = word(&generator, syllables: 2 + Int(generator.next() % 3))
        let shape = generator.next() % 20
        if shape == 0 { name += " " + generator.pick(secondWords) }
        else if shape == 1 { name += "-" + word(&generator, syllables: 1 + Int(generator.next() % 2)) }
        let ascii = TextFolding.words(ofFolded: TextFolding.fold(name))
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
        var alternates: [String] = []
        if generator.next() % 3 == 0 {
            alternates.append(ascii)
            if generator.next() % 2 == 0 {
                alternates.append(ascii.replacingFirst("ou", with: "u"))
            }
            if generator.next() % 4 == 0 {
                alternates.append(String(ascii.lowercased().flatMap { cyrillic[$0] ?? String($0) }))
            }
        }
        let featureCode: String
        let roll = generator.next() % 1000
        if index < countries.count { featureCode = "PPLC" }
        else if roll < 10 { featureCode = "PPLA" }
        else if roll < 60 { featureCode = "PPLA2" }
        else if roll < 75 { featureCode = "PPLA3" }
        else { featureCode = "PPL" }
        let population: Int
        switch featureCode {
        case "PPLC": population = 500_000 + Int(generator.next() % 3_000_000)
        case "PPLA": population = 50_000 + Int(generator.next() % 500_000)
        default:
            // Heavy tail: most places are small.
            let r = Double(generator.next() % 1_000_000) / 1_000_000
            population = 500 + Int(4_000 / (1.0 - r * 0.999) - 4_000)
        }
        let latitude = -5.0 + Double(generator.next() % 3_000_000) / 100_000
        let longitude = -18.0 + Double(generator.next() % 3_600_000) / 100_000
        let admin1 = String(1 + generator.next() % 20).leftPadded(to: 2)
        let fields: [String] = [
            String(firstID + index), name, ascii, alternates.filter { $0 != name }.joined(separator: ","),
            String(format5(latitude)), String(format5(longitude)), "P", featureCode, country, "",
            admin1, String(100 + generator.next() % 50), "", "", String(population), "",
            String(200 + generator.next() % 300), "Africa/Bamako", "2024-01-15",
        ]
        return fields.joined(separator: "\t")
    }

    private static func format5(_ value: Double) -> String {
        let scaled = Int((value * 100_000).rounded())
        let sign = scaled < 0 ? "-" : ""
        let magnitude = abs(scaled)
        return "\(sign)\(magnitude / 100_000).\(String(magnitude % 100_000).leftPadded(to: 5))"
    }
}

private extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }

    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}
