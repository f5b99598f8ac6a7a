import Foundation
import Testing
import TallySyntax
@testable import TallyAnalysis

/// Formats `text`, and checks on the way that formatting again changes
/// nothing and that the article text is the same.
private func format(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    let once = Formatter.formatted(text)
    #expect(Formatter.formatted(once) == once, "formatting is not idempotent", sourceLocation: sourceLocation)
    #expect(SyntaxTree.parse(once).articleText() == SyntaxTree.parse(text).articleText(),
            "formatting changed the article text", sourceLocation: sourceLocation)
    return once
}

/// The edits for `text`, with `range` when given.
private func edits(_ text: String, range: Range<Int>? = nil) -> [TextEdit] {
    Formatter.edits(for: SyntaxTree.parse(text), range: range)
}

/// The byte range of the first occurrence of `needle` in `text`.
private func byteRange(of needle: String, in text: String) -> Range<Int> {
    let hay = Array(text.utf8), n = Array(needle.utf8)
    for i in 0...(hay.count - n.count) where Array(hay[i..<(i + n.count)]) == n { return i..<(i + n.count) }
    Issue.record("'\(needle)' not found")
    return 0..<0
}

@Suite struct FormatterTests {
    // MARK: Tags

    @Test func tagBracesGetSingleSpacesAndNoPadding() {
        #expect(format("A [raid]{  killed=3 \t victim=civilians   } here.\n")
                == "A [raid]{killed=3 victim=civilians} here.\n")
    }

    @Test func tagAttributesFollowTheCanonicalOrder() {
        #expect(format("[41 soldiers]{killed note=x in=a by=jnim victim=fama}\n")
                == "[41 soldiers]{killed victim=fama by=jnim in=a note=x}\n")
        #expect(format("[Kayes]{place note=\"the town\"}\n") == "[Kayes]{place note=\"the town\"}\n")
    }

    @Test func quotesAreDroppedWhenNotNeeded() {
        #expect(format("[x]{killed note=\"plain\"}\n") == "[x]{killed note=plain}\n")
        #expect(format("[the group]{actor=\"jnim\"}\n") == "[the group]{actor=jnim}\n")
        #expect(format("[x]{killed=\"4\"}\n") == "[x]{killed=4}\n")
        // An escape that is not needed is resolved.
        #expect(format("[x]{killed note=\"\\q\"}\n") == "[x]{killed note=q}\n")
    }

    @Test func quotesStayWhenNeededWithCanonicalEscapes() {
        for kept in [#"note="two words""#, #"note="say \"hi\"""#, #"note="a=b""#, #"note="x}""#,
                     #"note="a [b""#, #"note="""#, #"note="back\\slash and space""#] {
            let doc = "[x]{killed \(kept)}\n"
            #expect(format(doc) == doc, "\(kept)")
        }
    }

    @Test func bareValuesStayAsWritten() {
        let doc = "[x]{killed=10-20 victim=fama,civilians note=a\"b}\n"
        #expect(SyntaxTree.parse(doc).diagnostics.isEmpty)
        #expect(format(doc) == doc)
    }

    @Test func oneEditPerChangedTagCoveringOnlyItsBraces() {
        let doc = "[a]{killed  victim=fama} and [b]{place} and [c]{ injured}\n"
        let e = edits(doc)
        #expect(e.count == 2)
        #expect(e.map(\.range) == [byteRange(of: "{killed  victim=fama}", in: doc), byteRange(of: "{ injured}", in: doc)])
        #expect(e.map(\.newText) == ["{killed victim=fama}", "{injured}"])
    }

    // MARK: Incident lines

    @Test func incidentLineIsCanonical() {
        let doc = """
        :::incident  west   note="x y" killed=3 victim=fama place=kayes by=jnim injured=2  type=armed-clash date=2025-07-01 \t
        Text.
        :::   \t
        """
        #expect(format(doc) == """
        ::: incident west date=2025-07-01 type=armed-clash place=kayes by=jnim victim=fama killed=3 injured=2 note="x y"
        Text.
        :::
        """)
    }

    @Test func allTotalsFollowTheKindOrder() {
        let doc = "::: incident a displaced=6 arrested=5 missing=4 abducted=3 injured=2 killed=1\n:::\n"
        #expect(format(doc) == "::: incident a killed=1 injured=2 abducted=3 missing=4 arrested=5 displaced=6\n:::\n")
    }

    @Test func canonicalIncidentLinesGiveNoEdits() {
        let doc = "::: incident a date=2025-06-18 type=attack place=kayes killed=130+\nText [x]{killed=130+}.\n:::\n"
        #expect(edits(doc).isEmpty)
    }

    // MARK: Front matter

    @Test func frontMatterKeysGetOneSpaceAndTheCanonicalOrder() {
        let doc = "---\nlanguage:en\n  source:   Example Daily  \nzeta: 1\ntitle:\tAttacks\nalpha: 2\nauthor:\n---\nText.\n"
        #expect(format(doc) == "---\ntitle: Attacks\nsource: Example Daily\nauthor:\nlanguage: en\nzeta: 1\nalpha: 2\n---\nText.\n")
    }

    @Test func frontMatterValuesAreKeptAsWritten() {
        let doc = "---\ntitle:   \"Quoted:  title\"\n---\n"
        #expect(format(doc) == "---\ntitle: \"Quoted:  title\"\n---\n")
    }

    @Test func frontMatterWithACommentLineIsNotReordered() {
        let doc = "---\nsource:  S\n# keep me   \ntitle:  T\n---\n"
        #expect(format(doc) == "---\nsource: S\n# keep me   \ntitle: T\n---\n")
    }

    @Test func frontMatterWithAnErrorKeepsThatLineAndItsOrder() {
        let doc = "---\nsource:  S\ntitle without colon  \ntitle:  T\n---\n"
        #expect(format(doc) == "---\nsource: S\ntitle without colon  \ntitle: T\n---\n")
        let dup = "---\nsource:  S\ntitle: T\nsource: U\n---\n"
        #expect(format(dup) == "---\nsource: S\ntitle: T\nsource: U\n---\n")
    }

    @Test func unclosedFrontMatterIsLeftAlone() {
        let doc = "---\nsource:  S\nNote:  this is prose\n"
        #expect(edits(doc).isEmpty)
    }

    // MARK: What is never changed

    @Test func proseCommentsAndTagTextAreNeverChanged() {
        let doc = "%% a comment   \n  Prose with trailing blanks   \n[  three  men ]{ abducted }   \n"
        #expect(format(doc) == "%% a comment   \n  Prose with trailing blanks   \n[  three  men ]{abducted}   \n")
    }

    @Test func tagsWithSyntaxErrorsAreUntouched() {
        for bad in ["[x]{ kiled  victim=fama }", "[x]{ killed  vctim=fama }", "[x]{ killed victim=a  victim=b }",
                    "[x]{ killed=forty  }", "[x]{ killed  note\"x\" }", "[x]{ killed  victim= }",
                    "[x]{  place=kayes/town }", "[x]{ }", "[x]{ killed =3 }"] {
            let doc = "A \(bad) and [y]{ place }.\n"
            #expect(format(doc) == "A \(bad) and [y]{place}.\n", "\(bad)")
        }
    }

    @Test func unclosedTagIsUntouched() {
        let doc = "Gunmen took [three workers]{abducted   victim=civilians\n"
        #expect(edits(doc).isEmpty)
    }

    @Test func incidentLinesWithErrorsAreUntouched() {
        for bad in ["::: incident  a  dte=2025-01-01", "::: incident  a date=2025-13-01 ", "::: event  a  ",
                    "::: incident  a killed=3  killed=4", "::: incident  date=2025-01-01", "::: incident a  note=\"x"] {
            let doc = "\(bad)\n:::\n"
            #expect(format(doc).hasPrefix("\(bad)\n"), "\(bad)")
        }
        // An unclosed block's opening line carries the diagnostic.
        #expect(format("::: incident  a   killed=3\nText.\n") == "::: incident  a   killed=3\nText.\n")
        // A stray fence stays as written.
        #expect(format("Text.\n:::  \n") == "Text.\n:::  \n")
    }

    // MARK: Range formatting

    @Test func rangeFormattingTouchesOnlySelectedTags() {
        let (doc, offset) = cursor("[a]{ killed } and [b]{ pl$0ace } and [c]{ actor }\n")
        let e = edits(doc, range: offset..<offset)
        #expect(e == [TextEdit(range: byteRange(of: "{ place }", in: doc), newText: "{place}")])
        let both = edits(doc, range: byteRange(of: "killed } and [b", in: doc))
        #expect(both.map(\.newText) == ["{killed}", "{place}"])
    }

    @Test func rangeFormattingOfAnIncidentLine() {
        let doc = "::: incident  a  killed=3\n[x]{ killed }\n:::  \n"
        let opening = edits(doc, range: byteRange(of: "incident", in: doc))
        #expect(opening.map(\.newText) == ["::: incident a killed=3"])
        let closing = edits(doc, range: byteRange(of: ":::  ", in: doc))
        #expect(closing == [TextEdit(range: byteRange(of: ":::  ", in: doc), newText: ":::")])
        #expect(edits(doc).count == 3)
    }

    @Test func rangeFormattingOfFrontMatter() {
        let doc = "---\nsource:  S\ntitle: T\n---\n[x]{ place }\n"
        let inFrontMatter = edits(doc, range: byteRange(of: "title", in: doc))
        #expect(inFrontMatter == [TextEdit(range: byteRange(of: "source:  S\ntitle: T", in: doc), newText: "title: T\nsource: S")])
        #expect(edits(doc, range: byteRange(of: "place", in: doc)).map(\.newText) == ["{place}"])
    }

    // MARK: Line endings and encodings

    @Test func crlfLineBreaksAreKept() {
        let doc = "---\r\nsource:  S\r\ntitle: T  \r\n---\r\n:::incident a  killed=1 \r\n[one]{ killed }\r\n:::  \r\n"
        let out = format(doc)
        #expect(out == "---\r\ntitle: T\r\nsource: S\r\n---\r\n::: incident a killed=1\r\n[one]{killed}\r\n:::\r\n")
    }

    @Test func invalidUTF8ElsewhereIsKeptByteForByte() {
        var bytes = Array("Caf".utf8) + [0xFF] + Array(" [x]{ killed } ".utf8) + [0xC3] + Array("\n".utf8)
        let out = Formatter.formatted(bytes: bytes)
        bytes = Array("Caf".utf8) + [0xFF] + Array(" [x]{killed} ".utf8) + [0xC3] + Array("\n".utf8)
        #expect(out == bytes)
    }

    @Test func theFlagshipExampleIsFormatted() throws {
        let root = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        let path = "/" + root + "/Grammar/examples/mali-2025.tally"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(edits(text).isEmpty)
    }
}
