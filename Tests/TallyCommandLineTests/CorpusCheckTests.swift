import Foundation
import Testing
import TallyAnalysis
@testable import TallyCommandLine

/// `tally check` keeps only what reporting needs per file, yet reports
/// exactly what one workspace of all the files gives, links across files
/// included.
@Suite struct CorpusCheckTests {
    static let files: [String: String] = [
        // The same incident with totals that disagree.
        "a.tally": "::: incident x1 date=2025-06-01 type=attack place=kayes killed=5\n[Five people]{killed} died.\n:::\n",
        "b.tally": "::: incident x1 date=2025-06-01 type=attack place=kayes killed=20\n[Twenty people]{killed} died.\n:::\n",
        // in= to another file's incident, and to an incident defined nowhere (a typo of x2).
        "c.tally": "Later [three people]{killed in=x1} died, and [two soldiers]{injured in=x22}.\n",
        "d.tally": "::: incident x2 date=2025-06-02 type=attack place=gao\nQuiet.\n:::\n",
        // A file with a problem of its own and a clean one.
        "e.tally": "Fighters entered [Kayes]{plaec}.\n",
        "f.tally": "Nothing to see in [Kayes]{place}.\n",
    ]

    @Test func sameDiagnosticsAsOneWholeWorkspace() throws {
        let dir = try ExternalTool.makeTemporaryDirectory("tally-corpus")
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in Self.files {
            try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        var options = CheckCommand.Options()
        options.paths = [dir.path]
        let outcome = CheckCommand.check(options)

        let whole = WorkspaceLoader.load([dir.path], config: nil)
        var expected: [String: [Diagnostic]] = [:]
        for group in whole.groups {
            for (k, index) in group.members.enumerated() {
                guard case .success(let d) = group.analyses[k] else { continue }
                expected[whole.files[index]] = group.workspace.diagnostics(for: d.uri).filter { $0.severity != .hint }
            }
        }
        #expect(outcome.files.map(\.path) == whole.files)
        for f in outcome.files {
            #expect(f.diagnostics == expected[f.path], "\(f.path)")
        }
        // The links were exercised: a conflict, a resolved in=, a hint from another file.
        let rules = outcome.files.flatMap { $0.diagnostics.map(\.rule) }
        #expect(rules.filter { $0 == "cross-document-conflict" }.count == 2)
        let c = try #require(outcome.files.first { $0.path.hasSuffix("c.tally") })
        #expect(c.diagnostics.filter { $0.rule == "unknown-incident" }.count == 1)
        #expect(c.diagnostics.contains { $0.message.contains("'x22'") && $0.message.contains("'x2'") })
        // Reporting still has the text of files with diagnostics; clean files keep none.
        #expect(c.bytes == Array(Self.files["c.tally"]!.utf8))
        let clean = try #require(outcome.files.first { $0.path.hasSuffix("f.tally") })
        #expect(clean.diagnostics.isEmpty && clean.bytes.isEmpty)
    }
}
