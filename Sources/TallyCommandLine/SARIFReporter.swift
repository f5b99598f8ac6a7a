import TallyAnalysis
import TallyProtocol

/// SARIF 2.1.0 output, for code-scanning services and viewers.
public enum SARIFReporter {
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"

    public static func render(_ files: [CheckedFile], others: [String: CheckedFile] = [:], toolVersion: String) -> String {
        let rules = RuleCatalog.all
        var ruleIndex: [String: Int] = [:]
        for (i, r) in rules.enumerated() { ruleIndex[r.name] = i }
        let ruleObjects: [JSONValue] = rules.map { r in
            var o: JSONObject = [
                "id": .string(r.name),
                "name": .string(camel(r.name)),
                "shortDescription": .object(["text": .string(r.summary)]),
                "defaultConfiguration": .object(["level": .string(level(r.defaultSeverity))]),
                "properties": .object(["category": .string(r.category.rawValue)]),
            ]
            if let help = ReferenceLink.url(for: r.name) { o["helpUri"] = .string(help) }
            return .object(o)
        }
        var artifacts: [JSONValue] = []
        var artifactIndex: [String: Int] = [:]
        for f in files {
            artifactIndex[f.path] = artifacts.count
            artifacts.append(.object(["location": .object(["uri": .string(uriReference(f.path))]), "length": .int(Int64(f.bytes.count))]))
        }
        var results: [JSONValue] = []
        for f in files {
            for d in f.diagnostics {
                var result: JSONObject = [
                    "ruleId": .string(d.rule),
                    "level": .string(level(d.severity)),
                    "message": .object(["text": .string(d.message)]),
                    "locations": .array([location(f, d.range, artifactIndex[f.path])]),
                ]
                if let i = ruleIndex[d.rule] { result["ruleIndex"] = .int(Int64(i)) }
                if !d.related.isEmpty {
                    var related: [JSONValue] = []
                    for (k, r) in d.related.enumerated() {
                        let target = r.uri == f.path ? f : others[r.uri]
                        guard let t = target else { continue }
                        guard case .object(var loc) = location(t, r.range, artifactIndex[t.path]) else { continue }
                        loc["id"] = .int(Int64(k))
                        loc["message"] = .object(["text": .string(r.message)])
                        related.append(.object(loc))
                    }
                    if !related.isEmpty { result["relatedLocations"] = .array(related) }
                }
                results.append(.object(result))
            }
        }
        var driver: JSONObject = ["name": "tally", "version": .string(toolVersion), "rules": .array(ruleObjects)]
        if let base = ReferenceLink.base { driver["informationUri"] = .string(base) }
        let run: JSONObject = [
            "tool": .object(["driver": .object(driver)]),
            "columnKind": "unicodeCodePoints",
            "artifacts": .array(artifacts),
            "results": .array(results),
        ]
        let root: JSONObject = ["$schema": .string(schemaURI), "version": "2.1.0", "runs": .array([.object(run)])]
        return JSONSerializer.string(from: .object(root)) + "\n"
    }

    static func location(_ f: CheckedFile, _ r: Range<Int>, _ index: Int?) -> JSONValue {
        let a = f.position(r.lowerBound), b = f.position(r.upperBound)
        var artifact: JSONObject = ["uri": .string(uriReference(f.path))]
        if let index { artifact["index"] = .int(Int64(index)) }
        return .object(["physicalLocation": .object([
            "artifactLocation": .object(artifact),
            "region": .object([
                "startLine": .int(Int64(a.line)), "startColumn": .int(Int64(a.column)),
                "endLine": .int(Int64(b.line)), "endColumn": .int(Int64(b.column)),
                "byteOffset": .int(Int64(r.lowerBound)), "byteLength": .int(Int64(r.count)),
            ]),
        ])])
    }

    static func level(_ s: Severity) -> String {
        switch s {
        case .error: return "error"
        case .warning: return "warning"
        case .info, .hint: return "note"
        }
    }

    static func camel(_ s: String) -> String {
        var out = ""
        var upper = true
        for c in s {
            if c == "-" { upper = true; continue }
            out += upper ? c.uppercased() : String(c)
            upper = false
        }
        return out
    }

    /// A relative path as a URI reference: percent-encode what URIs do not allow.
    static func uriReference(_ path: String) -> String {
        var out = ""
        for b in path.utf8 {
            let c = Character(Unicode.Scalar(b))
            if (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || "-._~/".contains(c) {
                out.append(c)
            } else {
                out += "%" + String(b, radix: 16, uppercase: true).leftPadded(2)
            }
        }
        return path.hasPrefix("/") ? "file://" + out : out
    }
}

extension String {
    func leftPadded(_ n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
