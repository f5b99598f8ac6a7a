import TallyAnalysis
import TallyProtocol

/// The JSON and GeoJSON forms of incident records.
///
/// Both are written one incident (or feature) per line inside the enclosing
/// object, so that exports diff well under version control; each line is
/// compact JSON and the whole is a single valid JSON document.
enum IncidentJSON {
    /// `{"incidents":[…]}` with the nested form of every record.
    static func document(_ records: [IncidentRecord]) -> [UInt8] {
        lines(prefix: "{\"incidents\":[", items: records.map(nested), suffix: "]}")
    }

    /// A GeoJSON FeatureCollection (RFC 7946) with one feature per incident.
    static func featureCollection(_ records: [IncidentRecord]) -> [UInt8] {
        lines(prefix: "{\"type\":\"FeatureCollection\",\"features\":[", items: records.map(feature), suffix: "]}")
    }

    static func lines(prefix: String, items: [JSONValue], suffix: String) -> [UInt8] {
        var out = Array(prefix.utf8)
        let serializer = JSONSerializer()
        for (i, item) in items.enumerated() {
            out.append(contentsOf: (i == 0 ? "\n" : ",\n").utf8)
            serializer.write(item, to: &out)
        }
        if !items.isEmpty { out.append(UInt8(ascii: "\n")) }
        out.append(contentsOf: suffix.utf8)
        out.append(UInt8(ascii: "\n"))
        return out
    }

    // MARK: Nested form

    static func nested(_ r: IncidentRecord) -> JSONValue {
        var o = JSONObject()
        o["event_id"] = .string(r.id)
        o["event_date"] = IncidentTable.text(r.eventDate)
        if let d = r.date {
            o["date"] = ["start": .string(d.start.description), "end": .string(d.end.description)]
        } else {
            o["date"] = .null
        }
        o["time_precision"] = r.timePrecision.map { JSONValue($0) } ?? .null
        o["type"] = IncidentTable.text(r.type?.id)
        o["event_type"] = IncidentTable.text(r.eventType?.label)
        o["sub_event_type"] = IncidentTable.text(r.subEventType?.label)
        o["perpetrators"] = .array(r.perpetrators.map(actor))
        o["victims"] = .array(r.victims.map(actor))
        o["places"] = .array(r.places.map(place))
        o["sources"] = .array(r.sources.map { .string($0) })
        o["source_urls"] = .array(r.sourceURLs.map { .string($0) })
        o["notes"] = .array(r.notes.map { .string($0) })
        o["fatalities"] = JSONValue(r.fatalities)
        var counts = JSONObject()
        for c in r.counts {
            counts[c.kind.rawValue] = [
                "low": JSONValue(c.low),
                "best": JSONValue(c.best),
                "high": c.high.map { JSONValue($0) } ?? .null,
                "sources_disagree": JSONValue(c.sourcesDisagree),
                "statements": .array(c.statements.map { s in
                    [
                        "document": .string(s.location.uri),
                        "line": JSONValue(s.location.line),
                        "low": JSONValue(s.interval.low),
                        "high": s.interval.high.map { JSONValue($0) } ?? .null,
                        "inconsistent": JSONValue(s.isInconsistent),
                    ]
                }),
            ]
        }
        o["counts"] = .object(counts)
        o["figures"] = .array(r.figures.map(figure))
        o["documents"] = .array(r.locations.map { ["document": .string($0.uri), "line": JSONValue($0.line)] })
        o["sources_disagree"] = JSONValue(r.sourcesDisagree)
        return .object(o)
    }

    static func actor(_ a: IncidentRecord.Actor) -> JSONValue {
        ["id": .string(a.id), "name": .string(a.name), "category": IncidentTable.text(a.category)]
    }

    static func place(_ p: IncidentRecord.Place) -> JSONValue {
        [
            "id": .string(p.id),
            "name": .string(p.name),
            "country": IncidentTable.text(p.country),
            "country_code": IncidentTable.text(p.countryCode),
            "admin1": IncidentTable.text(p.admin1),
            "admin2": IncidentTable.text(p.admin2),
            "latitude": p.latitude.map { JSONValue($0) } ?? .null,
            "longitude": p.longitude.map { JSONValue($0) } ?? .null,
            "geo_precision": p.geoPrecision.map { JSONValue($0) } ?? .null,
        ]
    }

    static func figure(_ f: IncidentRecord.SupportingFigure) -> JSONValue {
        [
            "kind": .string(f.kind.rawValue),
            "text": .string(f.text),
            "low": JSONValue(f.interval.low),
            "high": f.interval.high.map { JSONValue($0) } ?? .null,
            "victim": IncidentTable.text(f.victim),
            "by": IncidentTable.text(f.by),
            "note": IncidentTable.text(f.note),
            "document": .string(f.location.uri),
            "line": JSONValue(f.location.line),
            "column": JSONValue(f.column),
        ]
    }

    // MARK: GeoJSON

    /// A Feature whose geometry is a Point (one place with coordinates), a
    /// MultiPoint (several, in the order of `place=`), or null (none known).
    /// Positions are [longitude, latitude], as RFC 7946 requires.
    static func feature(_ r: IncidentRecord) -> JSONValue {
        let positions: [JSONValue] = r.places.compactMap { p in
            guard let lat = p.latitude, let lon = p.longitude else { return nil }
            return [JSONValue(lon), JSONValue(lat)]
        }
        let geometry: JSONValue
        switch positions.count {
        case 0: geometry = .null
        case 1: geometry = ["type": "Point", "coordinates": positions[0]]
        default: geometry = ["type": "MultiPoint", "coordinates": .array(positions)]
        }
        return [
            "type": "Feature",
            "id": .string(r.id),
            "geometry": geometry,
            "properties": .object(IncidentTable.object(r)),
        ]
    }
}
