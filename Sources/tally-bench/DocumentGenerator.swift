import TallyAnalysis

/// Deterministic benchmark inputs: Tally articles (prose, tags, incident
/// blocks, a few planted faults) and Markdown articles of the same shape
/// for the rumdl comparison. The same size and seed give the same text.
enum DocumentGenerator {
    /// Place names of the embedded gazetteer (some with diacritics) that it
    /// resolves to one place without context.
    static let places: [String] = candidatePlaces.filter { placeIDs[$0] != nil }
    static let candidatePlaces = ["Kayes", "Nioro du Sahel", "Niono", "Molodo", "Sandaré", "Gogui", "Diboli", "Ségou",
                         "Mopti", "Gao", "Kidal", "Ménaka", "Sikasso", "Bamako", "Dioura", "Diallassagou",
                         "Djenné", "Bandiagara", "Douentza", "Hombori", "Ansongo", "Bourem", "Tessalit",
                         "Léré", "Nara", "Koutiala", "Bougouni", "Kita", "San", "Tenenkou"]
    /// Gazetteer ids of `places`, as the embedded gazetteer resolves them.
    static let placeIDs: [String: String] = {
        var ids: [String: String] = [:]
        for name in candidatePlaces {
            if case .resolved(let entry) = EmbeddedGazetteer.shared.resolve(name, kind: .place) {
                ids[name] = entry.id
            }
        }
        return ids
    }()
    /// Actor mentions and ids.
    static let actors: [(text: String, id: String)] = [
        ("JNIM", "jnim"), ("the Malian army", "fama"), ("FAMa", "fama"), ("Wagner", "wagner"),
        ("the Africa Corps", "africa-corps"), ("ISGS", "is-sahel"), ("Katiba Macina", "katiba-macina"),
        ("gunmen", "unidentified-armed-group"), ("Dozo hunters", "dozo"), ("the FLA", "fla"),
    ]
    static let victims = [("civilians", "civilians"), ("soldiers", "fama"), ("villagers", "civilians"),
                          ("fighters", "jnim"), ("hunters", "dozo")]
    static let eventTypes = ["armed-clash", "attack", "abduction-forced-disappearance", "air-drone-strike",
                             "remote-explosive-landmine-ied", "violence-against-civilians"]
    static let numberWords = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "a dozen"]
    static let fillers = [
        "Residents said the attackers arrived on motorbikes before dawn and left towards the border.",
        "Local officials asked for reinforcements, citing the poor state of the roads in the rainy season.",
        "The account could not be verified independently, and communications in the area remain cut.",
        "Humanitarian agencies said access to the surrounding villages had become difficult since March.",
        "Analysts describe a pattern of pressure on supply routes and on markets in the region.",
        "A spokesman declined to give a figure, saying an investigation was under way.",
        "Traders said the weekly market had not been held for three weeks.",
        "The governor visited the wounded in hospital and promised that schools would reopen.",
    ]

    /// A Tally document of about `bytes` bytes. `documentNumber` keeps
    /// incident ids unique across a corpus.
    static func tally(bytes target: Int, seed: UInt64, documentNumber: Int = 0) -> String {
        var r = BenchRandom(seed: seed &* 0x2545_F491_4F6C_DD1D &+ UInt64(documentNumber))
        var out = "---\ntitle: Weekly security report \(documentNumber)\npublished: 2025-07-\(10 + documentNumber % 18)\nlanguage: en\n---\n\n"
        out.reserveCapacity(target + 2048)
        var incident = 0
        // Every article opens with an incident, so that the next one can
        // refer to it; one in ten articles follows up on the previous one's.
        if documentNumber > 0, r.chance(10) {
            out += "Follow-up: [two more people]{killed in=d\(documentNumber - 1)-i0} died of their wounds.\n\n"
        }
        while out.utf8.count < target {
            if incident == 0 || r.chance(35) {
                out += incidentBlock(&r, id: "d\(documentNumber)-i\(incident)", day: 1 + incident % 28)
                incident += 1
            } else {
                out += prose(&r)
            }
            out += "\n"
        }
        return out
    }

    private static func prose(_ r: inout BenchRandom) -> String {
        var lines: [String] = []
        let place = r.pick(places), other = r.pick(places)
        let actor = r.pick(actors)
        lines.append("Violence has reached the area around [\(place)]{place}, not far from [\(other)]{place}.")
        lines.append("[\(actor.text.prefix(1).uppercased() + actor.text.dropFirst())]{actor=\(actor.id)} was blamed by local sources.")
        for _ in 0..<(2 + r.below(4)) { lines.append(r.pick(fillers)) }
        if r.chance(20) { lines.append("Travellers from \(r.pick(places)) described the same scenes.") }
        // A planted fault now and then: a misspelt place.
        if r.chance(2) { lines.append("Shops in [\(r.pick(places))xx]{place} stayed closed.") }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func incidentBlock(_ r: inout BenchRandom, id: String, day: Int) -> String {
        let place = r.pick(places)
        let actor = r.pick(actors)
        let victim = r.pick(victims)
        let type = r.pick(eventTypes)
        let killedWord = r.below(numberWords.count)
        let killed = killedWord == numberWords.count - 1 ? 12 : killedWord + 2
        var head = "::: incident \(id) date=2025-06-\(day < 10 ? "0" : "")\(day) type=\(type)"
        head += " place=\(placeIDs[place] ?? "unknown") by=\(actor.id) victim=\(victim.1)"
        // Usually consistent totals; sometimes a total the tags contradict.
        head += " killed=\(r.chance(5) ? killed + 7 : killed)"
        var body: [String] = [head]
        body.append("On the night of \(day) June, [\(actor.text)]{actor=\(actor.id)} attacked [\(place)]{place}.")
        body.append("[\(numberWords[killedWord].prefix(1).uppercased() + numberWords[killedWord].dropFirst()) \(victim.0)]{killed victim=\(victim.1)} were killed, a local official said.")
        if r.chance(50) {
            body.append("[At least \(2 + r.below(20)) people]{injured victim=civilians} were taken to the hospital in [\(r.pick(places))]{place}.")
        }
        if r.chance(25) {
            body.append("[\(r.pick(numberWords).capitalizedFirst) traders]{abducted victim=civilians} were taken away.")
        }
        for _ in 0..<(1 + r.below(3)) { body.append(r.pick(fillers)) }
        body.append(":::")
        return body.joined(separator: "\n") + "\n"
    }

    /// A Markdown article of about `bytes` bytes, of the same prose.
    static func markdown(bytes target: Int, seed: UInt64, documentNumber: Int = 0) -> String {
        var r = BenchRandom(seed: seed &* 0x2545_F491_4F6C_DD1D &+ UInt64(documentNumber))
        var out = "# Weekly security report \(documentNumber)\n\n"
        out.reserveCapacity(target + 2048)
        var section = 0
        while out.utf8.count < target {
            if r.chance(30) {
                section += 1
                out += "## \(r.pick(places)), \(section) June\n\n"
            }
            let place = r.pick(places)
            var lines = ["Violence has reached the area around **\(place)**, not far from *\(r.pick(places))*."]
            for _ in 0..<(2 + r.below(4)) { lines.append(r.pick(fillers)) }
            out += lines.joined(separator: "\n") + "\n\n"
            if r.chance(30) {
                out += "- \(r.pick(numberWords).capitalizedFirst) \(r.pick(victims).0) killed\n"
                out += "- reported by [a local source](https://example.org/report/\(section))\n\n"
            }
        }
        return out
    }
}

extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
