import Foundation
import Testing
@testable import TallyAnalysis

/// Every rule example of the language reference triggers its rule, and every rule is documented.
@Suite struct ReferenceExamplesTests {
    static let reference: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("Grammar/REFERENCE.md"), encoding: .utf8)) ?? ""
    }()

    /// (rule, example) pairs: a `#### rule` heading followed by a ```tally block before the next heading.
    static let examples: [(rule: String, example: String)] = {
        var out: [(String, String)] = []
        var rule: String? = nil
        var inBlock = false
        var block: [String] = []
        for line in reference.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if inBlock {
                if line == "```" {
                    if let r = rule { out.append((r, block.joined(separator: "\n") + "\n")); rule = nil }
                    inBlock = false
                } else {
                    block.append(line)
                }
                continue
            }
            if line.hasPrefix("#### ") { rule = String(line.dropFirst(5)) } else if line.hasPrefix("#") { rule = nil }
            if line == "```tally", rule != nil { inBlock = true; block = [] }
        }
        return out
    }()

    @Test func everyRuleHasAHeading() {
        #expect(!Self.reference.isEmpty)
        for r in RuleCatalog.all {
            #expect(Self.reference.contains("#### \(r.name)\n\(r.defaultSeverity.rawValue)"), "REFERENCE.md documents \(r.name) with its default severity")
        }
    }

    @Test func thereAreManyExamples() {
        #expect(Self.examples.count >= 25)
    }

    @Test(arguments: examples.map(\.rule))
    func exampleTriggersItsRule(rule: String) throws {
        let example = try #require(Self.examples.first { $0.rule == rule }?.example)
        let doc = Fixture.analyze(example)
        let found = WorkspaceAnalysis(documents: [doc]).diagnostics(for: doc.uri).map(\.rule)
        #expect(found.contains(rule), "example of \(rule) gives \(found)")
    }
}
