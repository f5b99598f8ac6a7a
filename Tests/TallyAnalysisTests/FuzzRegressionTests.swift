import Foundation
import Testing
@testable import TallySyntax
@testable import TallyAnalysis

/// Inputs the fuzzers found (Tests/Fuzz/regressions/parser), replayed through
/// the checks of the parser fuzz target, plus minimal versions of each bug.
@Suite struct FuzzRegressionTests {
    static let regressions: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz/regressions/parser")

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: regressions.path)) ?? []).sorted()
    }

    /// What the parser target checks: the tokens tile the input and every
    /// range the analysis hands out lies inside the document.
    static func checkInvariants(_ bytes: [UInt8]) {
        let tree = SyntaxTree.parse(bytes: bytes)
        var offset = 0
        for token in tree.tokens {
            #expect(token.start == offset && token.end > token.start)
            offset = token.end
        }
        #expect(offset == bytes.count)
        let analysis = DocumentAnalysis.analyze(uri: "regression.tally", tree: tree, gazetteer: Fixture.gazetteer)
        for d in analysis.diagnostics {
            #expect(d.range.lowerBound >= 0 && d.range.upperBound <= bytes.count, "\(d.rule) at \(d.range)")
        }
        for r in analysis.references {
            #expect(r.range.upperBound <= bytes.count, "reference at \(r.range)")
        }
        let workspace = WorkspaceAnalysis(documents: [analysis])
        _ = IncidentRecords.build(workspace: workspace, gazetteer: Fixture.gazetteer)
    }

    @Test func thereAreRegressionInputs() {
        #expect(!Self.files.isEmpty, "no files in \(Self.regressions.path)")
    }

    @Test(arguments: files)
    func replay(_ name: String) throws {
        let data = try Data(contentsOf: Self.regressions.appendingPathComponent(name))
        Self.checkInvariants([UInt8](data))
    }

    /// Found by the parser target: invalid UTF-8 in an id list made the item
    /// ranges (counted in the decoded value, where each bad byte is 3 bytes of
    /// U+FFFD) run past the end of the value and of the document.
    @Test func idListItemRangesStayInsideTheValueOnInvalidUTF8() throws {
        let bytes = Array("::: incident a place=kayes".utf8) + [0xA4, 0xA4, 0xA4] + Array(",nioro\n:::\n".utf8)
        let tree = SyntaxTree.parse(bytes: bytes)
        let place = try #require(tree.incidents.first?.attributes.first { $0.key == "place" })
        let valueRange = try #require(place.valueRange)
        let items = place.listItems
        #expect(items.count == 2)
        for item in items {
            #expect(item.range.lowerBound >= valueRange.lowerBound && item.range.upperBound <= valueRange.upperBound)
        }
        Self.checkInvariants(bytes)
    }

    /// With valid UTF-8 the ranges are exact.
    @Test func idListItemRangesAreExactOnValidUTF8() throws {
        let text = "::: incident a place=ségou,nioro\n:::\n"
        let tree = SyntaxTree.parse(text)
        let place = try #require(tree.incidents.first?.attributes.first { $0.key == "place" })
        #expect(place.listItems.map { tree.text($0.range) } == ["ségou", "nioro"])
    }

    /// Found with a 10 MB one-line document: every tag rescanned the rest of
    /// the line. The result on a long line of tags must be the same as on short lines.
    @Test func manyTagsOnOneLineParseLikeManyLines() {
        let tag = "[three civilians]{killed victim=civilians} and "
        let count = 20_000
        let oneLine = SyntaxTree.parse(String(repeating: tag, count: count))
        #expect(oneLine.tags.count == count)
        #expect(oneLine.tags.allSatisfy { $0.isClosed && $0.kind == .killed })
        let last = oneLine.tags[count - 1]
        #expect(oneLine.text(last.range) == "[three civilians]{killed victim=civilians}")
        #expect(oneLine.diagnostics.isEmpty)
    }

    /// A tag whose text spans lines still finds the braces on the later line.
    @Test func tagSpanningLinesStillReadsItsAttributes() throws {
        let tree = SyntaxTree.parse("Before [three\ncivilians]{killed victim=civilians} after.\n")
        let tag = try #require(tree.tags.first)
        #expect(tag.kind == .killed && tag.isClosed)
        #expect(tag.attribute("victim")?.value == "civilians")
    }
}
