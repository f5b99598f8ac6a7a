import TallyAnalysis
import TallyProtocol

/// The flat, one-row-per-incident view of incident records shared by the CSV
/// export and the GeoJSON properties. Cells are typed JSON values: `null` is
/// an empty CSV field.
///
/// - Several places: the place columns (`country` … `geo_precision`) describe
///   the first place; `location` lists every place's name, joined by `; `.
/// - Several perpetrators: the first is `actor1`, the others are joined by
///   `; ` in `assoc_actor_1`; the same for victims in `actor2`/`assoc_actor_2`.
/// - `KIND_low`/`KIND_best`/`KIND_high` are all empty when no document reports
///   that kind; an empty `KIND_high` next to a `KIND_low` means no upper bound.
enum IncidentTable {
    static let separator = "; "

    static let columns: [String] = [
        "event_id", "event_date", "time_precision", "event_type", "sub_event_type",
        "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
        "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision",
        "source", "source_url", "notes", "fatalities",
    ] + TagKind.figureKinds.flatMap { ["\($0.rawValue)_low", "\($0.rawValue)_best", "\($0.rawValue)_high"] }
      + ["figures", "documents", "sources_disagree"]

    /// The cells of `record`, one per column, in column order.
    static func row(_ record: IncidentRecord) -> [JSONValue] {
        let place = record.primaryPlace
        var cells: [JSONValue] = [
            .string(record.id),
            text(record.eventDate),
            record.timePrecision.map { JSONValue($0) } ?? .null,
            text(record.eventType?.label),
            text(record.subEventType?.label),
            text(record.perpetrators.first?.name),
            joined(record.perpetrators.dropFirst().map(\.name)),
            text(record.victims.first?.name),
            joined(record.victims.dropFirst().map(\.name)),
            text(place?.country),
            text(place?.admin1),
            text(place?.admin2),
            joined(record.places.map(\.name)),
            place?.latitude.map { JSONValue($0) } ?? .null,
            place?.longitude.map { JSONValue($0) } ?? .null,
            place?.geoPrecision.map { JSONValue($0) } ?? .null,
            joined(record.sources),
            joined(record.sourceURLs),
            joined(record.notes),
            JSONValue(record.fatalities),
        ]
        for kind in TagKind.figureKinds {
            if let c = record.count(kind) {
                cells += [JSONValue(c.low), JSONValue(c.best), c.high.map { JSONValue($0) } ?? .null]
            } else {
                cells += [.null, .null, .null]
            }
        }
        cells.append(JSONValue(record.figures.count))
        cells.append(joined(record.locations.map { "\($0.uri):\($0.line)" }))
        cells.append(JSONValue(record.sourcesDisagree))
        return cells
    }

    /// The row as (column, cell) pairs, in column order.
    static func object(_ record: IncidentRecord) -> JSONObject {
        JSONObject(Array(zip(columns, row(record))))
    }

    /// A cell as CSV field text.
    static func field(_ cell: JSONValue) -> String {
        switch cell {
        case .null: return ""
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return JSONSerializer.string(from: .double(d))
        case .array, .object: return JSONSerializer.string(from: cell)
        }
    }

    static func text(_ s: String?) -> JSONValue {
        guard let s, !s.isEmpty else { return .null }
        return .string(s)
    }

    static func joined<S: Sequence<String>>(_ items: S) -> JSONValue {
        text(Array(items).joined(separator: separator))
    }
}
