import TallyAnalysis
import TallyProtocol

/// The documented JSON output of `tally check --format json` (see README, "JSON output").
public enum JSONReporter {
    public static let formatVersion = 1

    public static func render(_ files: [CheckedFile], others: [String: CheckedFile] = [:]) -> String {
        var list: [JSONValue] = []
        for f in files {
            var diags: [JSONValue] = []
            for d in f.diagnostics {
                var related: [JSONValue] = []
                for r in d.related {
                    let t = r.uri == f.path ? f : others[r.uri]
                    var o: JSONObject = ["path": .string(t?.path ?? r.uri), "message": .string(r.message)]
                    if let t { o["range"] = range(t, r.range) }
                    related.append(.object(o))
                }
                let o: JSONObject = [
                    "rule": .string(d.rule),
                    "severity": .string(d.severity.rawValue),
                    "message": .string(d.message),
                    "range": range(f, d.range),
                    "related": .array(related),
                    "fixes": .array(d.fixes.map { .string($0.title) }),
                ]
                diags.append(.object(o))
            }
            list.append(.object(["path": .string(f.path), "diagnostics": .array(diags)]))
        }
        let s = CheckSummary(files: files)
        let root: JSONObject = [
            "version": .int(Int64(formatVersion)),
            "files": .array(list),
            "summary": .object(["files": .int(Int64(s.files)), "errors": .int(Int64(s.errors)),
                                "warnings": .int(Int64(s.warnings)), "notes": .int(Int64(s.others))]),
        ]
        return JSONSerializer.string(from: .object(root)) + "\n"
    }

    static func range(_ f: CheckedFile, _ r: Range<Int>) -> JSONValue {
        let a = f.position(r.lowerBound), b = f.position(r.upperBound)
        return .object([
            "start": .object(["line": .int(Int64(a.line)), "column": .int(Int64(a.column)), "offset": .int(Int64(r.lowerBound))]),
            "end": .object(["line": .int(Int64(b.line)), "column": .int(Int64(b.column)), "offset": .int(Int64(r.upperBound))]),
        ])
    }
}
