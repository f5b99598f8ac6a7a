import Testing
@testable import TallySyntax

@Suite struct ParserTests {
    func rules(_ s: String) -> [String] { SyntaxTree.parse(s).diagnostics.map(\.rule) }

    @Test func tokensCoverEveryByteInOrder() {
        let doc = """
        ---
        title: Attacks in Kayes
        language: en
        ---
        %% checked twice
        ::: incident kayes-2025-07-01 date=2025-07-01 place=kayes killed=1
        Gunmen took [three Indian nationals]{abducted victim=civilians note="cement \\"plant\\""}.
        [File: Reuters] and \\[not a tag]{x}.
        :::

        """
        let tree = SyntaxTree.parse(doc)
        var offset = 0
        for t in tree.tokens {
            #expect(t.start == offset)
            #expect(t.end > t.start)
            offset = t.end
        }
        #expect(offset == doc.utf8.count)
        #expect(tree.diagnostics.isEmpty, "\(tree.diagnostics)")
    }

    @Test func tagParts() throws {
        let tree = SyntaxTree.parse("x [at least 130 people]{killed=130+ victim=civilians by=jnim} y")
        let tag = try #require(tree.tags.first)
        #expect(tree.tagText(tag) == "at least 130 people")
        #expect(tag.kind == .killed)
        #expect(tag.value == "130+")
        #expect(tag.attribute("victim")?.value == "civilians")
        #expect(tag.attribute("by")?.value == "jnim")
        #expect(tree.text(tag.range) == "[at least 130 people]{killed=130+ victim=civilians by=jnim}")
        #expect(tag.isClosed)
    }

    @Test func bracketWithoutBraceIsText() {
        let tree = SyntaxTree.parse("Soldiers [File: Reuters] drill. [x] {killed}")
        #expect(tree.tags.isEmpty)
        #expect(tree.diagnostics.isEmpty)
        #expect(tree.articleText() == "Soldiers [File: Reuters] drill. [x] {killed}")
    }

    @Test func escapeKeepsBracketInArticle() {
        let tree = SyntaxTree.parse(#"a \[b]{killed} c"#)
        #expect(tree.tags.isEmpty)
        #expect(tree.articleText() == "a [b]{killed} c")
    }

    @Test func stripRemovesMarkupOnly() {
        let doc = "---\ntitle: T\n---\n%% note\n::: incident a date=2025-01-02\nThe [army]{actor=fama} lost [41 soldiers]{killed}.\n:::\nEnd.\n"
        #expect(SyntaxTree.parse(doc).articleText() == "The army lost 41 soldiers.\nEnd.\n")
    }

    @Test func crlfLinesAndMultiLineTag() {
        let doc = "::: incident a\r\nat [least\r\nthree people]{killed}\r\n:::\r\n"
        let tree = SyntaxTree.parse(doc)
        #expect(tree.diagnostics.isEmpty, "\(tree.diagnostics)")
        #expect(tree.tags.count == 1)
        #expect(tree.incidents.first?.closingLine != nil)
        #expect(tree.articleText() == "at least\r\nthree people\r\n")
    }

    @Test func unclosedTagReportsOnceAndRecovers() {
        let tree = SyntaxTree.parse("[a]{killed victim=civilians\n[b]{kiled} and [c]{injured=x} [d]{place}\n")
        #expect(tree.diagnostics.map(\.rule) == ["unclosed-tag", "unknown-kind", "malformed-count"])
        #expect(tree.tags.count == 4)
        #expect(tree.diagnostics[1].message.contains("Did you mean 'killed'"))
    }

    @Test func attributeErrors() {
        #expect(rules("[a]{killed victim=x victim=y}") == ["duplicate-attribute"])
        #expect(rules("[a]{killed vctim=x}") == ["unknown-attribute"])
        #expect(rules("[a]{place note=\"unterminated}") == ["malformed-attribute"])
        #expect(rules("[a]{}") == ["unknown-kind"])
        #expect(rules("[a]{place=bad/id}") == ["malformed-id"])
        #expect(rules("[a]{killed in=}") == ["missing-value"])
    }

    @Test func blockErrors() {
        #expect(rules(":::\n") == ["stray-fence"])
        #expect(rules("::: incident a\ntext\n") == ["unclosed-block"])
        #expect(rules("::: incident a\n::: incident b\n:::\n") == ["nested-block"])
        #expect(rules("::: incident a date=2025-13-01\n:::\n") == ["malformed-date"])
        #expect(rules("::: incident a date=2025-06-18/2025-06-19 killed=4- foo=1\n:::\n") == ["malformed-count", "unknown-attribute"])
        #expect(rules("::: event a\n:::\n") == ["unknown-block"])
        #expect(rules("::: incident\n:::\n") == ["malformed-id"])
    }

    @Test func frontMatterErrors() {
        #expect(rules("---\ntitle T\n---\n") == ["bad-front-matter"])
        #expect(rules("---\ntitle: T\n") == ["bad-front-matter"])
        let tree = SyntaxTree.parse("---\ntitle: \"Quoted\"\npublished: 2025-07-03\n---\nbody")
        #expect(tree.frontMatter?.entry("title")?.value == "Quoted")
        #expect(tree.frontMatter?.entry("published")?.value == "2025-07-03")
        #expect(tree.articleText() == "body")
    }

    @Test func tagsKnowTheirIncident() {
        let tree = SyntaxTree.parse("[a]{killed}\n::: incident x\n[b]{killed}\n:::\n[c]{killed}\n")
        #expect(tree.tags.map(\.enclosingIncident) == [nil, 0, nil])
        #expect(tree.incidents[0].tagIndices == 1..<2)
        #expect(tree.incidentIndex(at: tree.tags[1].range.lowerBound) == 0)
        #expect(tree.tagIndex(at: tree.tags[2].range.lowerBound + 1) == 2)
    }

    @Test func invalidUTF8IsLocated() {
        let tree = SyntaxTree.parse(bytes: Array("ok ".utf8) + [0xC3, 0x28] + Array(" x".utf8))
        #expect(tree.diagnostics.first?.rule == "invalid-utf8")
        #expect(tree.diagnostics.first?.range.lowerBound == 3)
    }
}

@Suite struct RecoveryTests {
    @Test func unclosedTagEndsBeforeTheFirstWordThatIsNotAnAttribute() throws {
        let tree = SyntaxTree.parse("and [one civilian]{killed victim=civilians died there. Then [Kayes]{place}.\n")
        #expect(tree.diagnostics.map(\.rule) == ["unclosed-tag"])
        #expect(tree.tags.count == 2)
        let first = try #require(tree.tags.first)
        #expect(tree.text(first.range) == "[one civilian]{killed victim=civilians")
        #expect(first.attribute("victim")?.value == "civilians")
        #expect(tree.articleText() == "and one civilian died there. Then Kayes.\n")
    }
}
