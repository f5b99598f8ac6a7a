// libFuzzer target: document bytes through the parser and the whole analysis.
// Built by Tests/Tools/fuzz.sh, not by SwiftPM.
import TallySyntax
import TallyAnalysis

/// The embedded gazetteer, parsed once for the whole run.
let gazetteer = EmbeddedGazetteer.shared

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size))
    let tree = SyntaxTree.parse(bytes: bytes)

    // The tree is lossless: tokens tile the input exactly.
    var offset = 0
    for token in tree.tokens {
        precondition(token.start == offset && token.end > token.start, "tokens must tile the input")
        offset = token.end
    }
    precondition(offset == bytes.count, "tokens must cover the input")
    for d in tree.diagnostics {
        precondition(d.range.lowerBound >= 0 && d.range.upperBound <= bytes.count, "syntax diagnostic \(d.rule) at \(d.range) is outside 0..<\(bytes.count)")
    }
    for tag in tree.tags {
        precondition(tag.range.upperBound <= bytes.count && tag.textRange.upperBound <= bytes.count)
        _ = tree.tagText(tag)
    }
    _ = tree.articleBytes()

    let analysis = DocumentAnalysis.analyze(uri: "file:///fuzz.tally", tree: tree, gazetteer: gazetteer)
    for d in analysis.diagnostics {
        precondition(d.range.lowerBound >= 0 && d.range.upperBound <= bytes.count, "diagnostic \(d.rule) at \(d.range) is outside 0..<\(bytes.count)")
        for fix in d.fixes {
            for edits in fix.edits.values {
                for edit in edits { precondition(edit.range.upperBound <= bytes.count, "fix edit out of range") }
            }
        }
    }
    for r in analysis.references { precondition(r.range.upperBound <= bytes.count, "reference out of range") }

    let workspace = WorkspaceAnalysis(documents: [analysis])
    _ = workspace.diagnostics(for: analysis.uri)
    let records = IncidentRecords.build(workspace: workspace, gazetteer: gazetteer)
    _ = CorpusSummary.make(records: records)
    return 0
}
