import Foundation
import Testing

/// The TextMate grammar in `Grammar/`: well-formed, and tokenized by a real
/// TextMate engine (babi on Oniguruma) with the expected scope on every construct.
@Suite
struct GrammarTests {
    private static let grammarPath = "Grammar/tally.tmLanguage.json"
    private static let configurationPath = "Grammar/language-configuration.json"

    @Test
    func grammarIsJSONWithTheTallyScopeAndNoNamedGroups() throws {
        let root = ExternalTool.packageRoot
        let data = try Data(contentsOf: root.appendingPathComponent(Self.grammarPath))
        let grammar = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(grammar["scopeName"] as? String == "text.tally")
        #expect((grammar["fileTypes"] as? [String])?.contains("tally") == true)
        let repository = try #require(grammar["repository"] as? [String: Any])
        for rule in ["front-matter", "comment", "incident-block", "tag", "tag-kind", "string"] {
            #expect(repository[rule] != nil, "grammar repository lacks \(rule)")
        }
        // Oniguruma numbers groups differently from vscode-textmate when a
        // pattern mixes named and plain groups, so the grammar uses none.
        var patterns: [String] = []
        Self.collectPatterns(grammar, into: &patterns)
        #expect(patterns.count > 10)
        for pattern in patterns {
            #expect(!Self.hasNamedGroup(pattern), "named group in \(pattern)")
        }
    }

    @Test
    func languageConfigurationDeclaresCommentsBracketsAndFolding() throws {
        let data = try Data(contentsOf: ExternalTool.packageRoot.appendingPathComponent(Self.configurationPath))
        let configuration = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect((configuration["comments"] as? [String: Any])?["lineComment"] as? String == "%%")
        let brackets = try #require(configuration["brackets"] as? [[String]])
        #expect(brackets.contains(["[", "]"]) && brackets.contains(["{", "}"]))
        let markers = try #require((configuration["folding"] as? [String: Any])?["markers"] as? [String: String])
        let start = try NSRegularExpression(pattern: try #require(markers["start"]))
        let end = try NSRegularExpression(pattern: try #require(markers["end"]))
        #expect(Self.matches(start, "::: incident kayes-1 date=2025-07-01"))
        #expect(!Self.matches(start, ":::"))
        #expect(Self.matches(end, ":::") && !Self.matches(end, "::: incident x"))
        let word = try NSRegularExpression(pattern: try #require(configuration["wordPattern"] as? String))
        for id in ["nioro-du-sahel", "geonames:2455518"] {
            let text = "place=\(id)}"
            let found = word.matches(in: text, range: NSRange(text.startIndex..., in: text))
                .map { (text as NSString).substring(with: $0.range) }
            #expect(found.contains(id), "wordPattern splits \(id): \(found)")
        }
    }

    /// Runs Tests/Tools/grammar/check_grammar.py with the virtual environment
    /// that `.ci/run` creates (`.build/venv` with babi from PyPI).
    @Test
    func babiTokenizesEveryConstructWithItsScope() throws {
        let root = ExternalTool.packageRoot
        let python = root.appendingPathComponent(".build/venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            ExternalTool.unavailable(
                "babi grammar test",
                "no virtual environment at .build/venv (create it: python3 -m venv .build/venv && .build/venv/bin/pip install babi)")
            return
        }
        let script = root.appendingPathComponent("Tests/Tools/grammar/check_grammar.py")
        let run = try ExternalTool.run(python, [script.path, "--root", root.path], timeout: 300)
        if run.status == 2 {
            ExternalTool.unavailable("babi grammar test", "the script could not start: \(run.output)")
            return
        }
        #expect(!run.timedOut, "check_grammar.py did not finish")
        #expect(run.status == 0, "check_grammar.py failed:\n\(run.output)")
        #expect(run.output.contains(" 0 failed"), "unexpected output:\n\(run.output)")
    }

    private static func collectPatterns(_ node: Any, into patterns: inout [String]) {
        if let dictionary = node as? [String: Any] {
            for (key, value) in dictionary {
                if ["match", "begin", "end", "while"].contains(key), let pattern = value as? String {
                    patterns.append(pattern)
                } else {
                    collectPatterns(value, into: &patterns)
                }
            }
        } else if let array = node as? [Any] {
            for element in array { collectPatterns(element, into: &patterns) }
        }
    }

    /// `(?<name>` or `(?P<name>`; lookbehinds `(?<=` and `(?<!` are fine.
    private static func hasNamedGroup(_ pattern: String) -> Bool {
        let bytes = Array(pattern.utf8)
        var index = 0
        while index + 3 < bytes.count {
            if bytes[index] == UInt8(ascii: "\\") {
                index += 2
                continue
            }
            if bytes[index] == UInt8(ascii: "("), bytes[index + 1] == UInt8(ascii: "?") {
                var next = index + 2
                if bytes[next] == UInt8(ascii: "P") { next += 1 }
                if next + 1 < bytes.count, bytes[next] == UInt8(ascii: "<") || bytes[next] == UInt8(ascii: "'"),
                   bytes[next + 1] != UInt8(ascii: "="), bytes[next + 1] != UInt8(ascii: "!") {
                    return true
                }
            }
            index += 1
        }
        return false
    }

    private static func matches(_ expression: NSRegularExpression, _ text: String) -> Bool {
        expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}
