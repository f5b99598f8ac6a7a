import Foundation
import Testing
@testable import TallyAnalysis

/// Every row of the count-reading table in Grammar/count-reading.md, read
/// back through `CountReader`: the documentation and the reader cannot drift.
struct CountReaderDocumentTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var language: DocumentLanguage
        var example: String
        var expected: String  // CountInterval.description, or "none"
        var line: Int
        var testDescription: String { "\(language.rawValue) line \(line): \(example) → \(expected)" }
    }

    static let documentPath: String = {
        // Tests/TallyAnalysisTests/<this file> → repository root.
        let here = URL(fileURLWithPath: #filePath)
        return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Grammar/count-reading.md").path
    }()

    /// Rows of the two tables: `| words | `example` | `interval` |`.
    static let rows: [Row] = {
        guard let text = try? String(contentsOfFile: documentPath, encoding: .utf8) else { return [] }
        var language: DocumentLanguage? = nil
        var out: [Row] = []
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("#") {
                language = line.hasPrefix("### Table: English") ? .english
                    : line.hasPrefix("### Table: French") ? .french : nil
                continue
            }
            guard let lang = language, line.hasPrefix("|") else { continue }
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            // "", words, example, reads-as, ""
            guard cells.count >= 5, cells[2].hasPrefix("`"), cells[3].hasPrefix("`") else { continue }
            out.append(Row(language: lang, example: String(cells[2].dropFirst().dropLast()),
                           expected: String(cells[3].dropFirst().dropLast()), line: n + 1))
        }
        return out
    }()

    @Test func theDocumentHasBothTables() {
        #expect(Self.rows.filter { $0.language == .english }.count >= 80)
        #expect(Self.rows.filter { $0.language == .french }.count >= 70)
    }

    @Test(arguments: rows)
    func rowReadsAsDocumented(_ row: Row) {
        let reading = CountReader.read(row.example, language: row.language)
        #expect((reading?.interval.description ?? "none") == row.expected, "read \(reading?.words ?? "nothing")")
    }
}
