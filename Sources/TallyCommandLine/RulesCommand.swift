import TallyAnalysis

/// `tally rules`: the rule catalog.
enum RulesCommand {
    static func run(_ args: [String]) -> Int32 {
        let width = RuleCatalog.all.map(\.name.count).max() ?? 20
        var out = ""
        for r in RuleCatalog.all {
            out += r.name.padding(width) + "  " + r.defaultSeverity.rawValue.padding(7) + "  " + r.summary + "\n"
        }
        Console.out(out)
        return 0
    }
}

extension String {
    func padding(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
}
