import Testing
@testable import TallyAnalysis

/// Shared fixtures for analysis tests.
enum Fixture {
    /// The embedded gazetteer, parsed once for all tests.
    static let gazetteer: Gazetteer = EmbeddedGazetteer.load()

    static func analyze(_ text: String, uri: String = "test.tally", settings: AnalysisSettings = .default) -> DocumentAnalysis {
        DocumentAnalysis.analyze(uri: uri, text: text, gazetteer: gazetteer, settings: settings)
    }

    /// Diagnostics as (rule, the text their range covers).
    static func findings(_ text: String, settings: AnalysisSettings = .default) -> [Finding] {
        let a = analyze(text, settings: settings)
        return a.diagnostics.map { Finding(rule: $0.rule, text: a.tree.text($0.range)) }
    }
}

struct Finding: Hashable, CustomStringConvertible {
    var rule: String
    var text: String
    var description: String { "\(rule) @ '\(text)'" }
}

/// Splits a document with one `$0` cursor marker into the text and the byte offset of the marker.
func cursor(_ marked: String) -> (text: String, offset: Int) {
    let bytes = Array(marked.utf8)
    let marker = Array("$0".utf8)
    for i in 0..<(bytes.count - 1) where bytes[i] == marker[0] && bytes[i + 1] == marker[1] {
        return (String(decoding: bytes[..<i] + bytes[(i + 2)...], as: UTF8.self), i)
    }
    Issue.record("no $0 marker in the test document")
    return (marked, 0)
}
