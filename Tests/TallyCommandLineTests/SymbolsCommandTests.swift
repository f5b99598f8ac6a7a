import Foundation
import Testing

/// `tally symbols FILE` as a subprocess: the outline, the project's
/// gazetteer, and the exit codes.
@Suite struct SymbolsCommandTests {
    @Test func printsTheOutlineWithTheProjectGazetteer() throws {
        let folder = try ExternalTool.makeTemporaryDirectory("tally-symbols")
        defer { try? FileManager.default.removeItem(at: folder) }
        try #"{"gazetteers": ["extra.tsv"]}"#.write(to: folder.appendingPathComponent("tally.json"), atomically: true, encoding: .utf8)
        try "id\tname\tkind\ngogui\tGogui\tplace\n".write(to: folder.appendingPathComponent("extra.tsv"), atomically: true, encoding: .utf8)
        try """
            ::: incident é-raid date=2025-07-01
            « Vu » à [Gogui]{place}: [at least 130 people]{killed}.
            :::

            """.write(to: folder.appendingPathComponent("a.tally"), atomically: true, encoding: .utf8)
        let result = try TallyProcess.run(["symbols", "a.tally"], directory: folder)
        #expect(result.status == 0)
        // Columns count characters: "« Vu » à [" is 10 of them.
        #expect(result.stdout == """
            1:14  incident  é-raid  (2025-07-01 · killed ≥130)
              2:11  place  Gogui  (gogui)
              2:27  figure  killed ≥130  (at least 130 people)

            """)
    }

    @Test func usageAndMissingFiles() throws {
        #expect(try TallyProcess.run(["symbols"]).status == 2)
        let missing = try TallyProcess.run(["symbols", "no-such-file.tally"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no-such-file.tally"))
        #expect(try TallyProcess.run(["symbols", "--help"]).stdout.hasPrefix("usage: tally symbols FILE"))
    }
}
